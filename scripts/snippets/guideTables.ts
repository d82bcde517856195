/**
 * The settings tables of the guides, read as data: OMA-URI tables ("- **OMA-URI:** ... - **Data type:** ...
 * - **Value:** ...") and Group Policy tables ("Group policy path | Group policy setting | Value").
 */
import type { DocumentedCatalogNode as CatalogNode } from '../../server/src/catalog/types';
import { pipeTables } from '../guides/blocks';
import { stripInlineMarkdown, type Guide, type Section } from '../guides/markdown';
import type { CatalogMatcher } from '../checklists/settingMentions';

export interface OmaRow {
  node: CatalogNode;
  /** The OMA-URI as the guide writes it. */
  omaUri: string;
  /** The guide's value, as text ("True", "1"). */
  value: string;
}

export interface GroupPolicyRow {
  /** The catalog's name for the policy. */
  policy: string;
  /** As the guide writes it, when that differs from the catalog's name. */
  guideName: string;
  scopes: ('computer' | 'user')[];
  state: 'enabled' | 'disabled';
}

export interface GuideTable {
  guide: Guide;
  section: Section;
  kind: 'settings' | 'group-policy';
  oma: OmaRow[];
  groupPolicy: GroupPolicyRow[];
  /** Rows the catalog could not place (reported, never guessed). */
  skipped: string[];
}

const OMA_CELL = /\*\*OMA-URI:\*\*\s*`([^`]+)`[\s\S]*?\*\*Value:\*\*\s*`?([^`<|]+)`?/;

export function tablesOf(guide: Guide, matcher: CatalogMatcher): GuideTable[] {
  const out: GuideTable[] = [];
  for (const section of guide.sections) {
    for (const table of pipeTables(section.text)) {
      const header = table.header.map((h) => stripInlineMarkdown(h).toLowerCase());
      if (table.rows.some((row) => OMA_CELL.test(row[0] ?? ''))) {
        const oma: OmaRow[] = [];
        const skipped: string[] = [];
        for (const row of table.rows) {
          const match = OMA_CELL.exec(row[0] ?? '');
          if (!match) continue;
          const node = matcher.resolveOmaUri(match[1]);
          if (node) oma.push({ node, omaUri: match[1], value: match[2].trim() });
          else skipped.push(match[1]);
        }
        if (oma.length > 0) out.push({ guide, section, kind: 'settings', oma, groupPolicy: [], skipped });
      } else if (header.some((h) => h === 'group policy setting')) {
        const nameColumn = header.indexOf('group policy setting');
        const pathColumn = header.indexOf('group policy path');
        const valueColumn = header.indexOf('value');
        const groupPolicy: GroupPolicyRow[] = [];
        const skipped: string[] = [];
        for (const row of table.rows) {
          const guideName = stripInlineMarkdown(row[nameColumn] ?? '');
          // A setting the templates do not define ("Certificate Services Client - Auto-Enrollment") is a catalog Group Policy without MDM nodes.
          const known = matcher.policyByName(guideName) ?? groupPolicyOnly(matcher, guideName);
          if (!known) {
            skipped.push(guideName);
            continue;
          }
          const path = row[pathColumn] ?? '';
          const scopes: ('computer' | 'user')[] = [];
          if (/Computer Configuration/i.test(path)) scopes.push('computer');
          if (/User Configuration/i.test(path)) scopes.push('user');
          const state = /disabled/i.test(row[valueColumn] ?? '') ? 'disabled' : 'enabled';
          groupPolicy.push({ policy: known.name, guideName, scopes: scopes.length ? scopes : ['computer'], state });
        }
        if (groupPolicy.length > 0) out.push({ guide, section, kind: 'group-policy', oma: [], groupPolicy, skipped });
      }
    }
  }
  return out;
}

function groupPolicyOnly(matcher: CatalogMatcher, name: string): { name: string } | undefined {
  const wanted = name.trim().toLowerCase();
  const info = matcher.catalog.groupPolicies?.find((policy) => policy.name.toLowerCase() === wanted || policy.aliases.some((alias) => alias.toLowerCase() === wanted));
  return info ? { name: info.name } : undefined;
}

/** Two tables carry the same settings (the seeds repeat the current pages' tables). */
export function tableKey(table: GuideTable): string {
  return table.kind === 'settings'
    ? table.oma.map((r) => `${r.node.path}=${r.value}`).join('|')
    : table.groupPolicy.map((r) => `${r.policy}=${r.state}@${r.scopes.join('+')}`).join('|');
}
