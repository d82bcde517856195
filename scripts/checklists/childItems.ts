/**
 * The things to do inside one checklist item, read from the chapter the item points at, so that
 * what an admin ticks is one thing. In order of preference, the first that gives two or more:
 * 1. the guide's own review list ("Before moving to the next section, ensure the following steps
 *    are complete:", "validate your deployment progress by reviewing the following items:");
 * 2. the policy settings a "Configure ... policy settings" section names (each a link to the
 *    policy settings reference), "(optional)" where the guide says so;
 * 3. the model's row of a requirement table when it lists several requirements ("Windows Server
 *    2016 with KB... / Windows Server 2019 with KB..."); rows that are alternatives of each
 *    other (cloud or federated authentication) are not split, nor are "n/a" rows;
 * 4. the numbered steps of the section itself (a procedure);
 * 5. the chapter's subsections, leaving out the ones that only describe (user experience,
 *    sequence diagrams, FAQ) and the ones whose requirement table says "n/a" for the model.
 */
import type { DeploymentModelChecklist } from '../../server/src/checklists/types';
import { checklists, firstLink, pipeTables } from '../guides/blocks';
import { sectionWithSubsections, stripInlineMarkdown, type Guide, type Section } from '../guides/markdown';
import { bestMatch } from './guideLayout';

/** A child as the guide gives it, before it becomes an item (ids, settings, links). */
export interface ChildEntry {
  title: string;
  /** Where the child is explained: a section of this or another guide. */
  guide: Guide;
  section: Section;
  /** A link the guide gives the child (to the policy settings reference), resolved by the caller. */
  link?: string;
  /** Markdown detail; the section's text when absent. */
  detail?: string;
}

export interface ChapterRange {
  guide: Guide;
  /** First section (the item's target) and one past the last section of the chapter. */
  start: number;
  end: number;
}

/** Sections that tell what happens rather than what to do. */
const DESCRIPTIVE = /^(user experience|sequence diagrams?|frequently asked questions|faq|unsupported scenarios|next steps|section review.*|deployment steps|prerequisites|requirements|how to proceed|using this guide|known issues)$/i;
const REVIEW_INTRO = /(ensure|validate|confirm|review)[^.]*\bfollowing\b/i;
const NOT_APPLICABLE = /^(n\/a|no|not required|all supported versions)$/i;

/**
 * The children of an item whose chapter is `range`. A child's own children (`nested`) are only the
 * policy settings a "Configure ... policy settings" child names: the steps of one procedure stay one
 * thing to do.
 */
export function childEntries(range: ChapterRange, deployment: DeploymentModelChecklist['deployment'], nested = false): ChildEntry[] {
  const attempts = nested ? [policySettingsList] : [reviewList, policySettingsList, requirementRow, numberedSteps, subsections];
  for (const attempt of attempts) {
    const entries = distinctTitles(attempt(range, deployment));
    if (entries.length >= 2) return entries;
  }
  return [];
}

/** A page that includes the same review list twice asks for each step once. */
function distinctTitles(entries: ChildEntry[]): ChildEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = entry.title.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The heading that explains a review step: most words shared, and the same verb ("Validate ...") first. */
function explainingHeading(title: string, headings: readonly Section[]): Section | undefined {
  const verb = (text: string) => text.toLowerCase().split(/[^a-z]+/).find(Boolean) ?? '';
  const sameVerb = headings.filter((s) => verb(s.heading) === verb(title));
  return bestMatch(title, sameVerb, (s) => s.heading) ?? bestMatch(title, headings, (s) => s.heading);
}

/** The chapter's sections: the target, then everything below it. */
function sectionsOf(range: ChapterRange): Section[] {
  return range.guide.sections.slice(range.start, range.end);
}

function reviewList(range: ChapterRange): ChildEntry[] {
  const sections = sectionsOf(range);
  const headings = sections.slice(1).filter((s) => !DESCRIPTIVE.test(s.heading));
  const out: ChildEntry[] = [];
  for (const section of sections) {
    for (const list of checklists(section.text)) {
      const before = section.text.slice(0, section.text.indexOf(list.items[0].raw));
      if (!/review/i.test(section.heading) && !REVIEW_INTRO.test(list.intro) && !REVIEW_INTRO.test(lastParagraph(before))) continue;
      for (const item of list.items) {
        const { title, rest } = firstSentence(item.title);
        // The review list names the chapter's steps: point each at the heading that explains it.
        const explained = explainingHeading(title, headings) ?? section;
        out.push({ title, guide: range.guide, section: explained, detail: rest ? `${title}. ${rest}` : undefined });
      }
    }
  }
  return out;
}

