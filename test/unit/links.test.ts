/**
 * Every link the product shows goes where it says: rule links (server/src/model/ruleCodes.ts), hovers
 * and node docs (the catalog), checklist items and summaries, snippets and templates, links written
 * in the source, the README, docs and walkthrough pages.
 *
 * - A link into the WHfB guides must name a page we ship (data/guides) and, with an anchor, a
 *   heading of that page, its id computed as Learn computes it (lower case, punctuation dropped,
 *   spaces to hyphens; includes are inlined into the page that includes them).
 * - A link into a CSP reference page we have the DDF for must name a node of that CSP: Learn's
 *   heading for a node is its name (Policy CSP areas) or its path below the CSP root.
 * - Any other link is allowed only by the small list below, each with its reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readGeneratedCatalog } from './generatedCatalog';
import { RULES } from '../../server/src/model/ruleCodes';
import { RULE_EVIDENCE } from '../../server/src/rules/evidence';
import { loadGuides } from '../../scripts/guides/markdown';

const root = join(__dirname, '..', '..');
const WHFB = 'https://learn.microsoft.com/windows/security/identity-protection/hello-for-business';
const CSP = 'https://learn.microsoft.com/windows/client-management/mdm';

/** Links to pages we do not ship, each with why the product shows it. Keep this list short. */
const ALLOWED: readonly { prefix: string; reason: string }[] = [
  { prefix: `${WHFB}/`, reason: 'the WHfB overview page: the CLI\'s tool information URI (SARIF) and the README; exact page, no anchor' },
  { prefix: `${WHFB}/hello-deployment-issues`, reason: 'known deployment issues, linked by the AD FS step\'s guide text' },
  { prefix: `${WHFB}/how-it-works`, reason: 'how-it-works pages (provisioning, authentication), linked by the guide text of enrollment steps' },
  { prefix: `${WHFB}/hello-how-it-works-technology`, reason: 'the WHfB glossary, linked by the guide text of the "applies to" tooltips' },
  { prefix: `${CSP}`, reason: 'the CSP reference home, where the README points for CSPs in general (exact page)' },
  { prefix: 'https://learn.microsoft.com/entra/', reason: 'Microsoft Entra documentation the guides cite (federation, PHS/PTA, MFA, device join)' },
  { prefix: 'https://learn.microsoft.com/azure/active-directory/', reason: 'older Entra documentation addresses the guides still cite' },
  { prefix: 'https://learn.microsoft.com/windows-server/', reason: 'Windows Server documentation (AD FS) the guides cite' },
  { prefix: 'https://learn.microsoft.com/troubleshoot/', reason: 'domain controller certificate requirements the PKI steps cite' },
  { prefix: 'https://learn.microsoft.com/mem/', reason: 'Intune documentation: custom profiles (WHFB180/181) and auto-enrollment the guides cite' },
  { prefix: 'https://learn.microsoft.com/windows/configuration/', reason: 'provisioning packages, cited by the planning guide' },
  { prefix: 'https://learn.microsoft.com/graph/', reason: 'Graph API reference the planning guide cites (federatedIdpMfaBehavior)' },
  { prefix: 'https://support.microsoft.com/', reason: 'Windows update (KB) pages the requirements tables cite' },
  { prefix: 'https://admin.microsoft.com/', reason: 'the Microsoft 365 admin center, cited by the planning guide' },
  { prefix: 'https://aka.ms/', reason: 'Microsoft short links the guides use' },
  { prefix: 'http://msdn.microsoft.com/', reason: 'links inside DDF descriptions, shown as Microsoft wrote them' },
  { prefix: 'https://json.schemastore.org/sarif-2.1.0', reason: 'the SARIF schema the CLI output names' },
  { prefix: 'https://github.com/', reason: 'the project and its issue tracker' },
  { prefix: 'https://code.visualstudio.com/', reason: 'VS Code documentation the README points to' },
  { prefix: 'https://docs.github.com/', reason: 'GitHub code scanning documentation (SARIF upload in CI)' },
  { prefix: 'https://yaml.org/', reason: 'the YAML specification' },
  { prefix: 'https://keepachangelog.com/', reason: 'the changelog format CHANGELOG.md follows' },
  { prefix: 'https://semver.org/', reason: 'the versioning CHANGELOG.md follows' },
];

interface Found { url: string; where: string }

const URL = /https?:\/\/[^\s)"'<>`\]\\|]+/g;

/**
 * A scheme with no host (prose about "a bare `https://`") and the reserved `.example` domain
 * (RFC 2606: planted payloads in the injection tests and their write-up) are no links anyone follows.
 */
function isPlaceholder(url: string): boolean {
  const host = /^https?:\/\/([^/?#]*)/.exec(url)?.[1] ?? '';
  return host === '' || host === '...' || host === 'example' || host.endsWith('.example');
}

function urlsIn(text: string, where: string): Found[] {
  return [...text.matchAll(URL)]
    .map((m) => ({ url: m[0].replace(/[.,;:!?*_]+$/, ''), where }))
    .filter((found) => !isPlaceholder(found.url));
}

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (ext.test(entry)) out.push(full);
    }
  };
  walk(join(root, dir));
  return out;
}

