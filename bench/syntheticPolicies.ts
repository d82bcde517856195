/**
 * Deterministic synthetic *.whfb.yaml files for the bench, built from the generated catalog:
 * real PassportForWork OMA-URIs with values their DDF allows, about 1% deliberately invalid
 * (wrong type, value out of range, typo in the node name) so diagnostics are never empty.
 *
 * A real file has a few dozen settings; 10,000 settings means every (node, scope) repeats
 * hundreds of times. Each (node, scope) is given one value per file, so repeats are identical
 * and realistic (a concatenation of profiles that agree); only the invalid ones and the bench's
 * own edits create WHFB150 duplicate findings. OMA-URIs vary in spelling the way admins write
 * them: the {TenantId} placeholder or the file's own tenant GUID, and the legacy ./Vendor/MSFT root
 * for device scope.
 */
import { readFileSync } from 'node:fs';
import type { Catalog, CatalogNode } from '../server/src/catalog/types';
import { Prng, seedFrom } from '../scripts/lib/prng';

export interface PositionInFile { line: number; character: number }

export interface SyntheticPolicy {
  name: string;
  text: string;
  settings: number;
  invalid: number;
  /** The setting the bench edits, completes and hovers: one near the middle of the file. */
  probe?: {
    /** The value's range on its line, and the two valid values the edits alternate between. */
    valueLine: number;
    valueStart: number;
    valueEnd: number;
    values: [string, string];
    /** In the OMA-URI just after its last '/': where an admin asks for the next segment. */
    completion: PositionInFile;
    /** Inside the OMA-URI's leaf name. */
    hover: PositionInFile;
  };
}

/** Settings the trust model fixes; a random value here would be a real (and uninteresting) WHFB130/131. */
const PINNED_VALUES: Record<string, string> = {
  UsePassportForWork: 'true',
  UseCloudTrustForOnPremAuth: 'true',
  UseCertificateForOnPremAuth: 'false',
};

interface Candidate {
  node: CatalogNode;
  type: 'bool' | 'int' | 'string';
  validValues: string[];
}

export function loadCatalog(path: string): Catalog {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Catalog;
  } catch (error) {
    throw new Error(`cannot read the catalog at ${path} (run "npm run generate" first): ${(error as Error).message}`, { cause: error });
  }
}

function isSettable(node: CatalogNode): boolean {
  return !node.interior && !node.deprecated && node.accessTypes.some((access) => access === 'Add' || access === 'Replace');
}

/** The values the DDF allows for a node, as YAML scalars; empty when there is no finite safe choice. */
function validValuesOf(node: CatalogNode): string[] {
  const pinned = PINNED_VALUES[node.name];
  if (pinned !== undefined) return [pinned];
  const allowed = node.allowed;
  if (node.format === 'bool') return ['true', 'false'];
  if (node.format === 'int') {
    if (allowed?.kind === 'enum') return allowed.values.map((v) => v.value).filter((v) => /^-?\d+$/.test(v));
    if (allowed?.kind === 'range') {
      // Ranged ints keep their default, so that MinimumPINLength never exceeds MaximumPINLength.
      const fallback = String(allowed.min);
      const value = node.defaultValue !== undefined && Number(node.defaultValue) >= allowed.min && Number(node.defaultValue) <= allowed.max
        ? node.defaultValue : fallback;
      return [value];
    }
    return [];
  }
  if (node.format === 'chr' && allowed?.kind === 'enum') return allowed.values.map((v) => JSON.stringify(v.value));
  return [];
}

function candidatesFrom(catalog: Catalog): Candidate[] {
  const candidates: Candidate[] = [];
  for (const node of catalog.nodes) {
    if (node.csp !== 'PassportForWork' || !isSettable(node)) continue;
    const validValues = validValuesOf(node);
    if (validValues.length === 0) continue;
    const type = node.format === 'bool' ? 'bool' : node.format === 'int' ? 'int' : 'string';
    candidates.push({ node, type, validValues });
  }
  if (candidates.length === 0) throw new Error('the catalog has no settable PassportForWork node with allowed values');
  return candidates.sort((a, b) => a.node.path.localeCompare(b.node.path));
}

/** The settings the hybrid cloud Kerberos trust guide asks for, so the file is a plausible deployment. */
function guideSettings(catalog: Catalog): { node: CatalogNode; type: string; value: string }[] {
  const wanted: [(n: CatalogNode) => boolean, string, string][] = [
    [(n) => n.csp === 'PassportForWork' && n.scope === 'device' && n.name === 'UsePassportForWork', 'bool', 'true'],
    [(n) => n.csp === 'PassportForWork' && n.scope === 'device' && n.name === 'UseCloudTrustForOnPremAuth', 'bool', 'true'],
    [(n) => n.csp === 'PassportForWork' && n.scope === 'device' && n.name === 'RequireSecurityDevice', 'bool', 'true'],
    [(n) => n.csp === 'Policy' && n.area === 'Kerberos' && n.name === 'CloudKerberosTicketRetrievalEnabled' && n.scope === 'device', 'int', '1'],
  ];
  const out: { node: CatalogNode; type: string; value: string }[] = [];
  for (const [matches, type, value] of wanted) {
    const node = catalog.nodes.find((n) => matches(n) && !n.interior);
    if (node) out.push({ node, type, value });
  }
  return out;
}

