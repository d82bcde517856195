/** Turning the relative links of a guide into guide files, anchors and public URLs. */
import { posix } from 'node:path';
import { learnUrl, virtualLocation } from './learnUrl';

const LEARN_ROOT = 'https://learn.microsoft.com';

export interface LinkTarget {
  /** The guide file the link points at (relative to data/guides), when we have it; '' for the same page. */
  guide?: string;
  anchor: string;
  /** Absolute URL. */
  url: string;
}

/**
 * Where a link written in `fromGuide` goes. Seeds link relative to the page they are a version of.
 * `known` is the set of guide files we hold.
 */
export function resolveLink(fromGuide: string, target: string, known: ReadonlySet<string>): LinkTarget {
  const [pathPart, anchor = ''] = target.split('#');
  if (/^[a-z]+:/i.test(pathPart)) return { anchor, url: target };
  if (pathPart.startsWith('/')) return { anchor, url: `${LEARN_ROOT}${target}` };
  const from = virtualLocation(fromGuide) ?? fromGuide;
  if (pathPart === '') return { guide: fromGuide, anchor, url: `${learnUrl(fromGuide)}${anchor ? `#${anchor}` : ''}` };
  // Learn links may leave out the .md ("../policy-settings"): the same page.
  const written = posix.normalize(posix.join(posix.dirname(from), pathPart));
  const published = !written.endsWith('.md') && known.has(`${written}.md`) ? `${written}.md` : written;
  const guide = known.has(published) ? published : undefined;
  const page = learnUrl(published) || `${LEARN_ROOT}/${published.replace(/\.md$/, '')}`;
  return { ...(guide ? { guide } : {}), anchor, url: `${page}${anchor ? `#${anchor}` : ''}` };
}

/** Markdown with its links made absolute, so it reads the same outside the guide (hover, tree view). */
export function absolutizeLinks(markdown: string, fromGuide: string, definitions: ReadonlyMap<string, string>, known: ReadonlySet<string>): string {
  const absolute = (target: string): string => resolveLink(fromGuide, target, known).url;
  return markdown
    .replace(/:::image[^\n]*?:::/g, '')
    .replace(/\[([^\]]+)\]\[([^\]]+)\]/g, (_whole, text: string, id: string) => {
      const target = definitions.get(id.toLowerCase());
      return target ? `[${text}](${absolute(target)})` : text;
    })
    .replace(/(!?)\[([^\]]*)\]\(([^)\s]+)((?:\s+"[^"]*")?)\)/g, (_whole, bang: string, text: string, target: string, title: string) =>
      bang ? '' : `[${text}](${absolute(target)}${title})`,
    );
}
