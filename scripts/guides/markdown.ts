/**
 * Reads the Microsoft Learn deployment guides under data/guides: front matter, includes resolved,
 * and the page cut into sections with the anchors Learn gives them. Generators (catalog guide
 * references, checklists, snippets) work on these sections rather than on raw files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { learnUrl, virtualLocation } from './learnUrl';

export { learnUrl, virtualLocation } from './learnUrl';

export interface Section {
  /** Heading text with inline Markdown removed. */
  heading: string;
  /** 1-6; 0 for text before the first heading. */
  level: number;
  anchor: string;
  /** Learn URL of the section (the page URL itself for the level-1 title). */
  href: string;
  /** The section's own Markdown (up to the next heading of any level), includes resolved. */
  text: string;
}

export interface Guide {
  /** Relative to data/guides, forward slashes. */
  path: string;
  /** Front matter title. */
  title: string;
  /** Front matter description ('' when absent). */
  description: string;
  url: string;
  sections: Section[];
  /** Include targets that could not be found; they stay in the text as written. */
  unresolvedIncludes: string[];
}

const GUIDES_DIR = 'data/guides';

/** Folders that hold fragments pulled into pages, not pages of their own. */
function isIncludePath(relativePath: string): boolean {
  return relativePath.startsWith('repo-includes/') || relativePath.split('/').includes('includes');
}

/** Every guide page (the wider guides and the seeds), includes excluded, relative to data/guides, sorted. */
export function listGuides(root: string): string[] {
  const base = posix.join(root.split('\\').join('/'), GUIDES_DIR);
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(posix.join(base, dir))) {
      const relative = dir ? `${dir}/${entry}` : entry;
      if (statSync(posix.join(base, relative)).isDirectory()) walk(relative);
      else if (entry.endsWith('.md') && !isIncludePath(relative)) out.push(relative);
    }
  };
  walk('');
  return out.sort();
}

export function loadGuide(root: string, guidePath: string): Guide {
  const base = posix.join(root.split('\\').join('/'), GUIDES_DIR);
  const raw = readFileSync(posix.join(base, guidePath), 'utf8');
  const { frontMatter, body } = splitFrontMatter(raw);
  const unresolved: string[] = [];
  const text = resolveIncludes(base, guidePath, body, unresolved, [guidePath]);
  const url = learnUrl(guidePath);
  const title = typeof frontMatter.title === 'string' ? frontMatter.title : '';
  const description = typeof frontMatter.description === 'string' ? frontMatter.description : '';
  return { path: guidePath, title, description, url, sections: splitSections(text, url), unresolvedIncludes: unresolved };
}

/** Loads every guide once; generators share one cache per run. */
export function loadGuides(root: string): Map<string, Guide> {
  const guides = new Map<string, Guide>();
  for (const path of listGuides(root)) guides.set(path, loadGuide(root, path));
  return guides;
}

export function splitFrontMatter(raw: string): { frontMatter: Record<string, unknown>; body: string } {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match) return { frontMatter: {}, body: text };
  let frontMatter: Record<string, unknown> = {};
  try {
    const parsed: unknown = parseYaml(match[1]);
    if (parsed && typeof parsed === 'object') frontMatter = parsed as Record<string, unknown>;
  } catch {
    // A guide with broken front matter still has a usable body.
  }
  return { frontMatter, body: text.slice(match[0].length) };
}

const INCLUDE = /\[!INCLUDE\s*\[[^\]]*\]\(([^)\s]+)\)\]/g;

/** The Learn docs repository keeps shared fragments at its root; our copy lives in repo-includes/. */
const REPO_INCLUDE = /^(?:\.\.\/)+includes\/configure\/(.+)$/;

function resolveIncludes(base: string, including: string, text: string, unresolved: string[], stack: string[]): string {
  return text.replace(INCLUDE, (whole, target: string, offset: number) => {
    const found = findInclude(base, including, target);
    if (!found || stack.includes(found)) {
      unresolved.push(target);
      return whole;
    }
    const body = splitFrontMatter(readFileSync(posix.join(base, found), 'utf8')).body;
    const resolved = rebaseLinks(resolveIncludes(base, found, body, unresolved, [...stack, found]), found, including).trim();
    // An include inside a line (tooltips in "applies to" lists) must stay on that line.
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const inline = text.slice(lineStart, offset).trim() !== '' || !/^\s*(\n|$)/.test(text.slice(offset + whole.length));
    return inline ? resolved.replace(/\s*\n\s*/g, ' ') : resolved;
  });
}

