/**
 * Deployment checklists, generated from the guides: for each model, its prerequisites and its
 * deployment steps, each tied to the guide section that explains it and to the settings it names,
 * and, where that section lists several things to do, those things as child items.
 *
 * Every list is read from the model's current page in deploy/ (the older versions in seeds/ are
 * only a cross-check in the tests: the current guides order, add and drop prerequisites).
 */
import { modelChoice } from './modelChoice';
import type { DocumentedCatalog as Catalog } from '../../server/src/catalog/types';
import type { ChecklistItem, ChecklistSection, Checklists, DeploymentModelChecklist } from '../../server/src/checklists/types';
import { referenceDefinitions } from '../guides/blocks';
import { absolutizeLinks, resolveLink } from '../guides/links';
import { loadGuides, sectionWithSubsections, virtualLocation, type Guide, type Section } from '../guides/markdown';
import { childEntries, type ChapterRange, type ChildEntry } from './childItems';
import { bestMatch, readGuideLists, type ListedEntry } from './guideLayout';
import { itemDetail } from './itemDetail';
import { discoverModels, type ModelPages } from './models';
import { CatalogMatcher } from './settingMentions';

export interface ChecklistContext {
  guides: ReadonlyMap<string, Guide>;
  known: ReadonlySet<string>;
  matcher: CatalogMatcher;
  root: string;
}

export function buildChecklists(root: string, catalog: Catalog): Checklists {
  const guides = loadGuides(root);
  const context: ChecklistContext = { guides, known: new Set(guides.keys()), matcher: new CatalogMatcher(catalog), root };
  return { schemaVersion: 1, models: discoverModels(root, guides).map((model) => buildModel(model, context)) };
}

/** Every version of a page we hold: the current one first, then the seeds, newest first. */
export function versionsOf(mainGuide: string, guides: ReadonlyMap<string, Guide>): Guide[] {
  const seeds = [...guides.keys()].filter((path) => virtualLocation(path) === mainGuide).sort().reverse();
  return [guides.get(mainGuide)!, ...seeds.map((path) => guides.get(path)!)];
}

function buildModel(model: ModelPages, context: ChecklistContext): DeploymentModelChecklist {
  const current = context.guides.get(model.mainGuide)!;
  const lists = readGuideLists(current);
  const targets = (entries: ListedEntry[]) => entries.map((entry) => ({ entry, target: targetOf(model, entry, current, context) }));
  const prerequisites = targets(lists.prerequisites);
  const steps = targets(lists.steps);
  // A step's chapter on a page ends where the next listed step's chapter begins.
  const starts = [...prerequisites, ...steps].map(({ target }) => target);
  const toItems = (sectionId: ChecklistSection['id'], listed: typeof steps) =>
    uniqueIds(listed.map(({ entry, target }) => toItem(model, `${model.id}/${sectionId}`, entry.title, target, starts, context)));
  const sections: ChecklistSection[] = [
    { id: 'prerequisites', title: 'Prerequisites', items: toItems('prerequisites', prerequisites) },
    { id: 'deployment-steps', title: 'Deployment steps', items: toItems('deployment-steps', steps) },
  ];
  const title = current.sections.find((s) => s.level === 1)?.heading ?? current.title;
  return {
    id: model.id,
    title,
    deployment: model.deployment,
    summary: summaryOf(current, model, context),
    ...modelChoice(context.root, model.deployment),
    guide: current.path,
    href: current.url,
    sections,
  };
}

interface Target {
  guide: Guide;
  section: Section;
  /** Text whose settings the item concerns (the whole chapter or page it points at). */
  scope: string;
  /** Text shown as the item's detail. */
  detail: string;
}

function toItem(model: ModelPages, idPrefix: string, title: string, target: Target, starts: readonly Target[], context: ChecklistContext): ChecklistItem {
  const id = `${idPrefix}/${slug(title)}`;
  const item = itemOf(id, title, target, context);
  const range = chapterRange(target, starts, model.mainGuide);
  const children = range ? uniqueIds(childEntries(range, model.deployment).map((child) => childItem(id, child, model.deployment, context))) : [];
  return children.length > 0 ? { ...item, children } : item;
}

function itemOf(id: string, title: string, target: Target, context: ChecklistContext): ChecklistItem {
  const mentions = context.matcher.mentions(`${title}\n${target.scope}`);
  const definitions = referenceDefinitions(target.guide.sections.map((s) => s.text).join('\n'));
  return {
    id,
    title,
    detail: itemDetail(absolutizeLinks(target.detail, target.guide.path, definitions, context.known), target.section.href),
    guide: target.guide.path,
    anchor: target.section.anchor,
    href: target.section.href,
    settings: mentions.settings,
    groupPolicies: mentions.groupPolicies,
  };
}

