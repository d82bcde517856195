/**
 * Reads the prerequisites and the deployment steps out of one version of a model's main guide.
 * The guides changed layout over the years, and each layout is read where it occurs:
 * - 2022: a "Prerequisites" heading with one subsection per prerequisite (plus stray table rows),
 *   "Deployment steps" as a plain bullet list;
 * - 2023 (certificate trust): a "Prerequisites" checklist whose items each have a subsection;
 * - 2023 (key trust): the requirements include followed by a `:::row:::` grid, one row per prerequisite;
 * - 2024: the requirements include followed by a checklist of links to the planning guide,
 *   "Deployment steps" as a checklist of links (in-page or to the model's other pages).
 * "Deployment steps" is the list of steps; a version without one may list them under "Next steps"
 * (the 2023 layout; the current hybrid certificate trust page still carries that old list below its
 * deployment steps, and the deployment steps are the ones its links and chapters follow).
 */
import { bulletLists, checklists, gridRows, pipeTables, type ListItem } from '../guides/blocks';
import { sectionWithSubsections, stripInlineMarkdown, type Guide, type Section } from '../guides/markdown';

export type Layout = 'subsections' | 'checklist-with-subsections' | 'grid' | 'linked-checklist';

/** One entry as the guide lists it, before it is resolved to the section that explains it. */
export interface ListedEntry {
  title: string;
  /** The link the guide gives the entry, if any. */
  link?: string;
  /** Detail that comes with the entry itself (grid column, subsection text), Markdown. */
  detail?: string;
  /** The section the entry is written in (its anchor is the fallback target). */
  section: Section;
  /** The subsection that explains the entry, when the guide gives one on the same page. */
  explainedBy?: Section;
}

export interface GuideLists {
  layout: Layout;
  prerequisites: ListedEntry[];
  /** Where the steps were read from: 'next-steps' or 'deployment-steps'. */
  stepsFrom: 'next-steps' | 'deployment-steps' | 'none';
  steps: ListedEntry[];
}

const PREREQUISITE_HEADING = /^(prerequisites|requirements)$/i;
const BALLOT = /:ballot_box_with_check:/g;

export function readGuideLists(guide: Guide): GuideLists {
  const prerequisites = readPrerequisites(guide);
  const next = readSteps(guide, /^next steps$/i);
  const deployment = readSteps(guide, /^deployment steps$/i);
  const steps = deployment.length > 0 ? deployment : next;
  return {
    layout: prerequisites.layout,
    prerequisites: prerequisites.entries,
    stepsFrom: deployment.length > 0 ? 'deployment-steps' : next.length > 0 ? 'next-steps' : 'none',
    steps,
  };
}

function readPrerequisites(guide: Guide): { layout: Layout; entries: ListedEntry[] } {
  const index = guide.sections.findIndex((s) => PREREQUISITE_HEADING.test(s.heading));
  if (index < 0) return { layout: 'linked-checklist', entries: [] };
  const section = guide.sections[index];
  const subsections = childSections(guide, index);

  const grid = gridRows(sectionWithSubsections(guide, index)).filter((row) => row.columns.length >= 2);
  if (grid.length > 0) {
    return {
      layout: 'grid',
      entries: grid.map((row) => ({ title: stripInlineMarkdown(row.columns[0].replace(BALLOT, '')), detail: row.columns[1], section })),
    };
  }

  const list = checklists(section.text)[0];
  if (list) {
    const linked = list.items.every((item) => item.link);
    return {
      layout: linked ? 'linked-checklist' : 'checklist-with-subsections',
      entries: list.items.map((item) => ({
        title: titleOf(item),
        ...(item.link ? { link: item.link.target } : {}),
        section,
        ...explainedBy(titleOf(item), subsections),
      })),
    };
  }

  // 2022: each subsection is a prerequisite; rows of a table left among them are prerequisites too.
  const entries: ListedEntry[] = subsections.map((sub) => ({ title: sub.heading, section: sub, explainedBy: sub }));
  for (const sub of [section, ...subsections]) {
    for (const table of pipeTables(sub.text)) {
      for (const row of table.rows) {
        if (row.length >= 2 && row[0] && !/^:?-+:?$/.test(row[0])) entries.push({ title: stripInlineMarkdown(row[0]), detail: row[1], section: sub });
      }
    }
  }
  return { layout: 'subsections', entries };
}

function readSteps(guide: Guide, heading: RegExp): ListedEntry[] {
  const index = guide.sections.findIndex((s) => heading.test(s.heading));
  if (index < 0) return [];
  const section = guide.sections[index];
  const list = checklists(section.text)[0]?.items ?? bulletLists(section.text)[0] ?? [];
  return list.map((item) => ({ title: titleOf(item), ...(item.link ? { link: item.link.target } : {}), section }));
}

/** "(optional) [Configure single sign-on ...](...)" keeps its "(optional)" marker. */
function titleOf(item: ListItem): string {
  return item.title.replace(/\s+/g, ' ').trim();
}

function childSections(guide: Guide, index: number): Section[] {
  const parent = guide.sections[index];
  const out: Section[] = [];
  for (let i = index + 1; i < guide.sections.length && guide.sections[i].level > parent.level; i++) {
    if (guide.sections[i].level === parent.level + 1) out.push(guide.sections[i]);
  }
  return out;
}

function explainedBy(title: string, candidates: Section[]): { explainedBy?: Section } {
  const best = bestMatch(title, candidates, (s) => s.heading);
  return best ? { explainedBy: best } : {};
}

const STOP_WORDS = new Set(['a', 'an', 'and', 'the', 'to', 'for', 'in', 'of', 'on', 'with', 'your', 'optional']);

function stems(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP_WORDS.has(w))
    .map((w) => w.slice(0, 6));
}

/**
 * The candidate whose name shares the most words with `title` (word stems, share of the title's words);
 * undefined when none shares at least half of them.
 */
export function bestMatch<T>(title: string, candidates: readonly T[], nameOf: (candidate: T) => string): T | undefined {
  const wanted = new Set(stems(title));
  if (wanted.size === 0) return undefined;
  let best: { candidate: T; score: number } | undefined;
  for (const candidate of candidates) {
    const have = new Set(stems(nameOf(candidate)));
    let shared = 0;
    for (const w of wanted) if (have.has(w)) shared++;
    // Ties go to the shorter name: it says less that the title does not.
    const score = shared / wanted.size - have.size / 1000;
    if (shared / wanted.size >= 0.5 && (!best || score > best.score)) best = { candidate, score };
  }
  return best?.candidate;
}
