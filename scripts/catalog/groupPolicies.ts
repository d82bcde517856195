/**
 * The Group Policy settings the catalog knows, as the Group Policy editor shows them: display name
 * and editor path from the templates (data/admx/policies.json, imported from the ADMX/ADML files),
 * the names the guides use (the policy settings reference and every "Group policy setting" table of
 * the deployment guides), and the MDM nodes each one configures (the DDF's GpMapping/AdmxBacked).
 *
 * Which policies: every Windows Hello for Business template policy (Passport.admx), every template
 * policy a catalog node maps to, and every setting a deployment guide's Group Policy table names
 * (a Group-Policy-only setting such as "Certificate Services Client - Auto-Enrollment").
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentedCatalogNode as CatalogNode, GroupPolicyInfo } from '../../server/src/catalog/types';
import { pipeTables } from '../guides/blocks';
import { stripInlineMarkdown, virtualLocation, type Guide } from '../guides/markdown';
import type { AdmxFacts, AdmxPolicyFact } from './admxFacts';
import type { PolicySettingFact } from './guideFacts';

export const ADMX_FACTS_FILE = 'data/admx/policies.json';
/** The template of the Windows Hello for Business policies themselves. */
const WHFB_TEMPLATE = 'passport.admx';
const ADMINISTRATIVE_TEMPLATES = 'Administrative Templates';

export function loadAdmxFacts(root: string): AdmxFacts {
  const file = join(root, ADMX_FACTS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as AdmxFacts) : { categories: {}, policies: [] };
}

interface Draft extends GroupPolicyInfo {
  /** Category ids from the template root down, for the editor path. */
  chain: string[];
  /** Registry value names of the template policy's options. */
  options: string[];
}

export function buildGroupPolicies(nodes: CatalogNode[], admx: AdmxFacts, settingFacts: PolicySettingFact[], guides: Guide[]): GroupPolicyInfo[] {
  const categoryNames = categoryDisplayNames(admx, settingFacts);
  const drafts: Draft[] = [];
  const byAdmx = new Map<string, Draft>();
  const draftFor = (policy: AdmxPolicyFact): Draft => {
    const key = `${policy.file}|${policy.name}`.toLowerCase();
    let draft = byAdmx.get(key);
    if (!draft) {
      const chain = categoryChain(admx, policy.category);
      draft = {
        name: policy.displayName,
        aliases: [policy.name],
        location: editorPath(chain, categoryNames),
        scopes: policy.class === 'Both' ? ['computer', 'user'] : policy.class === 'User' ? ['user'] : ['computer'],
        admx: { file: policy.file, name: policy.name },
        nodes: [],
        source: policy.file,
        chain,
        options: policy.elementValueNames ?? [],
      };
      byAdmx.set(key, draft);
      drafts.push(draft);
    }
    return draft;
  };

  for (const policy of admx.policies) if (policy.file.toLowerCase() === WHFB_TEMPLATE) draftFor(policy);

  // Nodes whose mapping names no template policy we have (security settings, templates not imported).
  const other = new Map<string, Draft>();
  for (const node of nodes) {
    const mapping = node.groupPolicy;
    if (!mapping) continue;
    const policy = admxPolicyOf(node, admx);
    let draft: Draft;
    if (policy) {
      draft = draftFor(policy);
    } else {
      const name = mapping.displayName ?? mapping.name;
      const key = name.toLowerCase();
      draft = other.get(key) ?? newDraft(name, mapping, categoryNames);
      if (!other.has(key)) {
        other.set(key, draft);
        drafts.push(draft);
      }
    }
    for (const alias of [mapping.name, mapping.displayName]) addAlias(draft, alias);
    // A template whose category hangs under another template's (CredentialProviders under logon:Logon):
    // the DDF's area spells the whole chain ("CredentialProviders~AT~System~Logon").
    const fromArea = areaPath(mapping.area, categoryNames);
    if (fromArea.split(' > ').length > draft.location.split(' > ').length) draft.location = fromArea;
    if (!draft.nodes.includes(node.path)) draft.nodes.push(node.path);
    mapping.displayName = draft.name;
    mapping.location = draft.location;
    if (node.scope === 'user' && !draft.scopes.includes('user') && draft.admx === undefined) draft.scopes.push('user');
  }

  for (const row of guideGroupPolicyRows(guides)) {
    const known = matchByName(drafts, row.name);
    if (known) {
      addAlias(known, row.name);
      continue;
    }
    drafts.push({ name: row.name, aliases: [], location: row.location, scopes: row.scopes, nodes: [], source: row.source, chain: [], options: [] });
  }

  for (const draft of drafts) draft.nodes.sort((a, b) => nodeOrder(nodes, draft, a) - nodeOrder(nodes, draft, b) || (a < b ? -1 : a > b ? 1 : 0));
  return drafts
    .map(({ chain: _chain, options: _options, ...info }) => ({ ...info, aliases: [...new Set(info.aliases.filter((alias) => alias.toLowerCase() !== info.name.toLowerCase()))].sort() }))
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
}

