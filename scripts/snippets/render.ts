/**
 * Writes settings as policy-file YAML and as custom-profile JSON. One writer serves both the
 * snippets (with tab stops) and the plain templates, through a Render that decides what a
 * placeholder becomes.
 */
import type { CatalogNode } from '../../server/src/catalog/types';
import type { DeploymentModelChecklist } from '../../server/src/checklists/types';
import { OMA_SETTING_ODATA_TYPES, type PolicyFileType } from '../../server/src/vocabulary/valueTypes';
import type { GroupPolicyRow, OmaRow } from './guideTables';

export interface Render {
  /** Literal text. */
  text(value: string): string;
  tabStop(n: number, value: string): string;
  choice(n: number, options: string[]): string;
}

const ZERO_TENANT = '00000000-0000-0000-0000-000000000000';

/** The policy file's `type` for a DDF format. */
export function policyType(node: CatalogNode): PolicyFileType {
  return node.format === 'bool' ? 'bool' : node.format === 'int' ? 'int' : 'string';
}

/** The guide's value in the node's type: "True" -> true, "1" -> 1. */
export function typedValue(node: CatalogNode, value: string): boolean | number | string {
  const type = policyType(node);
  if (type === 'bool') return /^(true|1|enabled)$/i.test(value.trim());
  if (type === 'int') return /^(true|enabled)$/i.test(value.trim()) ? 1 : Number(value.trim());
  return value.trim();
}

function displayName(node: CatalogNode): string {
  return node.groupPolicy?.displayName ?? node.title ?? node.name;
}

/** A YAML scalar, quoted only when plain style would change its meaning. */
function yamlString(value: string): string {
  return /^[A-Za-z][A-Za-z0-9 ().,'/-]*$/.test(value) && !/^(true|false|yes|no|on|off|null)$/i.test(value) ? value : JSON.stringify(value);
}

/** `- omaUri: ...` entries, each value a tab stop starting at the guide's value. */
export function omaEntriesYaml(rows: OmaRow[], render: Render, indent = '', firstTabStop = 1): string {
  let n = firstTabStop;
  const out: string[] = [];
  for (const row of rows) {
    const value = typedValue(row.node, row.value);
    const valueText =
      typeof value === 'boolean' ? render.choice(n++, value ? ['true', 'false'] : ['false', 'true']) : render.tabStop(n++, typeof value === 'number' ? String(value) : JSON.stringify(value));
    out.push(
      `${indent}- omaUri: ${render.text(row.node.path)}`,
      `${indent}  type: ${policyType(row.node)}`,
      `${indent}  value: ${valueText}`,
      `${indent}  name: ${render.text(yamlString(displayName(row.node)))}`,
    );
  }
  return `${out.join('\n')}\n`;
}

export function groupPolicyEntriesYaml(rows: GroupPolicyRow[], render: Render, indent = '', firstTabStop = 1): string {
  let n = firstTabStop;
  const out: string[] = [];
  for (const row of rows) {
    out.push(
      `${indent}- policy: ${render.text(yamlString(row.policy))}`,
      `${indent}  scope: ${render.choice(row.scopes.length > 1 ? n++ : 0, row.scopes)}`,
      `${indent}  state: ${row.state}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Custom-profile `omaSettings` entries; the tenant segment is one tab stop shared by every entry. */
export function omaEntriesJson(rows: OmaRow[], render: Render): string {
  const entries = rows.map((row) => {
    const type = policyType(row.node);
    const [before, after] = row.node.path.split('{TenantId}');
    const omaUri = after === undefined ? render.text(before) : `${render.text(before)}${render.tabStop(1, ZERO_TENANT)}${render.text(after)}`;
    return [
      '{',
      `  "@odata.type": "${OMA_SETTING_ODATA_TYPES[type]}",`,
      `  "displayName": ${render.text(JSON.stringify(displayName(row.node)))},`,
      `  "omaUri": "${omaUri}",`,
      `  "value": ${render.text(JSON.stringify(typedValue(row.node, row.value)))}`,
      '}',
    ].join('\n');
  });
  return `${entries.join(',\n')}\n`;
}

export interface ModelFileInput {
  model: DeploymentModelChecklist;
  oma: OmaRow[];
  groupPolicy: GroupPolicyRow[];
  /** Allowed `deployment.authentication` values, preferred first; undefined outside hybrid. */
  authentication?: string[];
}

/** A complete policy file for a deployment model. */
export function modelPolicyFile(input: ModelFileInput, render: Render): string {
  const { model } = input;
  const out: string[] = [
    `# ${render.text(model.title)}: ${render.text(model.href)}`,
    'whfb: 1',
    `name: ${render.tabStop(2, yamlString(model.title.replace(/ guide$/i, '')))}`,
    `tenantId: ${render.tabStop(1, ZERO_TENANT)}`,
    'deployment:',
    `  model: ${model.deployment.model}`,
  ];
  if (model.deployment.trust) out.push(`  trust: ${model.deployment.trust}`);
  if (input.authentication) out.push(`  authentication: ${render.choice(3, input.authentication)}`);
  out.push(`  management: ${input.oma.length > 0 || input.groupPolicy.length === 0 ? 'intune' : 'group-policy'}`);
  if (input.oma.length > 0) {
    out.push('settings:', omaEntriesYaml(input.oma, render, '  ', 4).replace(/\n$/, ''));
  } else {
    out.push('settings: []');
  }
  if (input.groupPolicy.length > 0) {
    out.push('groupPolicy:', groupPolicyEntriesYaml(input.groupPolicy, render, '  ', 4 + input.oma.length).replace(/\n$/, ''));
  }
  return `${out.join('\n')}\n`;
}