/**
 * An include's relative links are relative to the include file; once its text is inlined into the
 * including page they must be relative to that page (Learn does the same when it builds the page).
 * Seeds link relative to the page they are a version of.
 */
function rebaseLinks(text: string, from: string, into: string): string {
  const fromDir = posix.dirname(from);
  const intoDir = posix.dirname(virtualLocation(into) ?? into);
  const rebase = (target: string): string => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/') || target.startsWith('#')) return target;
    const [path, ...anchor] = target.split('#');
    const absolute = posix.normalize(posix.join(fromDir, path));
    if (absolute.startsWith('..')) return target;
    const relative = posix.relative(intoDir, absolute) || posix.basename(absolute);
    return [relative, ...anchor].join('#');
  };
  return text
    .replace(/(\]\()([^)\s]+)/g, (_whole, open: string, target: string) => `${open}${rebase(target)}`)
    .replace(/^(\s*\[[^\]]+\]:\s*)(\S+)/gm, (_whole, open: string, target: string) => `${open}${rebase(target)}`);
}

function findInclude(base: string, including: string, target: string): string | undefined {
  const repoLevel = REPO_INCLUDE.exec(target);
  const candidates: string[] = [];
  if (repoLevel) candidates.push(`repo-includes/configure/${repoLevel[1]}`);
  candidates.push(posix.normalize(posix.join(posix.dirname(including), target)));
  const virtual = virtualLocation(including);
  if (virtual) {
    // Seeds are old versions of pages that lived elsewhere: their includes are relative to that place,
    // and the fragments they name were later moved into the deploy/ includes folders.
    candidates.push(posix.normalize(posix.join(posix.dirname(virtual), target)));
    const name = posix.basename(target);
    candidates.push(`hello-for-business/deploy/includes/${name}`, `hello-for-business/includes/${name}`);
  }
  return candidates.find((candidate) => !candidate.startsWith('..') && existsSync(posix.join(base, candidate)));
}

/** Learn tabs ("# [Intune](#tab/intune)") look like headings but are tab labels without anchors. */
const TAB_HEADING = /^#{1,6}\s+\[.*\]\(#tab\/[^)]*\)\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(?:>\s*)*(```|~~~)/;

export function splitSections(text: string, url: string): Section[] {
  const sections: Section[] = [];
  const used = new Map<string, number>();
  let current: { heading: string; level: number; lines: string[] } = { heading: '', level: 0, lines: [] };
  let fence: string | undefined;
  const close = (): void => {
    const body = current.lines.join('\n').replace(/^\n+|\s+$/g, '');
    if (current.level === 0 && body === '') return;
    const anchor = current.level === 0 ? '' : uniqueAnchor(anchorOf(current.heading), used);
    const href = current.level <= 1 || anchor === '' ? url : `${url}#${anchor}`;
    sections.push({ heading: current.heading, level: current.level, anchor, href, text: body });
  };
  for (const line of text.split('\n')) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1];
      else if (fence === fenceMatch[1]) fence = undefined;
    }
    const heading = !fence && !fenceMatch && !TAB_HEADING.test(line) ? HEADING.exec(line) : null;
    if (heading) {
      close();
      current = { heading: stripInlineMarkdown(heading[2]), level: heading[1].length, lines: [] };
    } else {
      current.lines.push(line);
    }
  }
  close();
  return sections;
}

function uniqueAnchor(anchor: string, used: Map<string, number>): string {
  const seen = used.get(anchor);
  used.set(anchor, (seen ?? -1) + 1);
  return seen === undefined ? anchor : `${anchor}-${seen + 1}`;
}

/** Plain text of inline Markdown: links to their text, images and emphasis and code marks removed. */
export function stripInlineMarkdown(text: string): string {
  return text
    .replace(/:::image[^:]*:::/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__|\*|`)/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The id Learn gives a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
  return stripInlineMarkdown(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** The heading a guide gives its sections, with its subsections' text appended (for "whole chapter" reads). */
export function sectionWithSubsections(guide: Guide, index: number): string {
  const start = guide.sections[index];
  const parts = [start.text];
  for (let i = index + 1; i < guide.sections.length && guide.sections[i].level > start.level; i++) {
    const sub = guide.sections[i];
    parts.push(`${'#'.repeat(sub.level)} ${sub.heading}\n\n${sub.text}`);
  }
  return parts.join('\n\n').trim();
}