/** The setting itself first, then its options (the template's element value names: DisablePostLogonProvisioning, TPM12); device before user. */
function nodeOrder(nodes: CatalogNode[], draft: Draft, path: string): number {
  const node = nodes.find((n) => n.path === path);
  if (!node) return 99;
  const option = draft.options.some((name) => name.toLowerCase() === node.name.toLowerCase()) ? 2 : 0;
  return option + (node.scope === 'device' ? 0 : 1);
}

function newDraft(name: string, mapping: NonNullable<CatalogNode['groupPolicy']>, categoryNames: Map<string, string>): Draft {
  return {
    name,
    aliases: [],
    location: areaPath(mapping.area, categoryNames),
    scopes: [mapping.scope ?? 'computer'],
    ...(mapping.admxFile ? { admx: { file: mapping.admxFile, name: mapping.name } } : {}),
    nodes: [],
    source: mapping.admxFile ?? 'DDF GpMapping',
    chain: [],
    options: [],
  };
}

function addAlias(draft: Draft, alias: string | undefined): void {
  if (alias && alias.toLowerCase() !== draft.name.toLowerCase() && !draft.aliases.some((a) => a.toLowerCase() === alias.toLowerCase())) draft.aliases.push(alias);
}

/**
 * The template policy a node maps to: by ADMX name within its template (ADMX-backed nodes and
 * GpMapping names such as "CloudKerberosTicketRetrievalEnabled"), else by the display name the
 * guides and the DDF give it.
 */
function admxPolicyOf(node: CatalogNode, admx: AdmxFacts): AdmxPolicyFact | undefined {
  const mapping = node.groupPolicy;
  if (!mapping) return undefined;
  const file = (mapping.admxFile ?? (mapping.area?.includes('~') ? `${mapping.area.split('~')[0]}.admx` : undefined))?.toLowerCase();
  const byName = admx.policies.find((p) => p.name.toLowerCase() === mapping.name.toLowerCase() && (!file || p.file.toLowerCase() === file));
  if (byName) return byName;
  const display = (mapping.displayName ?? mapping.name).toLowerCase();
  return admx.policies.find((p) => p.displayName.toLowerCase() === display && (!file || p.file.toLowerCase() === file));
}

function categoryChain(admx: AdmxFacts, category: string): string[] {
  const chain: string[] = [];
  for (let at: string | undefined = category; at && chain.length < 10; at = admx.categories[at]?.parent) chain.unshift(at);
  return chain;
}

/**
 * Display names of categories, by qualified id and by bare id. The built-in Windows categories
 * (windows:System, windows:WindowsComponents) live in Windows.admx, which is not imported: their
 * names come from the policy settings reference, whose GPO rows spell out the editor path of
 * policies whose category chains end in them ("Windows Components > Windows Hello for Business").
 */
