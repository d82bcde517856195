/**
 * Markdown that explains a catalog node: description, format, allowed values with meanings,
 * defaults with their sources (disagreements shown), builds, scope, Group Policy, Settings Catalog
 * id, links. Shared by hover and completion documentation.
 */
import type { AllowedValues, CatalogNode } from '../catalog/types';
import { markdownCode, markdownText } from './markdownText';

function allowedLines(allowed: AllowedValues): string[] {
  switch (allowed.kind) {
    case 'enum': return ['**Allowed values**', '', ...allowed.values.map((item) => `- ${markdownCode(item.value)}: ${markdownText(oneLine(item.description))}`)];
    case 'range': return [`**Allowed values:** ${allowed.min} to ${allowed.max}`];
    case 'regex': return [`**Allowed values:** text matching ${markdownCode(allowed.pattern)}`];
    case 'admx': return [`**Allowed values:** ADMX-backed policy ${markdownCode(allowed.name)} (${markdownText(allowed.file)}): \`<enabled/>\` or \`<disabled/>\` with its data elements`];
    default: return [`**Allowed values:** ${markdownText(allowed.raw)}`];
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** One line: each distinct default with the sources that give it ("`4` (DDF) · `6` (guide) ⚠ the sources disagree"). */
function defaultLines(node: CatalogNode): string[] {
  if (node.defaults.length === 0) return node.defaultValue !== undefined ? [`**Default:** ${markdownCode(node.defaultValue)} (DDF)`] : [];
  const byValue = new Map<string, { written: string; sources: Set<string> }>();
  for (const item of node.defaults) {
    const key = item.value.trim().toLowerCase();
    const entry = byValue.get(key) ?? { written: node.format === 'bool' ? key : item.value.trim(), sources: new Set<string>() };
    entry.sources.add(item.source === 'ddf' ? 'DDF' : 'guide');
    byValue.set(key, entry);
  }
  const parts = [...byValue.values()].map((entry) => `${markdownCode(entry.written)} (${[...entry.sources].join(', ')})`);
  const warning = byValue.size > 1 ? ' ⚠ the sources disagree' : '';
  return [`**Default:** ${parts.join(' · ')}${warning}`];
}

/**
 * What the guide says happens when the setting is not configured, where the DDF description
 * (shown above) says something else or nothing: the guide wins, the disagreement is shown.
 */
function notConfiguredLine(node: CatalogNode): string | undefined {
  const stated = node.notConfigured;
  if (!stated || (stated.ddf && !stated.sourcesDisagree)) return undefined;
  const guide = `${markdownText(stated.guide)} (guide: ${markdownText(stated.guideRef)})`;
  if (!stated.sourcesDisagree || !stated.ddf) return `**Not configured:** ${guide}`;
  return `**Not configured:** ${guide}; the DDF description says: ${markdownText(stated.ddf)} ⚠ the sources disagree`;
}

/**
 * Essentials first, in a compact block a reader takes in at a glance (name, format and scope,
 * allowed values, default, build, Group Policy name, Settings Catalog id), then the description,
 * then the links (issue 12 point 7): the hover fits about one hover height; the full DDF text is
 * one link away. `brief` (completion documentation) leaves out the Group Policy, id and links.
 */
export function nodeMarkdown(node: CatalogNode, options: { brief?: boolean } = {}): string {
  const title = node.groupPolicy?.displayName ?? node.title;
  const lines: string[] = [];
  lines.push(`**${markdownText(node.name)}**${title && title !== node.name ? ` — ${markdownText(title)}` : ''}${node.deprecated ? ' *(deprecated)*' : ''}  `);
  const facts = [`**Format:** ${node.format}${node.interior ? ' (interior node, takes no value)' : ''}`, `**Scope:** ${node.scope}`];
  if (!options.brief) facts.push(`**Access:** ${node.accessTypes.join(', ')}`);
  lines.push(`${facts.join(' · ')}  `);
  if (node.allowed) lines.push(compactAllowed(node.allowed));
  for (const line of defaultLines(node)) lines.push(`${line}  `);
  if (node.minBuilds.length > 0) lines.push(`**Minimum Windows build:** ${node.minBuilds.join(', ')}${node.insider ? '; also Insider builds' : ''}  `);
  if (!options.brief) {
    if (node.groupPolicy) {
      const gp = node.groupPolicy;
      // The editor's path (location), not the DDF's internal area ids ("Kerberos~AT~System~kerberos").
      const where = [gp.scope ? `${gp.scope === 'computer' ? 'Computer' : 'User'} Configuration` : undefined, gp.location ?? gp.area].filter(Boolean).join(' > ');
      lines.push(`**Group Policy:** ${markdownText(gp.displayName ?? gp.name)}${where ? ` (${markdownText(where)})` : ''}${gp.admxFile ? `, ${markdownText(gp.admxFile)}` : ''}  `);
    }
    if (node.settingsCatalogId) lines.push(`**Settings Catalog id:** ${markdownCode(node.settingsCatalogId)}  `);
  }
  if (node.deprecated) lines.push(`**Deprecated:** ${markdownText(node.deprecated.message)}${node.deprecated.successor ? ` Use ${markdownCode(node.deprecated.successor)}.` : ''}  `);
  lines.push('');
  if (node.descriptionMarkdown) lines.push(firstParagraph(node.descriptionMarkdown, options.brief ? 300 : 500), '');
  const notConfigured = notConfiguredLine(node);
  if (notConfigured) lines.push(notConfigured, '');
  if (!options.brief) {
    const links = [`[${node.csp} CSP reference](${node.referenceUrl})`, ...node.guideRefs.slice(0, 3).map((ref) => `[${markdownText(ref.title)}](${ref.href})`)];
    lines.push(links.join(' · '));
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Allowed values on one or a few lines: an enum's options with the first words of their meaning. */
function compactAllowed(allowed: AllowedValues): string {
  if (allowed.kind !== 'enum') return `${allowedLines(allowed).join(' ')}  `;
  const options = allowed.values.map((item) => `${markdownCode(item.value)} ${markdownText(shortMeaning(item.description))}`);
  return `**Allowed values:** ${options.join(' · ')}  `;
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
