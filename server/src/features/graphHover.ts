/**
 * Hover on a Graph value of a setting read through the mapping table (Identity protection profile,
 * enrollment policy, intents): the CSP node it sets and what the Graph value means in CSP terms
 * ("required" is the CSP's 1). Format-free: the setting's written id and node find the row.
 */
import { graphTypes, type GraphPropertyMapping } from '../catalog/graphMappings';
import type { PolicySetting } from '../model/types';
import { markdownCode, markdownText } from './markdownText';
import { nodeMarkdown } from './nodeDocs';

function mappingOf(setting: PolicySetting): GraphPropertyMapping | undefined {
  const written = setting.settingDefinitionId?.value.trim().toLowerCase();
  const path = setting.node?.path;
  if (!written || !path) return undefined;
  return graphTypes().flatMap((type) => type.properties)
    .find((row) => row.node === path && (row.property.toLowerCase() === written || row.intentDefinitionId?.toLowerCase() === written));
}

/** The hover's Markdown for the setting's value, or undefined when the setting was not read through the table. */
export function graphValueMarkdown(setting: PolicySetting, text: string): string | undefined {
  const mapping = mappingOf(setting);
  const node = setting.node;
  const value = setting.value;
  if (!mapping || !node || !value) return undefined;
  const written = text.slice(value.range.start, value.range.end);
  const csp = String(value.value);
  const meaning = node.allowed?.kind === 'enum' ? node.allowed.values.find((item) => item.value.toLowerCase() === csp.toLowerCase())?.description : undefined;
  const line = `Graph ${markdownCode(mapping.property)} ${markdownCode(written)} sets ${markdownCode(node.name)} to ${markdownCode(csp)}${meaning ? `: ${markdownText(meaning)}` : ''}.`;
  return `${line}\n\n---\n\n${nodeMarkdown(node, { brief: true })}`;
}