function categoryDisplayNames(admx: AdmxFacts, settingFacts: PolicySettingFact[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, category] of Object.entries(admx.categories)) {
    names.set(id, category.displayName);
    const bare = id.split(':')[1];
    if (!names.has(bare)) names.set(bare, category.displayName);
  }
  for (const fact of settingFacts) {
    const policy = admx.policies.find((p) => p.displayName.toLowerCase() === fact.displayName.toLowerCase());
    if (!policy || !fact.gpoArea) continue;
    const chain = categoryChain(admx, policy.category);
    const spelled = fact.gpoArea.split(' > ');
    if (chain.length !== spelled.length) continue;
    chain.forEach((id, index) => {
      if (!names.has(id)) names.set(id, spelled[index]);
      const bare = id.split(':')[1];
      if (!names.has(bare)) names.set(bare, spelled[index]);
    });
  }
  return names;
}

function editorPath(chain: string[], names: Map<string, string>): string {
  return [ADMINISTRATIVE_TEMPLATES, ...chain.map((id) => names.get(id) ?? id.split(':')[1] ?? id)].join(' > ');
}

/** A DDF area: "Kerberos~AT~System~kerberos" (template~AT~categories) or "Windows Settings~Security Settings~...". */
function areaPath(area: string | undefined, names: Map<string, string>): string {
  if (!area) return '';
  const parts = area.split('~');
  const at = parts.indexOf('AT');
  if (at < 0) return area.includes('~') ? parts.join(' > ') : area;
  const file = parts[0];
  return [ADMINISTRATIVE_TEMPLATES, ...parts.slice(at + 1).map((id) => names.get(`${file}:${id}`) ?? names.get(id) ?? id)].join(' > ');
}

interface GuideRow {
  name: string;
  location: string;
  scopes: ('computer' | 'user')[];
  source: string;
}

/** Every row of every "Group policy path | Group policy setting" table in the guides, current pages first. */
function guideGroupPolicyRows(guides: Guide[]): GuideRow[] {
  const ordered = [...guides].sort((a, b) => Number(!!virtualLocation(a.path)) - Number(!!virtualLocation(b.path)) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const rows: GuideRow[] = [];
  for (const guide of ordered) {
    for (const section of guide.sections) {
      for (const table of pipeTables(section.text)) {
        const header = table.header.map((cell) => stripInlineMarkdown(cell).toLowerCase());
        const nameColumn = header.indexOf('group policy setting');
        const pathColumn = header.indexOf('group policy path');
        if (nameColumn < 0 || pathColumn < 0) continue;
        for (const row of table.rows) {
          const name = stripInlineMarkdown(row[nameColumn] ?? '').trim();
          if (!name) continue;
          const path = row[pathColumn] ?? '';
          const scopes: ('computer' | 'user')[] = [];
          if (/Computer Configuration/i.test(path)) scopes.push('computer');
          if (/User Configuration/i.test(path)) scopes.push('user');
          // Split on the guide's backslashes before inline Markdown is removed (it drops them as escapes).
          const steps = (path.split(/<br\s*\/?>/i)[0] ?? '').split(/\\|>/).map((step) => stripInlineMarkdown(step).trim()).filter(Boolean);
          const location = steps.filter((step) => !/^(Computer|User) Configuration$/i.test(step)).join(' > ');
          rows.push({ name, location, scopes: scopes.length > 0 ? scopes : ['computer'], source: section.href });
        }
      }
    }
  }
  return rows;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9-]+/).filter(Boolean);
}

/**
 * A guide's name for a policy: the same name in any case, or the name with one word added
 * ("Use cloud Kerberos trust for on-premises authentication" for "Use cloud trust for on-premises
 * authentication"), when exactly one policy fits.
 */
function matchByName(drafts: Draft[], name: string): Draft | undefined {
  const lower = name.toLowerCase();
  const exact = drafts.find((draft) => draft.name.toLowerCase() === lower || draft.aliases.some((alias) => alias.toLowerCase() === lower));
  if (exact) return exact;
  const words = new Set(wordsOf(name));
  const loose = drafts.filter((draft) => {
    const own = new Set(wordsOf(draft.name));
    return [...own].every((word) => words.has(word)) && words.size - own.size === 1;
  });
  return loose.length === 1 ? loose[0] : undefined;
}