/** A child about a policy setting explains itself with that setting's section of the reference. */
function childItem(parentId: string, child: ChildEntry, deployment: DeploymentModelChecklist['deployment'], context: ChecklistContext, nested = false): ChecklistItem {
  const id = `${parentId}/${slug(child.title)}`;
  if (child.link) {
    const link = resolveLink(child.guide.path, child.link, context.known);
    const guide = link.guide ? context.guides.get(link.guide) : undefined;
    const index = guide ? guide.sections.findIndex((s) => s.anchor === link.anchor) : -1;
    if (guide && index >= 0) return itemOf(id, child.title, chapter(guide, index), context);
  }
  const index = child.guide.sections.indexOf(child.section);
  const detail = child.detail ?? sectionWithSubsections(child.guide, index);
  const item = itemOf(id, child.title, { guide: child.guide, section: child.section, scope: detail, detail }, context);
  if (nested) return item;
  const range = chapterRange({ guide: child.guide, section: child.section, scope: '', detail: '' }, [], '');
  const children = range ? uniqueIds(childEntries(range, deployment, true).map((grandchild) => childItem(id, grandchild, deployment, context, true))) : [];
  return children.length > 0 ? { ...item, children } : item;
}

/** The sections an item's target covers: its subsections, up to the next listed item's target on that page. */
function chapterRange(target: Target, starts: readonly Target[], mainGuide: string): ChapterRange | undefined {
  const start = target.guide.sections.indexOf(target.section);
  if (start < 0) return undefined;
  const sections = target.guide.sections;
  const level = Math.max(target.section.level, 1);
  let end = start + 1;
  while (end < sections.length && sections[end].level > level) end++;
  // A main page's step chapter also takes the following same-level sections that no other step claims
  // ("Configure the enterprise PKI", "Section review and next steps" after "Configure and validate the PKI").
  if (target.section.level === 2 && target.guide.path === mainGuide) {
    const claimed = new Set(starts.filter((t) => t.guide === target.guide).map((t) => t.section));
    while (end < sections.length && !claimed.has(sections[end]) && sections[end].level >= 2 && !/^(deployment steps|next steps)$/i.test(sections[end].heading)) end++;
  }
  return { guide: target.guide, start, end };
}

function targetOf(model: ModelPages, entry: ListedEntry, listedIn: Guide, context: ChecklistContext): Target {
  if (entry.link) {
    const link = resolveLink(listedIn.path, entry.link, context.known);
    const guide = link.guide ? context.guides.get(link.guide) : undefined;
    if (guide) {
      const index = link.anchor ? guide.sections.findIndex((s) => s.anchor === link.anchor) : guide.sections.findIndex((s) => s.level === 1);
      if (index >= 0) return chapter(guide, index, entry.detail);
    }
  }
  if (entry.explainedBy) return chapter(listedIn, listedIn.sections.indexOf(entry.explainedBy), entry.detail);
  if (entry.detail) return { guide: listedIn, section: entry.section, scope: entry.detail, detail: entry.detail };
  // A step named without a link: the heading among the model's pages that names it.
  const candidates = model.pages.flatMap((path) => {
    const guide = context.guides.get(path);
    return guide ? guide.sections.filter((s) => s.level >= 1).map((section) => ({ guide, section, index: guide.sections.indexOf(section) })) : [];
  });
  const nameOf = (c: (typeof candidates)[number]): string =>
    c.section.level === 1 ? `${c.guide.title} ${model.pageNames[c.guide.path] ?? ''}` : c.section.heading;
  const match = bestMatch(entry.title, candidates, nameOf);
  if (match) return chapter(match.guide, match.index);
  return { guide: listedIn, section: entry.section, scope: entry.title, detail: entry.title };
}

/** A section with its subsections; a page's title section stands for the whole page. */
function chapter(guide: Guide, index: number, ownDetail?: string): Target {
  const section = guide.sections[index];
  const scope = section.level <= 1 ? guide.sections.map((s) => s.text).join('\n') : sectionWithSubsections(guide, index);
  const detail = ownDetail ?? (section.level <= 1 ? pageOverview(guide) : sectionWithSubsections(guide, index));
  return { guide, section, scope, detail };
}

/** A linked page in brief: its description and its chapters. */
function pageOverview(guide: Guide): string {
  const chapters = guide.sections.filter((s) => s.level === 2).map((s) => `- [${s.heading}](${s.href})`);
  return [guide.description, chapters.length ? chapters.join('\n') : ''].filter(Boolean).join('\n\n');
}

/** The page's own words about the model: its first plain paragraph, else its description; then what it applies to. */
function summaryOf(guide: Guide, model: ModelPages, context: ChecklistContext): string {
  const top = guide.sections.find((s) => s.level === 1)?.text ?? '';
  const paragraph = top
    .replace(/<!--[\s\S]*?-->/g, '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => p && !/^(>|[-*+]\s|\[!INCLUDE|:::|\|)/.test(p));
  const definitions = referenceDefinitions(guide.sections.map((s) => s.text).join('\n'));
  const lead = paragraph ? absolutizeLinks(paragraph, guide.path, definitions, context.known) : guide.description;
  return [lead, model.appliesTo.map((line) => `- ${line}`).join('\n')].filter(Boolean).join('\n\n');
}

/** Words of a title kept in its id: enough to tell the steps apart, short enough to read in the state file. */
const SLUG_WORDS = 12;

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(optional\)/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, SLUG_WORDS)
    .join('-');
}

/** Titles are unique within a list in every guide we have; if one repeats, its id gets the anchor too. */
function uniqueIds(items: ChecklistItem[]): ChecklistItem[] {
  const seen = new Set<string>();
  return items.map((item) => {
    let id = item.id;
    if (seen.has(id)) id = `${id}@${item.anchor}`;
    for (let n = 2; seen.has(id); n++) id = `${item.id}@${item.anchor}-${n}`;
    seen.add(id);
    return { ...item, id };
  });
}