function allLinks(): Found[] {
  const found: Found[] = [];
  // ruleCodes.ts builds its links from constants: the rule hrefs are what diagnostics show.
  for (const rule of RULES) found.push({ url: rule.href, where: `ruleCodes.ts ${rule.code}` });
  // evidence.ts likewise: each quote's href is what the rule reference and SARIF help show.
  for (const [code, entry] of Object.entries(RULE_EVIDENCE)) {
    for (const quote of entry.evidence) found.push({ url: quote.href, where: `evidence.ts ${code}` });
  }
  const files = [
    'data/generated/catalog.json', 'data/generated/catalog-texts.json', 'data/generated/checklists.json', 'data/generated/policy-templates.json',
    'snippets/whfb-yaml.json', 'snippets/intune-custom-profile.json', 'package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md',
    ...filesUnder('docs', /\.md$/).map((f) => relative(root, f)),
    ...filesUnder('media/walkthrough', /\.md$/).map((f) => relative(root, f)),
    ...filesUnder('server/src', /\.ts$/).map((f) => relative(root, f)).filter((f) => !f.endsWith('model/ruleCodes.ts') && !f.endsWith('rules/evidence.ts')),
    ...filesUnder('client/src', /\.ts$/).map((f) => relative(root, f)),
  ];
  for (const file of files) found.push(...urlsIn(readFileSync(join(root, file), 'utf8'), file));
  return found;
}

const guides = loadGuides(root);
const catalog = readGeneratedCatalog(root);

/** The id Learn gives a heading, computed here on its own (not with the generator's function). */
function learnId(heading: string): string {
  return heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
}

/** The guide file a WHfB Learn URL stands for. */
function whfbPage(path: string): string {
  const page = path.replace(/^\//, '');
  if (page === '') return 'hello-for-business/index.md';
  if (page.endsWith('/')) return `hello-for-business/${page}index.md`;
  return `hello-for-business/${page}.md`;
}

/** Anchors of each CSP page we have the DDF for: node names, and node paths below the CSP root. */
const cspAnchors = new Map<string, Set<string>>();
for (const node of catalog.nodes) {
  const page = node.referenceUrl.split('#')[0].slice(CSP.length + 1);
  if (!cspAnchors.has(page)) cspAnchors.set(page, new Set());
  const segments = node.path.replace(/^\.\//, '').split('/');
  // ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/X: Learn's heading is "Device/{TenantId}/Policies/X".
  const below = [segments[0], ...segments.slice(4)].join('/');
  cspAnchors.get(page)!.add(node.name.toLowerCase()).add(learnId(below.replace(/\//g, '')));
}

function problem({ url }: Found): string | undefined {
  const [base, anchor] = url.split('#');
  if (base.startsWith(WHFB)) {
    const page = whfbPage(base.slice(WHFB.length));
    const guide = guides.get(page);
    if (!guide) {
      const allowed = ALLOWED.find((a) => base === a.prefix || (a.prefix !== `${WHFB}/` && base.startsWith(a.prefix)));
      return allowed ? undefined : `${page} is not in the shipped guides (data/guides) nor allowed`;
    }
    if (anchor && !guide.sections.some((s) => s.anchor === anchor)) return `no heading "#${anchor}" on ${page}`;
    if (anchor && !guide.sections.some((s) => learnId(s.heading) === anchor.replace(/-\d+$/, ''))) return `"#${anchor}" is not a Learn heading id on ${page}`;
    return undefined;
  }
  if (base.startsWith(`${CSP}/`)) {
    const page = base.slice(CSP.length + 1);
    const anchors = cspAnchors.get(page);
    if (!anchors) return `${page} is a CSP page we have no DDF for`;
    if (anchor && !anchors.has(anchor)) return `no node "#${anchor}" in the DDF of ${page}`;
    return undefined;
  }
  if (base === CSP) return undefined;
  return ALLOWED.some((a) => base.startsWith(a.prefix)) ? undefined : 'not a shipped guide page, not a CSP page, not allowed';
}

test('every link the product shows points at a heading of the shipped guides, a DDF node, or an allowed page', () => {
  const links = allLinks();
  assert.ok(links.length > 300, `links found: ${links.length}`);
  const broken = links.flatMap((link) => {
    const why = problem(link);
    return why ? [`${link.where}: ${link.url} — ${why}`] : [];
  });
  assert.deepEqual([...new Set(broken)], []);
});

test('the check catches the broken links the issue names', () => {
  for (const url of [
    `${WHFB}/policy-settings#pin-complexity`,
    `${WHFB}/deploy/hybrid-cert-trust#directories-and-directory-synchronization`,
    `${WHFB}/deploy/hybrid-cert-trust#multifactor-authentication`,
    `${WHFB}/deploy/hybrid-cert-trust#device-management`,
    'https://learn.microsoft.com/hello-how-it-works-technology',
    `${CSP}/passportforwork-csp#usepassportforwork-typo`,
    `${CSP}/vpnv2-csp`,
  ]) assert.ok(problem({ url, where: 'test' }), url);
  for (const url of [
    `${WHFB}/policy-settings#minimum-pin-length`,
    `${WHFB}/deploy/#authentication-to-microsoft-entra-id`,
    `${CSP}/passportforwork-csp#devicetenantidpoliciesusepassportforwork`,
    `${CSP}/policy-csp-kerberos#cloudkerberosticketretrievalenabled`,
  ]) assert.equal(problem({ url, where: 'test' }), undefined, url);
});

test('every allowed link has a reason', () => {
  for (const entry of ALLOWED) assert.ok(entry.reason.length > 20, entry.prefix);
  assert.ok(ALLOWED.length <= 25, 'the allow-list stays small');
});
