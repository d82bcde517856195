/**
 * Reading a rule's evidence back in the shipped sources: the guide section or DDF file a quote names,
 * normalised so that a quote written as plain text matches the Markdown or XML it comes from.
 * The evidence test and the rule reference generator share it, so what the docs print is what the
 * test checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceQuote } from '../../server/src/rules/evidence';
import { loadGuide, sectionWithSubsections, type Guide } from '../guides/markdown';

/** Markdown to the words a reader sees: markup, list and quote markers, table pipes and line breaks dropped. */
export function normaliseMarkdown(text: string): string {
  return text
    .replace(/^\s*(?:>\s*)*(?:```|~~~).*$/gm, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/gi, ' ')
    .replace(/:::image[^:]*:::/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .split('\n')
    .map((line) => line.replace(/^\s*(?:>\s*)+/, '').replace(/^\s*(?:[-*+]|\d+\.)\s+/, '').replace(/^#{1,6}\s+/, ''))
    .join('\n')
    .replace(/\*\*|__|\*|`/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\|/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** DDF XML as text: entities decoded, whitespace collapsed; elements stay, so a fragment can be quoted. */
export function normaliseXml(text: string): string {
  return text
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const guideCache = new Map<string, Guide>();

function guideAt(root: string, file: string): Guide {
  let guide = guideCache.get(file);
  if (!guide) {
    guide = loadGuide(root, file.replace(/^guides\//, ''));
    guideCache.set(file, guide);
  }
  return guide;
}

/** The guide section an href points at (with its subsections), or the whole page for a page href. */
export function guideSection(root: string, evidence: EvidenceQuote): { heading: string; text: string } | undefined {
  const guide = guideAt(root, evidence.file);
  if (!evidence.href.includes('#')) {
    return evidence.href === guide.url ? { heading: guide.title, text: guide.sections.map((section) => section.text).join('\n\n') } : undefined;
  }
  const index = guide.sections.findIndex((section) => section.level > 1 && section.href === evidence.href);
  if (index < 0) return undefined;
  return { heading: guide.sections[index].heading, text: sectionWithSubsections(guide, index) };
}

/** Why the quote cannot be read where it says it is, or undefined when it can. */
export function evidenceProblem(root: string, evidence: EvidenceQuote): string | undefined {
  if (evidence.source === 'guide') {
    if (!/^guides\/.+\.md$/.test(evidence.file) || evidence.file.split('/').includes('includes')) {
      return `${evidence.file}: a guide quote names the page it is published on (data/guides/..., not an include)`;
    }
    let section;
    try {
      section = guideSection(root, evidence);
    } catch (error) {
      return `${evidence.file}: ${String(error)}`;
    }
    if (!section) return `${evidence.href} is no section of ${evidence.file}`;
    if (!normaliseMarkdown(section.text).includes(normaliseMarkdown(evidence.quote))) {
      return `"${evidence.quote}" is not in ${evidence.href} (${evidence.file})`;
    }
    return undefined;
  }
  if (!/^ddf\/[^/]+\.xml$/.test(evidence.file)) return `${evidence.file}: a DDF quote names a file of data/ddf`;
  let xml: string;
  try {
    xml = readFileSync(join(root, 'data', evidence.file), 'utf8');
  } catch (error) {
    return `${evidence.file}: ${String(error)}`;
  }
  if (!normaliseXml(xml).includes(normaliseXml(evidence.quote))) return `"${evidence.quote}" is not in ${evidence.file}`;
  return undefined;
}

/** How the docs name a quote's source: the guide page and section, or the DDF file. */
export function sourceLabel(root: string, evidence: EvidenceQuote): string {
  if (evidence.source === 'ddf') return `DDF, ${evidence.file.replace(/^ddf\//, '')}`;
  const guide = guideAt(root, evidence.file);
  const section = guideSection(root, evidence);
  return section && section.heading !== guide.title ? `${guide.title}: ${section.heading}` : guide.title;
}
