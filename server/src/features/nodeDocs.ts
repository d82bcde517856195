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

function defaultLines(node: CatalogNode): string[] {
  if (node.defaults.length === 0) return node.defaultValue !== undefined ? [`**Default:** ${markdownCode(node.defaultValue)} (DDF)`] : [];
  const distinct = new Set(node.defaults.map((item) => item.value.trim().toLowerCase()));
  const parts = node.defaults.map((item) => `${markdownCode(item.value)} (${item.source === 'ddf' ? 'DDF' : 'guide'}: ${markdownText(item.note)}${item.source === 'guide' ? `, ${markdownText(item.sourceRef)}` : ''})`);
  const warning = distinct.size > 1 ? ' ⚠ the sources disagree' : '';
  return [`**Default:** ${parts.join('; ')}${warning}`];
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

export function nodeMarkdown(node: CatalogNode, options: { brief?: boolean } = {}): string {
  const title = node.groupPolicy?.displayName ?? node.title;
  const lines: string[] = [];
  lines.push(`**${markdownText(node.name)}**${title && title !== node.name ? ` — ${markdownText(title)}` : ''}${node.deprecated ? ' *(deprecated)*' : ''}`);
  lines.push('', markdownCode(node.path), '');
  if (node.descriptionMarkdown) lines.push(options.brief ? firstParagraph(node.descriptionMarkdown) : node.descriptionMarkdown.trim(), '');
  if (node.deprecated) lines.push(`**Deprecated:** ${markdownText(node.deprecated.message)}${node.deprecated.successor ? ` Use ${markdownCode(node.deprecated.successor)}.` : ''}`, '');
  lines.push(`**Format:** ${node.format}${node.interior ? ' (interior node, takes no value)' : ''} · **Scope:** ${node.scope} · **Access:** ${node.accessTypes.join(', ')}`, '');
  if (node.allowed) lines.push(...allowedLines(node.allowed), '');
  const defaults = defaultLines(node);
  if (defaults.length > 0) lines.push(...defaults, '');
  const notConfigured = notConfiguredLine(node);
  if (notConfigured) lines.push(notConfigured, '');
  if (node.minBuilds.length > 0) lines.push(`**Minimum Windows build:** ${node.minBuilds.join(', ')} (one per servicing branch)${node.insider ? '; also Insider builds' : ''}`, '');
  if (!options.brief) {
    if (node.groupPolicy) {
      const gp = node.groupPolicy;
      // The editor's path (location), not the DDF's internal area ids ("Kerberos~AT~System~kerberos").
      const where = [gp.scope ? `${gp.scope === 'computer' ? 'Computer' : 'User'} Configuration` : undefined, gp.location ?? gp.area].filter(Boolean).join(' > ');
      lines.push(`**Group Policy:** ${markdownText(gp.displayName ?? gp.name)}${where ? ` (${markdownText(where)})` : ''}${gp.admxFile ? `, ${markdownText(gp.admxFile)}` : ''}`, '');
    }
    if (node.settingsCatalogId) lines.push(`**Settings Catalog id:** ${markdownCode(node.settingsCatalogId)}`, '');
    const links = [`[${node.csp} CSP reference](${node.referenceUrl})`, ...node.guideRefs.slice(0, 4).map((ref) => `[${markdownText(ref.title)}](${ref.href})`)];
    lines.push(links.join(' · '));
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function firstParagraph(markdown: string): string {
  const paragraph = markdown.trim().split(/\n\s*\n/)[0] ?? '';
  return paragraph.length > 400 ? `${paragraph.slice(0, 397)}...` : paragraph;
}