/** An OMA-URI as an admin might write it: placeholder or tenant GUID, modern or legacy device root. */
function spellOmaUri(path: string, tenantId: string, random: Prng): string {
  let uri = path;
  if (uri.includes('{TenantId}') && random.next() < 0.3) uri = uri.replace('{TenantId}', tenantId);
  if (uri.startsWith('./Device/Vendor/MSFT/') && random.next() < 0.1) uri = `./Vendor/MSFT/${uri.slice('./Device/Vendor/MSFT/'.length)}`;
  return uri;
}

/** Swaps two adjacent letters of the leaf name: the kind of typo WHFB101 should catch with a "did you mean". */
function typo(path: string): string {
  const leafStart = path.lastIndexOf('/') + 1;
  const at = leafStart + 2;
  if (at + 1 >= path.length) return `${path}x`;
  return `${path.slice(0, at)}${path[at + 1]}${path[at]}${path.slice(at + 2)}`;
}

type InvalidKind = 'wrong-type' | 'out-of-range' | 'typo-node';

function invalidSetting(candidate: Candidate, kind: InvalidKind): { path: string; type: string; value: string } {
  const { node } = candidate;
  if (kind === 'wrong-type') {
    return node.format === 'bool' ? { path: node.path, type: 'int', value: '1' } : { path: node.path, type: 'bool', value: 'true' };
  }
  if (kind === 'out-of-range') {
    const allowed = node.allowed;
    if (allowed?.kind === 'range') return { path: node.path, type: candidate.type, value: String(allowed.max + 1) };
    if (node.format === 'int') return { path: node.path, type: 'int', value: '99' };
    if (node.format === 'bool') return { path: node.path, type: 'bool', value: '"maybe"' };
    return { path: node.path, type: candidate.type, value: '"not-an-allowed-value"' };
  }
  return { path: typo(node.path), type: candidate.type, value: candidate.validValues[0]! };
}

export interface PolicyOptions {
  name: string;
  settings: number;
  /** Probability that a setting is invalid; files of 100 settings or more always get at least one. */
  invalidRate?: number;
  /** Which kinds of invalid settings, in turn (default: all three). */
  invalidKinds?: InvalidKind[];
  /** Only this many (node, scope) candidates: at 10,000 settings each repeats hundreds of times. */
  nodes?: number;
  /**
   * Probability that a repeat takes a random allowed value instead of the file's one value for its
   * node: repeats that disagree, the WHFB150 findings a concatenation of conflicting profiles has.
   */
  conflictRate?: number;
}

export type { InvalidKind };

function header(name: string, tenantId: string): string[] {
  return [
    'whfb: 1',
    `name: Synthetic bench policy ${name}`,
    `tenantId: ${tenantId}`,
    'deployment:',
    '  model: hybrid',
    '  trust: cloud-kerberos',
    '  authentication: password-hash-sync',
    '  management: intune',
    'settings:',
  ];
}

export function syntheticPolicy(catalog: Catalog, options: PolicyOptions): SyntheticPolicy {
  const random = new Prng(seedFrom(options.name));
  const invalidRate = options.invalidRate ?? 0.01;
  const tenantId = random.guid();
  const all = candidatesFrom(catalog);
  // Nodes with two or more allowed values first, so that a conflicting repeat can differ.
  const candidates = options.nodes === undefined ? all
    : [...all.filter((c) => c.validValues.length > 1), ...all.filter((c) => c.validValues.length <= 1)].slice(0, options.nodes);
  const conflictRate = options.conflictRate ?? 0;
  const valueOf = new Map<CatalogNode, string>();
  for (const candidate of candidates) valueOf.set(candidate.node, random.pick(candidate.validValues));

  const lines = header(options.name, tenantId);
  let invalid = 0;
  let count = 0;
  const guide = guideSettings(catalog);
  for (const setting of guide.slice(0, options.settings)) {
    lines.push(`  - omaUri: ${setting.node.path}`, `    type: ${setting.type}`, `    value: ${setting.value}`);
    count++;
  }

  const middle = Math.floor(options.settings / 2);
  let probe: SyntheticPolicy['probe'];
  const invalidKinds: InvalidKind[] = options.invalidKinds ?? ['wrong-type', 'out-of-range', 'typo-node'];
  for (let index = count; index < options.settings; index++) {
    const candidate = random.pick(candidates);
    const forceInvalid = options.settings >= 100 && invalid === 0 && index === options.settings - 1;
    const isProbe = probe === undefined && index >= middle && candidate.type === 'int';
    if (!isProbe && (forceInvalid || random.next() < invalidRate)) {
      const bad = invalidSetting(candidate, invalidKinds[invalid % invalidKinds.length]!);
      lines.push(`  - omaUri: ${spellOmaUri(bad.path, tenantId, random)}`, `    type: ${bad.type}`, `    value: ${bad.value}`);
      invalid++;
      continue;
    }
    const omaUri = spellOmaUri(candidate.node.path, tenantId, random);
    const value = !isProbe && conflictRate > 0 && random.next() < conflictRate ? random.pick(candidate.validValues) : valueOf.get(candidate.node)!;
    const omaLine = lines.length;
    lines.push(`  - omaUri: ${omaUri}`, `    type: ${candidate.type}`, `    value: ${value}`);
    if (candidate.node.title && random.next() < 0.3) lines.push(`    name: ${JSON.stringify(candidate.node.title)}`);
    if (isProbe) {
      const prefix = '  - omaUri: ';
      const leafStart = prefix.length + omaUri.lastIndexOf('/') + 1;
      const other = otherValidValue(candidate, value);
      probe = {
        valueLine: omaLine + 2,
        valueStart: '    value: '.length,
        valueEnd: '    value: '.length + value.length,
        values: [value, other],
        completion: { line: omaLine, character: leafStart },
        hover: { line: omaLine, character: leafStart + Math.floor(candidate.node.name.length / 2) },
      };
    }
  }
  return { name: options.name, text: `${lines.join('\n')}\n`, settings: options.settings, invalid, probe };
}

