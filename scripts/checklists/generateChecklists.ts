/**
 * Deployment checklists, generated from the guides: for each model, its prerequisites and its
 * deployment steps, each tied to the guide section that explains it and to the settings it names.
 *
 * Which version of a model's main page is read: the current page in deploy/ always names the model
 * (guide, href) and gives the steps. Its prerequisites too, unless they are only links out to the
 * shared planning guide and an older version of the same page (a seed) lists the model's own
 * prerequisites with their detail: then that version's list is used, and each item's `guide` says so.
 */
import type { Catalog } from '../../server/src/catalog/types';
import type { ChecklistItem, ChecklistSection, Checklists, DeploymentModelChecklist } from '../../server/src/checklists/types';
import { referenceDefinitions } from '../guides/blocks';
import { absolutizeLinks, resolveLink } from '../guides/links';
import { loadGuides, sectionWithSubsections, virtualLocation, type Guide, type Section } from '../guides/markdown';
import { bestMatch, readGuideLists, type GuideLists, type ListedEntry } from './guideLayout';
import { discoverModels, type ModelPages } from './models';
import { CatalogMatcher } from './settingMentions';

/** Longest detail kept on an item; the rest is behind its link. */
const DETAIL_LIMIT = 1500;

export interface ChecklistContext {
  guides: ReadonlyMap<string, Guide>;
  known: ReadonlySet<string>;
  matcher: CatalogMatcher;
}

export function buildChecklists(root: string, catalog: Catalog): Checklists {
  const guides = loadGuides(root);
  const context: ChecklistContext = { guides, known: new Set(guides.keys()), matcher: new CatalogMatcher(catalog) };
  return { schemaVersion: 1, models: discoverModels(root, guides).map((model) => buildModel(model, context)) };
}

/** Every version of a page we hold: the current one first, then the seeds, newest first. */
export function versionsOf(mainGuide: string, guides: ReadonlyMap<string, Guide>): Guide[] {
  const seeds = [...guides.keys()].filter((path) => virtualLocation(path) === mainGuide).sort().reverse();
  return [guides.get(mainGuide)!, ...seeds.map((path) => guides.get(path)!)];
}

function buildModel(model: ModelPages, context: ChecklistContext): DeploymentModelChecklist {
  const [current, ...older] = versionsOf(model.mainGuide, context.guides);
  const currentLists = readGuideLists(current);
  let prerequisiteSource: { guide: Guide; lists: GuideLists } = { guide: current, lists: currentLists };
  if (onlyLinksOut(currentLists)) {
    for (const guide of older) {
      const lists = readGuideLists(guide);
      if (lists.prerequisites.length > 0 && !onlyLinksOut(lists)) {
        prerequisiteSource = { guide, lists };
        break;
      }
    }
  }
  const sections: ChecklistSection[] = [
    {
      id: 'prerequisites',
      title: 'Prerequisites',
      items: uniqueIds(prerequisiteSource.lists.prerequisites.map((entry) => toItem(model, 'prerequisites', entry, prerequisiteSource.guide, context))),
    },
    {
      id: 'deployment-steps',
      title: 'Deployment steps',
      items: uniqueIds(currentLists.steps.map((entry) => toItem(model, 'deployment-steps', entry, current, context))),
    },
  ];
  const title = current.sections.find((s) => s.level === 1)?.heading ?? current.title;
  return {
    id: model.id,
    title,
    deployment: model.deployment,
    summary: summaryOf(current, model, context),
    guide: current.path,
    href: current.url,
    sections,
  };
}

function onlyLinksOut(lists: GuideLists): boolean {
  return lists.prerequisites.every((entry) => entry.link && !entry.link.startsWith('#'));
}

interface Target {
  guide: Guide;
  section: Section;
  /** Text whose settings the item concerns (the whole chapter or page it points at). */
  scope: string;
  /** Text shown as the item's detail. */
  detail: string;
}

function toItem(model: ModelPages, sectionId: ChecklistSection['id'], entry: ListedEntry, listedIn: Guide, context: ChecklistContext): ChecklistItem {
  const target = targetOf(model, entry, listedIn, context);
  const mentions = context.matcher.mentions(`${entry.title}\n${target.scope}`);
  const definitions = referenceDefinitions(target.guide.sections.map((s) => s.text).join('\n'));
  const anchor = target.section.anchor;
  return {
    id: `${model.id}/${sectionId}/${slug(entry.title)}`,
    title: entry.title,
    detail: clip(absolutizeLinks(target.detail, target.guide.path, definitions, context.known).trim(), target.section.href),
    guide: target.guide.path,
    anchor,
    href: target.section.href,
    settings: mentions.settings,
    groupPolicies: mentions.groupPolicies,
  };
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

/** Whole paragraphs up to the limit, then a pointer to the rest. */
function clip(markdown: string, href: string): string {
  const cleaned = markdown.replace(/<!--[\s\S]*?-->/g, '').replace(/\n{3,}/g, '\n\n').trim();
  if (cleaned.length <= DETAIL_LIMIT) return cleaned;
  const paragraphs = cleaned.split(/\n\n/);
  let out = '';
  for (const paragraph of paragraphs) {
    if (out && out.length + paragraph.length > DETAIL_LIMIT) break;
    out = out ? `${out}\n\n${paragraph}` : paragraph;
  }
  return `${out}\n\n[Read more](${href})`;
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

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(optional\)/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
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
