/**
 * Markdown that explains a catalog node: description, format, allowed values with meanings,
 * defaults with their sources (disagreements shown), builds, scope, Group Policy, Settings Catalog
 * id, links. Shared by hover and completion documentation.
 */
import * as l10n from '@vscode/l10n';
import { nodeTexts } from '../catalog/catalog';
import type { AllowedValues, CatalogNode, CatalogNodeTexts } from '../catalog/types';
import { markdownCode, markdownText } from './markdownText';

function allowedLines(allowed: AllowedValues): string[] {
  switch (allowed.kind) {
    case 'enum': return [l10n.t('**Allowed values**'), '', ...allowed.values.map((item) => `- ${markdownCode(item.value)}: ${markdownText(oneLine(item.description))}`)];
    case 'range': return [l10n.t('**Allowed values:** {0} to {1}', allowed.min, allowed.max)];
    case 'regex': return [l10n.t('**Allowed values:** text matching {0}', markdownCode(allowed.pattern))];
    case 'admx': return [l10n.t('**Allowed values:** ADMX-backed policy {0} ({1}): `<enabled/>` or `<disabled/>` with its data elements', markdownCode(allowed.name), markdownText(allowed.file))];
    default: return [l10n.t('**Allowed values:** {0}', markdownText(allowed.raw))];
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** One line: each distinct default with the sources that give it ("`4` (DDF) · `6` (guide) ⚠ the sources disagree"). */
function defaultLines(node: CatalogNode): string[] {
  if (node.defaults.length === 0) return node.defaultValue !== undefined ? [l10n.t('**Default:** {0} (DDF)', markdownCode(node.defaultValue))] : [];
  const byValue = new Map<string, { written: string; sources: Set<string> }>();
  for (const item of node.defaults) {
    const key = item.value.trim().toLowerCase();
    const entry = byValue.get(key) ?? { written: node.format === 'bool' ? key : item.value.trim(), sources: new Set<string>() };
    entry.sources.add(item.source === 'ddf' ? 'DDF' : l10n.t('guide'));
    byValue.set(key, entry);
  }
  const parts = [...byValue.values()].map((entry) => `${markdownCode(entry.written)} (${[...entry.sources].join(', ')})`);
  return [byValue.size > 1 ? l10n.t('**Default:** {0} ⚠ the sources disagree', parts.join(' · ')) : l10n.t('**Default:** {0}', parts.join(' · '))];
}

/**
 * What the guide says happens when the setting is not configured, where the DDF description
 * (shown above) says something else or nothing: the guide wins, the disagreement is shown.
 */
function notConfiguredLine(texts: CatalogNodeTexts): string | undefined {
  const stated = texts.notConfigured;
  if (!stated || (stated.ddf && !stated.sourcesDisagree)) return undefined;
  const guide = l10n.t('{0} (guide: {1})', markdownText(stated.guide), markdownText(stated.guideRef));
  if (!stated.sourcesDisagree || !stated.ddf) return l10n.t('**Not configured:** {0}', guide);
  return l10n.t('**Not configured:** {0}; the DDF description says: {1} ⚠ the sources disagree', guide, markdownText(stated.ddf));
}

/**
 * Essentials first, in a compact block a reader takes in at a glance (name, format and scope,
 * allowed values, default, build, Group Policy name, Settings Catalog id), then the description,
 * then the links (issue 12 point 7): the hover fits about one hover height; the full DDF text is
 * one link away. `brief` (completion documentation) leaves out the Group Policy, id and links.
 */
export function nodeMarkdown(node: CatalogNode, options: { brief?: boolean } = {}): string {
  const cache = options.brief ? briefMarkdown : fullMarkdown;
  let markdown = cache.get(node);
  if (markdown === undefined) {
    markdown = buildNodeMarkdown(node, options);
    cache.set(node, markdown);
  }
  return markdown;
}

/**
 * Catalog nodes never change and the language is fixed for the session, so each node's markdown
 * is built once: completion lists hundreds of nodes, each text through l10n.t.
 */
const briefMarkdown = new WeakMap<CatalogNode, string>();
const fullMarkdown = new WeakMap<CatalogNode, string>();

function buildNodeMarkdown(node: CatalogNode, options: { brief?: boolean }): string {
  const texts = nodeTexts(node);
  const title = texts.groupPolicy?.displayName ?? node.title;
  const lines: string[] = [];
  lines.push(`**${markdownText(node.name)}**${title && title !== node.name ? ` — ${markdownText(title)}` : ''}${node.deprecated ? l10n.t(' *(deprecated)*') : ''}  `);
  const facts = [node.interior ? l10n.t('**Format:** {0} (interior node, takes no value)', node.format) : l10n.t('**Format:** {0}', node.format), l10n.t('**Scope:** {0}', node.scope)];
  if (!options.brief) facts.push(l10n.t('**Access:** {0}', node.accessTypes.join(', ')));
  lines.push(`${facts.join(' · ')}  `);
  if (node.allowed) lines.push(compactAllowed(node.allowed));
  for (const line of defaultLines(node)) lines.push(`${line}  `);
  if (node.minBuilds.length > 0) lines.push(`${node.insider ? l10n.t('**Minimum Windows build:** {0}; also Insider builds', node.minBuilds.join(', ')) : l10n.t('**Minimum Windows build:** {0}', node.minBuilds.join(', '))}  `);
  if (!options.brief) {
    if (texts.groupPolicy) {
      const gp = texts.groupPolicy;
      // The editor's path (location), not the DDF's internal area ids ("Kerberos~AT~System~kerberos").
      const where = [gp.scope ? (gp.scope === 'computer' ? l10n.t('Computer Configuration') : l10n.t('User Configuration')) : undefined, gp.location ?? gp.area].filter(Boolean).join(' > ');
      lines.push(`${l10n.t('**Group Policy:** {0}', markdownText(gp.displayName ?? gp.name))}${where ? ` (${markdownText(where)})` : ''}${gp.admxFile ? `, ${markdownText(gp.admxFile)}` : ''}  `);
    }
    if (node.settingsCatalogId) lines.push(`${l10n.t('**Settings Catalog id:** {0}', markdownCode(node.settingsCatalogId))}  `);
  }
  if (node.deprecated) lines.push(`${l10n.t('**Deprecated:** {0}', markdownText(node.deprecated.message))}${node.deprecated.successor ? l10n.t(' Use {0}.', markdownCode(node.deprecated.successor)) : ''}  `);
  lines.push('');
  if (texts.descriptionMarkdown) lines.push(firstParagraph(texts.descriptionMarkdown, options.brief ? 300 : 500), '');
  const notConfigured = notConfiguredLine(texts);
  if (notConfigured) lines.push(notConfigured, '');
  if (!options.brief) {
    const links = [l10n.t('[{0} CSP reference]({1})', node.csp, node.referenceUrl), ...texts.guideRefs.slice(0, 3).map((ref) => `[${markdownText(ref.title)}](${ref.href})`)];
    lines.push(links.join(' · '));
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Allowed values on one or a few lines: an enum's options with the first words of their meaning. */
function compactAllowed(allowed: AllowedValues): string {
  if (allowed.kind !== 'enum') return `${allowedLines(allowed).join(' ')}  `;
  const options = allowed.values.map((item) => `${markdownCode(item.value)} ${markdownText(shortMeaning(item.description))}`);
  return `${l10n.t('**Allowed values:** {0}', options.join(' · '))}  `;
}

function shortMeaning(text: string): string {
  const line = oneLine(text);
  const sentence = /^(.*?[.;])(\s|$)/.exec(line)?.[1] ?? line;
  return sentence.length > 70 ? `${sentence.slice(0, 69)}…` : sentence;
}

function firstParagraph(markdown: string, max: number): string {
  const paragraph = markdown.trim().split(/\n\s*\n/)[0] ?? '';
  return paragraph.length > max ? `${paragraph.slice(0, max - 1)}…` : paragraph;
}
