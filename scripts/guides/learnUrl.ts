/** Where each guide file is published on Microsoft Learn. */

const LEARN_BASE = 'https://learn.microsoft.com/windows/security/identity-protection/hello-for-business/';
const PUBLISHED_ROOT = 'hello-for-business/';

/**
 * The seeds are dated copies of published pages: each maps to the page it is a version of
 * (a path under hello-for-business/, which need not exist in our copy).
 */
const SEED_PAGES: Record<string, string> = {
  'seeds/hybrid-key-trust.2023.md': 'hello-for-business/deploy/hybrid-key-trust.md',
  'seeds/hybrid-key-trust.2022.md': 'hello-for-business/deploy/hybrid-key-trust.md',
  'seeds/hybrid-cert-trust.2023.md': 'hello-for-business/deploy/hybrid-cert-trust.md',
  'seeds/hybrid-key-trust-enroll.2024.md': 'hello-for-business/deploy/hybrid-key-trust-enroll.md',
  'seeds/deployment-overview.2022.md': 'hello-for-business/hello-deployment-guide.md',
};

/** The published page a seed is a version of; undefined for files that are not seeds. */
export function virtualLocation(guidePath: string): string | undefined {
  return SEED_PAGES[guidePath];
}

/** The Learn URL of a guide file (relative to data/guides); '' for files Learn does not publish. */
export function learnUrl(guidePath: string): string {
  const published = virtualLocation(guidePath) ?? guidePath;
  if (!published.startsWith(PUBLISHED_ROOT)) return '';
  const page = published.slice(PUBLISHED_ROOT.length).replace(/\.md$/, '');
  if (page === 'index') return LEARN_BASE;
  if (page.endsWith('/index')) return `${LEARN_BASE}${page.slice(0, -'index'.length)}`;
  return `${LEARN_BASE}${page}`;
}