/** A second valid value for the edit loop: another enum value, or the neighbour inside the range. */
function otherValidValue(candidate: Candidate, value: string): string {
  const other = candidate.validValues.find((v) => v !== value);
  if (other !== undefined) return other;
  const allowed = candidate.node.allowed;
  const n = Number(value);
  if (allowed?.kind === 'range') return String(n + 1 <= allowed.max ? n + 1 : n - 1);
  return value;
}

/**
 * The harsh files of issue 16: 10,000 settings where the cost follows the findings, not the edit.
 * `duplicates`: fifteen nodes repeated with disagreeing values (thousands of WHFB150 findings);
 * `type-errors`: a third of the settings with the wrong `type`; `unknown-nodes`: a third with a
 * typo'd node name (WHFB101 with its "did you mean" search each).
 */
export function harshPolicies(catalog: Catalog, settings: number): SyntheticPolicy[] {
  return [
    syntheticPolicy(catalog, { name: `duplicates-${settings}`, settings, nodes: 15, conflictRate: 0.4, invalidRate: 0 }),
    syntheticPolicy(catalog, { name: `type-errors-${settings}`, settings, invalidRate: 0.33, invalidKinds: ['wrong-type'] }),
    syntheticPolicy(catalog, { name: `unknown-nodes-${settings}`, settings, invalidRate: 0.33, invalidKinds: ['typo-node'] }),
  ];
}

/**
 * Adversarial: a long merge-key chain. Each setting merges the one before it (`<<: *sN`), so a
 * naive resolver walks the whole chain for every setting, and the alias count is far beyond what
 * YAML parsers accept by default.
 */
export function mergeChainPolicy(catalog: Catalog, length: number): SyntheticPolicy {
  const random = new Prng(seedFrom(`merge-chain-${length}`));
  const tenantId = random.guid();
  const candidate = candidatesFrom(catalog).find((c) => c.node.allowed?.kind === 'range') ?? candidatesFrom(catalog)[0]!;
  const lines = header(`merge-chain-${length}`, tenantId);
  lines.push('  - &s0', `    omaUri: ${candidate.node.path}`, `    type: ${candidate.type}`, `    value: ${candidate.validValues[0]}`);
  for (let i = 1; i < length; i++) {
    lines.push(`  - &s${i}`, `    <<: *s${i - 1}`, `    name: link ${i}`);
  }
  return { name: `merge-chain-${length}`, text: `${lines.join('\n')}\n`, settings: length, invalid: 0 };
}

/** Adversarial: a policy with unresolved merge-conflict markers, as a bad rebase leaves it (six conflicts). */
export function conflictMarkerPolicy(catalog: Catalog, settings: number): SyntheticPolicy {
  const name = `conflict-markers-${settings}`;
  const base = syntheticPolicy(catalog, { name, settings });
  const lines = base.text.trimEnd().split('\n');
  const settingStarts = lines.map((line, index) => (line.startsWith('  - omaUri:') ? index : -1)).filter((index) => index >= 0);
  const conflicted = new Set(Array.from({ length: 6 }, (_, k) => settingStarts[Math.floor(((k + 0.5) * settingStarts.length) / 6)]!));
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!conflicted.has(index)) {
      out.push(lines[index]!);
      continue;
    }
    const ours = lines.slice(index, index + 3);
    const theirs = [...ours.slice(0, 2), ours[2]!.replace(/value: (.*)/, (_, value: string) => `value: ${conflictingValue(value)}`)];
    out.push('<<<<<<< HEAD', ...ours, '=======', ...theirs, '>>>>>>> feature/pin-policy');
    index += 2;
  }
  return { ...base, name, text: `${out.join('\n')}\n`, probe: undefined };
}

/** The other side of a conflict: a different value of the same kind. */
function conflictingValue(value: string): string {
  if (value === 'true' || value === 'false') return value === 'true' ? 'false' : 'true';
  return /^\d+$/.test(value) ? String(value === '0' ? 1 : 0) : value;
}
