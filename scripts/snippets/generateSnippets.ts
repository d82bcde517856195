/**
 * Snippets and "new policy file" templates, generated from the guides' settings tables and the checklists:
 * - snippets/whfb-yaml.json: each OMA-URI table as policy-file `settings:` entries, each Group Policy
 *   table as `groupPolicy:` entries, and one complete policy file per deployment model;
 * - snippets/intune-custom-profile.json: the OMA-URI tables as Graph custom-profile `omaSettings` entries;
 * - data/generated/policy-templates.json: the model policy files with the all-zero tenant id.
 */
import type { DocumentedCatalog as Catalog } from '../../server/src/catalog/types';
import { AUTHENTICATION_METHODS } from '../../server/src/vocabulary/deployment';
import type { Checklists, DeploymentModelChecklist } from '../../server/src/checklists/types';
import type { GeneratedFile } from '../generatedFile';
import { CatalogMatcher } from '../checklists/settingMentions';
import { slug } from '../checklists/generateChecklists';
import { pipeTables } from '../guides/blocks';
import { loadGuides, stripInlineMarkdown, virtualLocation, type Guide } from '../guides/markdown';
import { tableKey, tablesOf, type GuideTable, type OmaRow } from './guideTables';
import { modelPolicyFile, omaEntriesJson, omaEntriesYaml, groupPolicyEntriesYaml, type Render } from './render';

export const SNIPPET_FILES = {
  policyYaml: 'snippets/whfb-yaml.json',
  customProfile: 'snippets/intune-custom-profile.json',
  templates: 'data/generated/policy-templates.json',
} as const;

/**
 * A snippet as the language server offers it (server/src/features/snippetCompletions.ts), only
 * where its text can start: `where` names the place (a whole policy file in an empty document,
 * entries of `settings:` or `groupPolicy:`, elements of a custom profile's `omaSettings`).
 * The key of the file is the short human name shown in the completion list; `prefix` is a short
 * word to type; the description names the guide section the entries come from.
 */
interface Snippet {
  prefix: string;
  where: 'policy' | 'settings' | 'groupPolicy' | 'omaSettings';
  body: string[];
  description: string;
}

export function buildSnippets(root: string, catalog: Catalog, checklists: Checklists): GeneratedFile[] {
  const guides = loadGuides(root);
  const matcher = new CatalogMatcher(catalog);
  const tables = guideTables(guides, matcher);

  const policyYaml: Record<string, Snippet> = {};
  const customProfile: Record<string, Snippet> = {};
  for (const table of tables) {
    const owner = shortModelName(tableOwner(table, checklists) ?? table.guide.title ?? pageName(table.guide));
    const where = `${table.guide.title || table.guide.path}, section "${table.section.heading}" (${table.section.href})`;
    const base = slug(owner);
    if (table.kind === 'settings') {
      const names = table.oma.map((r) => r.node.name).join(', ');
      add(policyYaml, `${owner}: MDM settings`, { prefix: `${base}-settings`, where: 'settings', body: lines(omaEntriesYaml(table.oma, SNIPPET)), description: `${names}. From the guide ${where}.` });
      add(customProfile, `${owner}: custom profile settings`, { prefix: `${base}-oma-settings`, where: 'omaSettings', body: lines(omaEntriesJson(table.oma, SNIPPET)), description: `omaSettings ${names}. From the guide ${where}.` });
    } else {
      const names = table.groupPolicy.map((r) => r.policy).join(', ');
      add(policyYaml, `${owner}: Group Policy`, { prefix: `${base}-group-policy`, where: 'groupPolicy', body: lines(groupPolicyEntriesYaml(table.groupPolicy, SNIPPET)), description: `${names}. From the guide ${where}.` });
    }
  }

  const templates: Record<string, string> = {};
  for (const model of checklists.models) {
    const source = modelTables(model, guides, matcher);
    const authentication = authenticationChoices(model, guides);
    const input = { model, oma: source.oma, groupPolicy: source.groupPolicy, authentication };
    const name = shortModelName(model.title);
    add(policyYaml, `${name}: policy file`, {
      prefix: `${slug(name)}-policy`,
      where: 'policy',
      body: lines(modelPolicyFile(input, SNIPPET)),
      description: `A complete ${name} policy, with the settings of the guide section ${source.from} (${model.href}).`,
    });
    templates[model.id] = modelPolicyFile(input, PLAIN);
  }

  return [
    json(SNIPPET_FILES.policyYaml, policyYaml),
    json(SNIPPET_FILES.customProfile, customProfile),
    json(SNIPPET_FILES.templates, templates),
  ];
}

