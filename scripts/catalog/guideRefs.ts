/**
 * Which guide sections talk about a node: the section names its OMA-URI, links its CSP reference
 * anchor, names it (CamelCase node names only, so "History" or "Status" do not match prose), or
 * names its Group Policy display name.
 * Each section is indexed once (identifiers, OMA-URIs, reference anchors) so the lookup stays fast.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { DocumentedCatalogNode as CatalogNode, GuideRef } from '../../server/src/catalog/types';
import { listGuides, loadGuide, virtualLocation } from '../guides/markdown';

interface IndexedSection {
  guide: string;
  order: number;
  title: string;
  anchor: string;
  href: string;
  text: string;
  identifiers: Set<string>;
  omaUris: Set<string>;
  anchors: Set<string>;
}

export interface ReferenceGuides {
  sections: IndexedSection[];
  /** Every Markdown file under data/guides the references may depend on (pages and their includes). */
  files: string[];
}

const IDENTIFIER = /\b[A-Za-z][A-Za-z0-9_]{2,}\b/g;
const OMA_URI = /\.\/(?:Device|User|Vendor)\/[^\s`|)<\]"'*]+/gi;
const REFERENCE_LINK = /\/windows\/client-management\/mdm\/([a-z0-9-]+)#([a-z0-9]+)/g;

export function loadReferenceGuides(root: string): ReferenceGuides {
  const sections: IndexedSection[] = [];
  for (const path of listGuides(root)) {
    // A seed is an older copy of a page we also hold: the current page is the one to link.
    const current = virtualLocation(path);
    if (current && existsSync(join(root, 'data/guides', current))) continue;
    const guide = loadGuide(root, path);
    if (!guide.url) continue;
    guide.sections.forEach((section, order) => {
      if (section.level === 0) return;
      const text = section.text;
      sections.push({
        guide: path,
        order,
        title: section.level <= 1 || section.heading === guide.title ? guide.title : `${guide.title}: ${section.heading}`,
        anchor: section.level <= 1 ? '' : section.anchor,
        href: section.href,
        // Links to other sections of the same page ("[Minimum PIN length](#minimum-pin-length)" in a tab's
        // table of contents) point elsewhere; they are not a mention of the setting here.
        text: `${section.heading}\n${text.replace(/\[[^\]]*\]\(#[^)]*\)/g, '')}`,
        identifiers: new Set(`${section.heading}\n${text}`.match(IDENTIFIER) ?? []),
        omaUris: new Set((text.match(OMA_URI) ?? []).map(normalizeOmaUri)),
        anchors: new Set([...text.matchAll(REFERENCE_LINK)].map((m) => `${m[1]}#${m[2]}`)),
      });
    });
  }
  return { sections, files: markdownFiles(join(root, 'data/guides')) };
}

function normalizeOmaUri(uri: string): string {
  return uri.replace(/[.,;:]+$/, '').replace(/\/+$/, '').toLowerCase();
}

/** CamelCase names only: "UsePassportForWork" is a node, "History" is a word. */
function isDistinctiveName(name: string): boolean {
  return /[a-z][A-Z]/.test(name) && name.length >= 6;
}

export function guideRefsFor(node: CatalogNode, guides: ReferenceGuides): GuideRef[] {
  const path = node.path.toLowerCase();
  const legacyPath = path.replace(/^\.\/device\//, './');
  const referenceAnchor = node.referenceUrl.includes('#') ? node.referenceUrl.replace(/^.*\/mdm\//, '') : undefined;
  const names = new Set<string>();
  if (!node.interior && isDistinctiveName(node.name)) names.add(node.name);
  const gp = node.groupPolicy;
  if (gp && !/\s/.test(gp.name) && isDistinctiveName(gp.name)) names.add(gp.name);
  const displayName = gp?.displayName && /\s/.test(gp.displayName) ? gp.displayName : undefined;
  const displayPattern = displayName ? new RegExp(`(^|[^\\w])${escapeRegExp(displayName)}($|[^\\w])`) : undefined;

  const refs: GuideRef[] = [];
  const seen = new Set<string>();
  for (const section of guides.sections) {
    const mentioned =
      section.omaUris.has(path) ||
      section.omaUris.has(legacyPath) ||
      (referenceAnchor !== undefined && section.anchors.has(referenceAnchor)) ||
      [...names].some((name) => section.identifiers.has(name)) ||
      (displayPattern !== undefined && section.text.includes(displayName!) && displayPattern.test(section.text));
    if (!mentioned || seen.has(section.href)) continue;
    seen.add(section.href);
    refs.push({ title: section.title, guide: section.guide, anchor: section.anchor, href: section.href });
  }
  return refs;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function markdownFiles(base: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(base, dir))) {
      const relative = dir ? posix.join(dir, entry) : entry;
      if (statSync(join(base, relative)).isDirectory()) walk(relative);
      else if (entry.endsWith('.md')) out.push(relative);
    }
  };
  walk('');
  return out.sort();
}
