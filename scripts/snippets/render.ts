/**
 * Writes settings as policy-file YAML and as custom-profile JSON. One writer serves both the
 * snippets (with tab stops) and the plain templates, through a Render that decides what a
 * placeholder becomes; the entries' layout and types are the server's (formats/settingEntry.ts).
 */
import type { DocumentedCatalogNode as CatalogNode } from '../../server/src/catalog/types';
import type { DeploymentModelChecklist } from '../../server/src/checklists/types';
import { customProfileJsonText, odataTypeOf, policyYamlEntryText } from '../../server/src/formats/settingEntry';
import { entryTypeOf, policyFileTypeName } from '../../server/src/model/values';
import { availabilityOn, formatBuild, parseBuild, type Build } from '../../server/src/rules/osBuilds';
import type { GroupPolicyRow, OmaRow } from './guideTables';

export interface Render {
  /** Literal text. */
  text(value: string): string;
  tabStop(n: number, value: string): string;
  choice(n: number, options: string[]): string;
}

const ZERO_TENANT = '00000000-0000-0000-0000-000000000000';

/** The policy file's `type` for a node: the one node -> type map the server checks against. */
export function policyType(node: CatalogNode): string {
  return policyFileTypeName(entryTypeOf(node));
}

/** The guide's value in the node's type: "True" -> true, "1" -> 1. */
export function typedValue(node: CatalogNode, value: string): boolean | number | string {
  const type = entryTypeOf(node);
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
    out.push(policyYamlEntryText({
      omaUri: render.text(row.node.path),
      type: policyType(row.node),
      value: valueText,
      name: render.text(yamlString(displayName(row.node))),
    }, { indent: indent.length }));
  }
  return out.join('');
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
    const [before, after] = row.node.path.split('{TenantId}');
    const omaUri = after === undefined ? render.text(before) : `${render.text(before)}${render.tabStop(1, ZERO_TENANT)}${render.text(after)}`;
    return customProfileJsonText({
      type: JSON.stringify(odataTypeOf(entryTypeOf(row.node))),
      name: render.text(JSON.stringify(displayName(row.node))),
      omaUri: `"${omaUri}"`,
      value: render.text(JSON.stringify(typedValue(row.node, row.value))),
    });
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

/**
 * How the devices of a model are joined (`deployment.join`), preferred first. The guides' "device
 * registration" tables: cloud-only devices are Microsoft Entra joined; hybrid devices are
 * Microsoft Entra hybrid joined or Microsoft Entra joined; on-premises devices are domain joined.
 */
const JOINS: Record<string, string[]> = { 'cloud-only': ['entra'], hybrid: ['hybrid', 'entra'], 'on-premises': ['domain'] };

const branchOrder = (a: Build, b: Build) => a.major - b.major || a.minor - b.minor || a.build - b.build || (a.revision ?? 0) - (b.revision ?? 0);

/**
 * The oldest Windows build on which every one of these nodes applies, from the DDF's build lists
 * (so WHFB170 finds nothing to report); undefined when no node lists a build.
 */
export function minimumOsBuildFor(nodes: readonly CatalogNode[]): string | undefined {
  const candidates = nodes.flatMap((node) => node.minBuilds.map(parseBuild)).filter((build): build is Build => build !== undefined).sort(branchOrder);
  const fits = candidates.find((build) => nodes.every((node) => availabilityOn(node, build).kind === 'available'));
  return fits ? formatBuild(fits) : undefined;
}

/** The policy's `name`: what it deploys, so two generated policies side by side can be told apart. */
export function modelPolicyName(model: DeploymentModelChecklist): string {
  const short = model.title.replace(/\s+(deployment\s+)?guide$/i, '').replace(/\s+deployment$/i, '');
  const scope = model.deployment.model === 'hybrid' && !/hybrid/i.test(short) ? ' (hybrid)' : '';
  return `Windows Hello for Business - ${short}${scope}`;
}

/** A complete policy file for a deployment model. */
export function modelPolicyFile(input: ModelFileInput, render: Render): string {
  const { model } = input;
  const out: string[] = [
    `# ${render.text(model.title)}: ${render.text(model.href)}`,
    'whfb: 1',
    `name: ${render.tabStop(2, yamlString(modelPolicyName(model)))}`,
    `tenantId: ${render.tabStop(1, ZERO_TENANT)}`,
    'deployment:',
    `  model: ${model.deployment.model}`,
  ];
  if (model.deployment.trust) out.push(`  trust: ${model.deployment.trust}`);
  const joins = JOINS[model.deployment.model];
  if (joins) out.push(`  join: ${render.choice(joins.length > 1 ? 4 : 0, joins)}`);
  if (input.authentication) out.push(`  authentication: ${render.choice(3, input.authentication)}`);
  out.push(`  management: ${input.oma.length > 0 || input.groupPolicy.length === 0 ? 'intune' : 'group-policy'}`);
  const minimumOsBuild = minimumOsBuildFor(input.oma.map((row) => row.node));
  if (minimumOsBuild) out.push(`  minimumOsBuild: ${render.text(JSON.stringify(minimumOsBuild))}  # the oldest build on which every setting below applies (DDF)`);
  if (input.oma.length > 0) {
    out.push('settings:', omaEntriesYaml(input.oma, render, '  ', 5).replace(/\n$/, ''));
  } else {
    out.push('settings: []');
  }
  if (input.groupPolicy.length > 0) {
    out.push('groupPolicy:', groupPolicyEntriesYaml(input.groupPolicy, render, '  ', 5 + input.oma.length).replace(/\n$/, ''));
  }
  return `${out.join('\n')}\n`;
}