/** Every settings table of the guides, the current pages before the seeds, each distinct table of a page once. */
function guideTables(guides: ReadonlyMap<string, Guide>, matcher: CatalogMatcher): GuideTable[] {
  const ordered = [...guides.values()].sort((a, b) => Number(!!virtualLocation(a.path)) - Number(!!virtualLocation(b.path)) || a.path.localeCompare(b.path));
  const seen = new Set<string>();
  const out: GuideTable[] = [];
  for (const guide of ordered) {
    for (const table of tablesOf(guide, matcher)) {
      // A seed repeats the tables of the page it is a version of; other pages' equal tables are their own snippets.
      const key = `${virtualLocation(guide.path) ?? guide.path}:${table.kind}:${tableKey(table)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(table);
    }
  }
  return out;
}

/** The settings a model's guide has the administrator configure: the tables of its deployment steps. */
function modelTables(model: DeploymentModelChecklist, guides: ReadonlyMap<string, Guide>, matcher: CatalogMatcher): { oma: OmaRow[]; groupPolicy: GuideTable['groupPolicy']; from: string } {
  const steps = model.sections.find((s) => s.id === 'deployment-steps')?.items ?? [];
  let oma: GuideTable | undefined;
  let groupPolicy: GuideTable | undefined;
  for (const step of steps) {
    const guide = guides.get(step.guide);
    if (!guide) continue;
    const index = guide.sections.findIndex((s) => s.anchor === step.anchor);
    if (index < 0) continue;
    const scope = guide.sections[index].level <= 1 ? guide.sections : guide.sections.slice(index, index + 1 + countSubsections(guide, index));
    const found = scope.flatMap((section) => tablesOf({ ...guide, sections: [section] }, matcher));
    oma ??= found.find((t) => t.kind === 'settings');
    groupPolicy ??= found.find((t) => t.kind === 'group-policy');
  }
  // Intune/CSP where the guide gives an OMA-URI table; Group Policy where it gives only a GPO table.
  if (oma) return { oma: oma.oma, groupPolicy: [], from: `"${oma.section.heading}"` };
  if (groupPolicy) return { oma: [], groupPolicy: groupPolicy.groupPolicy, from: `"${groupPolicy.section.heading}"` };
  return { oma: [], groupPolicy: [], from: 'its guide' };
}

function countSubsections(guide: Guide, index: number): number {
  let n = 0;
  for (let i = index + 1; i < guide.sections.length && guide.sections[i].level > guide.sections[index].level; i++) n++;
  return n;
}

/**
 * Authentication methods the model allows, from the planning guide's "Authentication to Microsoft
 * Entra ID" table that the model's prerequisites link to: its rows for the model name cloud
 * authentication (password hash sync, pass-through) and/or federated authentication (hybrid
 * certificate trust: "doesn't support PTA or PHS").
 */
function authenticationChoices(model: DeploymentModelChecklist, guides: ReadonlyMap<string, Guide>): string[] | undefined {
  if (model.deployment.model !== 'hybrid') return undefined;
  const all: readonly string[] = AUTHENTICATION_METHODS;
  const trust = { 'cloud-kerberos': 'cloud kerberos', key: 'key', certificate: 'certificate' }[model.deployment.trust ?? 'key'];
  const found = new Set<string>();
  for (const item of model.sections.find((s) => s.id === 'prerequisites')?.items ?? []) {
    const section = guides.get(item.guide)?.sections.find((s) => s.anchor === item.anchor);
    for (const table of section ? pipeTables(section.text) : []) {
      const header = table.header.map((cell) => stripInlineMarkdown(cell).toLowerCase());
      const [modelColumn, trustColumn, authColumn] = ['deployment model', 'trust type', 'authentication to microsoft entra id'].map((name) => header.indexOf(name));
      if (modelColumn < 0 || trustColumn < 0 || authColumn < 0) continue;
      for (const row of table.rows) {
        if (stripInlineMarkdown(row[modelColumn] ?? '').toLowerCase() !== 'hybrid') continue;
        if (stripInlineMarkdown(row[trustColumn] ?? '').toLowerCase().replace(/\s*trust$/, '') !== trust) continue;
        const authentication = stripInlineMarkdown(row[authColumn] ?? '').toLowerCase();
        if (authentication.startsWith('cloud')) ['password-hash-sync', 'pass-through'].forEach((method) => found.add(method));
        if (authentication.startsWith('federated')) found.add('federated');
      }
    }
  }
  return found.size > 0 ? all.filter((method) => found.has(method)) : [...all];
}

function pageName(guide: Guide): string {
  return (virtualLocation(guide.path) ?? guide.path).replace(/^.*\//, '').replace(/\.md$/, '') + (virtualLocation(guide.path) ? `-${guide.path.replace(/^.*\/[^.]*\.(\d{4})\.md$/, '$1')}` : '');
}

/** A name used twice (two tables of one guide) gets " (2)"; its prefix "-2". */
function add(target: Record<string, Snippet>, name: string, snippet: Snippet): void {
  let key = name;
  let prefix = snippet.prefix;
  for (let n = 2; target[key]; n++) {
    key = `${name} (${n})`;
    prefix = `${snippet.prefix}-${n}`;
  }
  target[key] = { ...snippet, prefix };
}

/** "Cloud Kerberos trust deployment guide" -> "Cloud Kerberos trust". */
function shortModelName(title: string): string {
  return title.replace(/^Windows Hello for Business\s+/i, '').replace(/\s+(deployment\s+)?guide$/i, '').replace(/\s+deployment$/i, '').replace(/^./, (c) => c.toUpperCase());
}

/** The title of the deployment model whose checklist links the table's guide page (the page may be a seed version of it). */
function tableOwner(table: GuideTable, checklists: Checklists): string | undefined {
  const page = virtualLocation(table.guide.path) ?? table.guide.path;
  const linksPage = (item: { guide: string; children?: readonly { guide: string }[] }): boolean =>
    item.guide === page || item.guide === table.guide.path || (item.children ?? []).some((child) => linksPage(child as typeof item));
  const owners = checklists.models.filter((model) => model.guide === page || model.sections.some((section) => section.items.some(linksPage)));
  // A page several models link (the planning guide) belongs to none of them.
  return owners.length === 1 ? owners[0].title : owners.find((model) => model.guide === page)?.title;
}

function lines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}

function json(path: string, value: unknown): GeneratedFile {
  return { path, content: `${JSON.stringify(value, null, 2)}\n` };
}

/** Snippet syntax: tab stops and choices; literal `$`, `}` and `\` escaped. */
const SNIPPET: Render = {
  // A lone `}` outside a placeholder is literal, so OMA-URIs keep their readable {TenantId}.
  text: (value) => value.replace(/[\\$]/g, '\\$&'),
  tabStop: (n, value) => `\${${n}:${value.replace(/[\\$}]/g, '\\$&')}}`,
  choice: (n, options) => (options.length === 1 ? options[0] : `\${${n}|${options.map((o) => o.replace(/[\\$|,}]/g, '\\$&')).join(',')}|}`),
};

/** Plain text: every placeholder at its first value. */
const PLAIN: Render = {
  text: (value) => value,
  tabStop: (_n, value) => value,
  choice: (_n, options) => options[0],
};