/** "There are two policy settings required...:" followed by links to the policy settings reference. */
function policySettingsList(range: ChapterRange): ChildEntry[] {
  const section = range.guide.sections[range.start];
  const out: ChildEntry[] = [];
  for (const block of listBlocks(section.text)) {
    if (block.ordered) continue;
    const links = block.items.map((raw) => firstLink(raw));
    if (!links.every((link) => link && /policy-settings(\.md)?#/.test(link.target))) continue;
    const optional = /\boptional\b/i.test(block.intro);
    for (const link of links) out.push({ title: `${optional ? '(optional) ' : ''}${link!.text}`, guide: range.guide, section, link: link!.target });
  }
  return out;
}

/** The cells of the model's rows in a requirement table (columns "Deployment model" and maybe "Trust type"). */
function requirementRow(range: ChapterRange, deployment: DeploymentModelChecklist['deployment']): ChildEntry[] {
  const section = range.guide.sections[range.start];
  const out: ChildEntry[] = [];
  for (const table of pipeTables(section.text)) {
    const header = table.header.map((cell) => stripInlineMarkdown(cell).toLowerCase());
    const modelColumn = header.indexOf('deployment model');
    if (modelColumn < 0) continue;
    const trustColumn = header.indexOf('trust type');
    const rows = table.rows.filter((row) => matchesModel(row, modelColumn, trustColumn, deployment));
    // Several rows are alternatives (federated or cloud authentication): not separate things to do.
    if (rows.length !== 1) continue;
    const value = rows[0][rows[0].length - 1] ?? '';
    const entries = value.split(/<br\s*\/?>/i).map((part) => stripInlineMarkdown(part.replace(/^\s*-\s*/, ''))).filter(Boolean);
    if (entries.length < 2 || entries.some((entry) => NOT_APPLICABLE.test(entry))) continue;
    for (const entry of entries) out.push({ title: entry, guide: range.guide, section, detail: entry });
  }
  return out;
}

function matchesModel(row: string[], modelColumn: number, trustColumn: number, deployment: DeploymentModelChecklist['deployment']): boolean {
  const model = stripInlineMarkdown(row[modelColumn] ?? '').toLowerCase();
  const wantedModel = deployment.model === 'cloud-only' ? 'cloud-only' : deployment.model;
  if (model !== wantedModel) return false;
  if (trustColumn < 0 || !deployment.trust) return true;
  const trust = stripInlineMarkdown(row[trustColumn] ?? '').toLowerCase().replace(/\s*trust$/, '');
  return trust === { 'cloud-kerberos': 'cloud kerberos', key: 'key', certificate: 'certificate' }[deployment.trust];
}

function numberedSteps(range: ChapterRange): ChildEntry[] {
  const section = range.guide.sections[range.start];
  const block = listBlocks(section.text).find((b) => b.ordered);
  if (!block) return [];
  return block.items.map((raw) => {
    const { title, rest } = firstSentence(stripInlineMarkdown(raw));
    return { title, guide: range.guide, section, detail: rest ? raw : undefined };
  });
}

function subsections(range: ChapterRange, deployment: DeploymentModelChecklist['deployment']): ChildEntry[] {
  const sections = sectionsOf(range);
  const level = Math.max(sections[0].level, 1) + 1;
  const out: ChildEntry[] = [];
  for (let i = 1; i < sections.length; i++) {
    const section = sections[i];
    if (section.level !== level || DESCRIPTIVE.test(section.heading)) continue;
    if (notApplicable(section, deployment)) continue;
    const index = range.start + i;
    out.push({ title: section.heading, guide: range.guide, section, detail: sectionWithSubsections(range.guide, index) });
  }
  return out;
}

/** A subsection whose table says the model has nothing to do here ("Cloud-only | n/a"). */
function notApplicable(section: Section, deployment: DeploymentModelChecklist['deployment']): boolean {
  for (const table of pipeTables(section.text)) {
    const header = table.header.map((cell) => stripInlineMarkdown(cell).toLowerCase());
    const modelColumn = header.indexOf('deployment model');
    if (modelColumn < 0) continue;
    const rows = table.rows.filter((row) => matchesModel(row, modelColumn, header.indexOf('trust type'), deployment));
    if (rows.length > 0 && rows.every((row) => NOT_APPLICABLE.test(stripInlineMarkdown(row[row.length - 1] ?? '')))) return true;
  }
  return false;
}

interface ListBlock {
  ordered: boolean;
  /** The paragraph before the list ("Another optional, but recommended, policy setting is:"). */
  intro: string;
  /** Each item's Markdown, continuation lines joined. */
  items: string[];
}

/** Top-level lists of a section's own text (outside block quotes and code). */
function listBlocks(text: string): ListBlock[] {
  const blocks: ListBlock[] = [];
  let current: ListBlock | undefined;
  let paragraph: string[] = [];
  let ended = true;
  let fence = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const item = /^(\d+\.|[-*+])\s+(.*)$/.exec(line);
    if (item) {
      const ordered = /\d/.test(item[1]);
      if (!current || current.ordered !== ordered) {
        current = { ordered, intro: paragraph.join(' '), items: [] };
        blocks.push(current);
      }
      current.items.push(item[2].trim());
    } else if (current && /^\s{2,}\S/.test(line) && !/^\s*([-*+]|\d+\.)\s/.test(line)) {
      current.items[current.items.length - 1] += ` ${line.trim()}`;
    } else if (current && /^\s+([-*+]|\d+\.)\s/.test(line)) {
      // A nested list belongs to the item above it.
    } else if (line.trim() === '') {
      ended = true;
    } else {
      current = undefined;
      // The intro of a list is the paragraph right before it.
      paragraph = line.trim().startsWith('>') ? [] : ended ? [line.trim()] : [...paragraph, line.trim()];
      ended = false;
      continue;
    }
    if (item) ended = false;
  }
  return blocks;
}

function lastParagraph(text: string): string {
  const parts = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/** A long list item as a short title (its first sentence) and the rest. */
function firstSentence(text: string): { title: string; rest: string } {
  const plain = text.replace(/\s+/g, ' ').trim();
  const match = /^(.{12,}?[^.\s][.])\s+(?=[A-Z])/.exec(plain);
  if (!match || /\b(e\.g|i\.e|etc)\.$/i.test(match[1])) return { title: plain.replace(/[.]$/, ''), rest: '' };
  return { title: match[1].replace(/[.]$/, ''), rest: plain.slice(match[0].length) };
}
