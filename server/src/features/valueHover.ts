/**
 * Hover on values and keys (issue 12 point 6). A setting's value: what it means for its node (the
 * enum option's meaning, the range it must lie in, the default with the sources that give it, DDF
 * against guide). A key of the policy file: what the key is, from the schema (as a YAML language
 * server shows it); `trust:` and `model:` add a short summary of the chosen model with its guide
 * link. The same for the Settings Catalog and custom-profile keys of the exports.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogNode } from '../catalog/types';
import type { OffsetRange, PolicyModel, PolicySetting } from '../model/types';
import { valueText } from '../model/values';
import { checklistsFor } from './checklistInfo';
import { markdownCode, markdownText } from './markdownText';
import { schemaProperties, type SchemaScope } from './policySchemaInfo';
import { choiceOptions } from './settingsCatalogCompletion';

/** The written scalar around a value range (a choice value's range is its option only: the whole `<id>_<option>` string). */
export function valueToken(text: string, range: OffsetRange): OffsetRange {
  let start = range.start;
  let end = range.end;
  while (start > 0 && !/["'\s:,[{]/.test(text.charAt(start - 1))) start -= 1;
  while (end < text.length && !/["'\s,\]}]/.test(text.charAt(end))) end += 1;
  return { start, end };
}

/** Markdown for a setting's value: its meaning, the allowed range, the defaults. */
export function valueMarkdown(setting: PolicySetting, node: CatalogNode): string {
  const written = setting.value?.value;
  const text = node.format === 'bool' && typeof written === 'boolean' ? String(written) : valueText(written).trim();
  const lines = [`**${markdownText(node.name)}** = ${markdownCode(text)}  `];
  const option = choiceOptions(node).find((item) => item.option.toLowerCase() === text.toLowerCase());
  if (option) lines.push(`${l10n.t('Means: {0}', markdownText(oneLine(option.meaning)))}  `);
  else if (node.allowed?.kind === 'enum') lines.push(`${l10n.t('Not one of the allowed values: {0}', node.allowed.values.map((item) => markdownCode(item.value)).join(', '))}  `);
  if (node.allowed?.kind === 'range') {
    const number = Number(text);
    const inside = Number.isInteger(number) && number >= node.allowed.min && number <= node.allowed.max;
    lines.push(`${inside ? l10n.t('**Range:** {0} to {1}', node.allowed.min, node.allowed.max) : l10n.t('**Range:** {0} to {1} (this value is outside it)', node.allowed.min, node.allowed.max)}  `);
  }
  const defaults = defaultsLine(node);
  if (defaults) lines.push(`${defaults}  `);
  lines.push(l10n.t('**Format:** {0} · [{1} CSP reference]({2})', node.format, markdownText(node.csp), node.referenceUrl));
  return lines.join('\n');
}

function defaultsLine(node: CatalogNode): string | undefined {
  if (node.defaults.length === 0) return node.defaultValue !== undefined ? l10n.t('**Default:** {0} (DDF)', markdownCode(node.defaultValue)) : undefined;
  const parts = node.defaults.map((item) => `${markdownCode(node.format === 'bool' ? item.value.toLowerCase() : item.value)} (${item.source === 'ddf' ? 'DDF' : l10n.t('guide: {0}', markdownText(item.sourceRef))})`);
  const distinct = new Set(node.defaults.map((item) => item.value.trim().toLowerCase()));
  return distinct.size > 1 ? l10n.t('**Default:** {0} ⚠ the DDF and the guide disagree', parts.join(' · ')) : l10n.t('**Default:** {0}', parts.join(' · '));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The key under the cursor on its line: `  trust: key` -> "trust" with its range. */
export function keyAt(text: string, offset: number, lineStart: number, lineEnd: number): { key: string; range: OffsetRange; indent: number; dash: boolean } | undefined {
  const line = text.slice(lineStart, lineEnd);
  const match = /^(\s*)(-\s+)?(["']?)([@\w.]+)\3\s*:/.exec(line);
  if (!match) return undefined;
  const start = lineStart + match[1].length + (match[2]?.length ?? 0) + match[3].length;
  const end = start + match[4].length;
  if (offset < start || offset > end) return undefined;
  return { key: match[4], range: { start, end }, indent: match[1].length + (match[2]?.length ?? 0), dash: Boolean(match[2]) };
}

/** The top-level key whose block holds `lineStart` (the nearest column-0 key above it). */
function topLevelKeyAbove(text: string, lineStart: number): string | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const first = text.charAt(start);
    if (first && !/[\s#-]/.test(first)) return /^([A-Za-z]+)\s*:/.exec(text.slice(start, end))?.[1];
    end = start - 1;
  }
  return undefined;
}

/** Markdown for a policy-file key: its schema description (and, for model/trust, the chosen model's summary). */
export function policyKeyMarkdown(model: PolicyModel, text: string, key: { key: string; indent: number; dash: boolean }, lineStart: number): string | undefined {
  let scope: SchemaScope;
  if (key.indent === 0 && !key.dash) scope = 'root';
  else {
    const section = topLevelKeyAbove(text, lineStart);
    if (section === 'deployment') scope = 'deployment';
    else if (section === 'settings') scope = 'settings-entry';
    else if (section === 'groupPolicy') scope = 'group-policy-entry';
    else return undefined;
  }
  const property = schemaProperties(scope).find((item) => item.key === key.key);
  if (!property) return undefined;
  const where = scope === 'root' ? l10n.t('top-level key') : scope === 'deployment' ? l10n.t('key of deployment') : scope === 'settings-entry' ? l10n.t('key of a settings entry') : l10n.t('key of a groupPolicy entry');
  const lines = [property.required ? l10n.t('**{0}** ({1}, required)', markdownText(key.key), where) : l10n.t('**{0}** ({1})', markdownText(key.key), where), '', markdownText(property.description ?? '')];
  if (property.enum) lines.push('', l10n.t('Values: {0}', property.enum.map((option) => markdownCode(option.value)).join(', ')));
  if (scope === 'deployment' && (key.key === 'trust' || key.key === 'model')) {
    const summary = modelSummary(model);
    if (summary) lines.push('', summary);
  }
  return lines.join('\n');
}

/** The chosen model in two lines: its title, the first sentence of its summary, the guide link. */
function modelSummary(model: PolicyModel): string | undefined {
  const kind = model.deployment?.model?.value.trim();
  const trust = model.deployment?.trust?.value.trim();
  if (!kind) return undefined;
  const found = checklistsFor(kind, kind === 'cloud-only' ? undefined : trust || undefined)[0];
  if (!found) return undefined;
  const first = /^(.*?\.)(\s|$)/.exec(oneLine(found.summary))?.[1] ?? oneLine(found.summary);
  return l10n.t('This policy: **{0}**. {1} [Open the guide]({2})', markdownText(found.title), first, found.href);
}

/** What the keys of an Intune export are (Graph's names), for hover in the exports. */
/** Translated when shown: the server learns the user's language in `initialize`, after this module loads. */
const EXPORT_KEYS: Record<string, () => string> = {
  settingDefinitionId: () => l10n.t('The Settings Catalog setting this instance configures (Graph deviceManagementConfigurationSettingInstance.settingDefinitionId); it names one CSP node.'),
  choiceSettingValue: () => l10n.t('The value of a choice setting: `value` is `<settingDefinitionId>_<option>`, the option one the setting offers.'),
  simpleSettingValue: () => l10n.t('The value of a simple (integer or string) setting; its `@odata.type` says which.'),
  groupSettingCollectionValue: () => l10n.t('A group of child setting instances (the PassportForWork tenant node groups its policies).'),
  settingInstance: () => l10n.t('One setting of the policy, with its definition id and value.'),
  omaSettings: () => l10n.t('The OMA-URI settings of an Intune custom configuration profile.'),
  omaUri: () => l10n.t('The OMA-URI of the CSP node this setting writes.'),
  '@odata.type': () => l10n.t('The Graph type of this object; for an OMA setting or a simple value it gives the value\'s data type.'),
};

export function exportKeyMarkdown(key: string): string | undefined {
  const description = Object.hasOwn(EXPORT_KEYS, key) ? EXPORT_KEYS[key] : undefined;
  return description ? `**${markdownText(key)}**\n\n${description()}` : undefined;
}
