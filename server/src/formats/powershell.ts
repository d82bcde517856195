/**
 * PowerShell that builds WHfB policies, and Microsoft365DSC configurations (powershellDsc.ts):
 * - hashtables `@{ omaUri = '...'; value = ...; '@odata.type' = '...' }` (keys in any case and
 *   order) and Graph bodies `@{ omaSettings = @( ... ) }` / `@{ settings = @( ... ) }`;
 * - Graph JSON in here-strings (@' ... '@, @" ... "@): custom profiles and Settings Catalog policies;
 * - OMA-URIs built with `$tenantId`, `${tenantId}` or `$(...)` as the tenant segment: the script
 *   fills it in, so it reads as the tenant placeholder and gets no tenant finding;
 * - OMA-URIs anywhere else in the script (comments, other strings): path checks only, as loose text.
 * The script is read (powershellScanner.ts), never run. Claimed only when it holds such data and
 * names a WHfB node (or is a WHfB DSC resource); otherwise the loose-text adapter takes the file.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import { cspScopeOf, type CspScope } from '../catalog/cspScope';
import { innerRange } from '../model/located';
import type { Fix, FixData, OffsetRange, PolicyModel, PolicySetting, SourceFormat } from '../model/types';
import type { DetectInput, FormatAdapter } from './adapter';
import { astErrorFindings, emptyModel, ignoredCodesAbove } from './adapterSupport';
import { renderCustomProfileFix } from './fixRendering';
import { NOT_APPLICABLE_TO_TEXT } from './looseText';
import { parseJson, propertyEntry, type AstNode, type AstObject } from './jsonAst';
import { findOmaUris } from './omaUriScanner';
import { entryOf, psToAst, shiftAst } from './powershellAst';
import { encodeCspValue } from '../catalog/graphMappings';
import { DSC_RESOURCE_PATTERN, DSC_RESOURCES, graphMappingOfSetting, isTenantWideResource, readAccountProtection, readGraphProperties, WHFB_DSC_RESOURCE_PATTERN } from './powershellDsc';
import { scanPowerShell, type PsBlock, type PsDocument, type PsString } from './powershellScanner';
import { odataTypeOf } from './settingEntry';
import { policyShapeOf, readPolicyDocument } from './settingsCatalogAndProfileList';
import { namesWhfbNode } from './whfbPolicy';

const POWERSHELL_FILE = /\.(?:ps1|psm1|psd1)$/;
/** Cheap signs of policy data: an omaUri key, a Graph body, a Settings Catalog id. */
const POLICY_DATA = /omaUri['"]?\s*[=:]|omaSettings|settingDefinitionId/i;
/** The same checks loose text gets: OMA-URIs outside policy data have no value or type. */
const NOT_APPLICABLE_TO_LOOSE = NOT_APPLICABLE_TO_TEXT;
/** A tenant segment the script fills in at run time is no placeholder problem and no malformed id. */
const FILLED_IN_BY_SCRIPT = ['WHFB104', 'WHFB105'];

/** Where a setting was read from, for rendering fixes in that syntax. */
export type Origin = 'hashtable' | 'json' | 'loose' | 'dsc-leaf';
const origins = new WeakMap<PolicySetting, Origin>();
/** The scanned script behind a model, for completion (which block the cursor is in) without a second scan. */
const documents = new WeakMap<PolicyModel, PsDocument>();

export function powershellDocumentOf(model: PolicyModel): PsDocument | undefined {
  return documents.get(model);
}

/** Where a setting of a PowerShell model was read from (completion writes values in that syntax). */
export function powershellOriginOf(setting: PolicySetting): Origin | undefined {
  return origins.get(setting);
}

export function isPowerShellFile(input: DetectInput): boolean {
  return input.languageId === 'powershell' || POWERSHELL_FILE.test(input.uri.toLowerCase().replace(/[?#].*$/, ''));
}

export const powershellAdapter: FormatAdapter = {
  formats: ['powershell', 'dsc-powershell'],
  renderFix: renderPowerShellFix,

  detect(input: DetectInput): SourceFormat | undefined {
    if (!isPowerShellFile(input)) return undefined;
    const text = input.text;
    // Account protection is a WHfB policy whatever it sets; the other resources only when they name a WHfB node.
    if (WHFB_DSC_RESOURCE_PATTERN.test(text)) return 'dsc-powershell';
    if (!namesWhfbNode(text)) return undefined;
    if (DSC_RESOURCE_PATTERN.test(text)) return 'dsc-powershell';
    return POLICY_DATA.test(text) ? 'powershell' : undefined;
  },

  parse(text: string, format: SourceFormat, catalog: CatalogIndex): PolicyModel {
    return new PowerShellReader(text, format, catalog).read();
  },
};

class PowerShellReader {
  private readonly model: PolicyModel;
  private readonly scope: CspScope;
  /** Blocks read as part of an outer policy (a DSC resource, a Graph body): not read again alone. */
  private readonly consumed = new Set<PsBlock>();
  /** Settings read from the tenant-wide enrollment resource, and from anything else. */
  private readonly settingsFrom = { tenantWide: 0, other: 0 };
  private readonly ignoredCodesAt = (offsets: number[]): string[] => [...new Set(offsets.flatMap((offset) => ignoredCodesAbove(this.text, offset)))];

  constructor(private readonly text: string, format: SourceFormat, private readonly catalog: CatalogIndex) {
    this.model = emptyModel(format, text);
    this.scope = cspScopeOf(catalog);
  }

  read(): PolicyModel {
    const document = scanPowerShell(this.text);
    documents.set(this.model, document);
    document.blocks.forEach((block, index) => {
      if (!this.consumed.has(block)) this.readBlock(block, document.blocks, index);
    });
    for (const string of document.strings) this.readEmbeddedJson(string);
    const structured = this.model.settings.length > 0;
    // The tenant-wide policy's own file is judged as the tenant-wide policy (PolicyModel.policyScope);
    // a configuration that also holds profiles is judged as those profiles.
    if (this.settingsFrom.tenantWide > 0 && this.settingsFrom.other === 0) this.model.policyScope = 'tenant-wide';
    this.readLooseOmaUris();
    // A script with no policy data keeps what loose text gets: path checks only, for the whole file.
    if (!structured) this.model.ignoredCodes = [...NOT_APPLICABLE_TO_LOOSE];
    this.model.settings.sort((a, b) => a.range.start - b.range.start);
    this.model.settings.forEach((setting, index) => { setting.index = index; });
    return this.model;
  }

  private readBlock(block: PsBlock, all: readonly PsBlock[], index: number): void {
    const resource = block.head ? DSC_RESOURCES.get(block.head.name.toLowerCase()) : undefined;
    if (resource) {
      this.consumeInside(all, index);
      if (resource === 'account-protection') {
        for (const setting of readAccountProtection(block, this.catalog)) this.add(setting, 'dsc-leaf', []);
        this.settingsFrom.other += 1;
        return;
      }
      if (resource === 'graph-properties') {
        const result = readGraphProperties(block, this.catalog);
        this.model.findings.push(...result.findings);
        const tenantWide = isTenantWideResource(block.head!.name);
        this.settingsFrom[tenantWide ? 'tenantWide' : 'other'] += result.settings.length;
        for (const setting of result.settings) this.add(setting, 'dsc-leaf', []);
        return;
      }
      this.readGraphObject(psToAst(block, this.text) as AstObject, resource);
      this.settingsFrom.other += 1;
      return;
    }
    if (entryOf(block, 'omaSettings')) {
      this.consumeInside(all, index);
      this.readGraphObject(psToAst(block, this.text) as AstObject, 'custom-profile');
    } else if (entryOf(block, 'settings') && /settingInstance/i.test(this.text.slice(block.range.start, block.range.end))) {
      this.consumeInside(all, index);
      this.readGraphObject(psToAst(block, this.text) as AstObject, 'settings-catalog');
    } else if (entryOf(block, 'omaUri')) {
      this.readOmaHashtable(block);
    }
  }

  /** Blocks are in source order, so the ones nested in all[index] follow it directly. */
  private consumeInside(all: readonly PsBlock[], index: number): void {
    const outer = all[index]!;
    for (let next = index + 1; next < all.length && all[next]!.range.start < outer.range.end; next++) this.consumed.add(all[next]!);
  }

  private readGraphObject(root: AstNode, shape: 'custom-profile' | 'settings-catalog'): void {
    const result = readPolicyDocument(root, shape, this.catalog, this.scope, this.ignoredCodesAt);
    if (shape === 'settings-catalog') this.model.admxAsChoice = true;
    this.model.name ??= result.name;
    this.model.findings.push(...result.findings);
    for (const setting of result.settings) this.add(setting, 'hashtable', []);
  }

  /** One `@{ omaUri = ...; value = ...; '@odata.type' = ... }`: a custom-profile OMA setting. */
  private readOmaHashtable(block: PsBlock): void {
    const item = psToAst(block, this.text);
    const root: AstObject = { kind: 'object', range: block.range, properties: [{ key: 'omaSettings', keyRange: block.range, value: { kind: 'array', range: block.range, items: [item] } }] };
    const result = readPolicyDocument(root, 'custom-profile', this.catalog, this.scope, this.ignoredCodesAt);
    // A script may add the type later ($setting['@odata.type'] = ...): a hashtable without one is not wrong.
    const typed = entryOf(block, '@odata.type') ?? entryOf(block, 'odataType');
    this.model.findings.push(...result.findings.filter((item) => typed || !/@odata\.type/.test(item.message)));
    for (const setting of result.settings) this.add(setting, 'hashtable', []);
  }

  /** A here-string (or string) holding a Graph policy as JSON, read with the JSON readers at its offsets. */
  private readEmbeddedJson(string: PsString): void {
    const value = string.value;
    const first = /\S/.exec(value)?.[0];
    if (first !== '{' && first !== '[') return;
    if (!/omaSettings|settingInstance/.test(value)) return;
    // The source text is parsed (not the decoded value), so offsets map one to one.
    const source = this.text.slice(string.valueRange.start, string.valueRange.end);
    const parsed = parseJson(source);
    if (!parsed.root || parsed.errors.length > 0) {
      // "value": $minLength in an expandable here-string is JSON only after the script ran.
      if (string.expandable && string.variables.length > 0) return;
      this.model.findings.push(...astErrorFindings(parsed.errors.map((error) => ({ ...error, range: { start: error.range.start + string.valueRange.start, end: error.range.end + string.valueRange.start } }))));
      return;
    }
    const root = shiftAst(parsed.root, string.valueRange.start);
    const shape = policyShapeOf(root) ?? (propertyEntry(root, 'value') || root.kind === 'array' ? (/settingInstance/.test(value) ? 'settings-catalog' : 'custom-profile') : undefined);
    if (!shape) return;
    if (shape === 'settings-catalog') this.model.admxAsChoice = true;
    const result = readPolicyDocument(root, shape, this.catalog, this.scope, () => []);
    this.model.name ??= result.name;
    this.model.findings.push(...result.findings);
    for (const setting of result.settings) this.add(setting, 'json', []);
  }

  /** OMA-URIs outside the policy data (comments, Write-Host lines, other hashtables): path checks only. */
  private readLooseOmaUris(): void {
    const taken = disjointRanges(this.model.settings.map((setting) => setting.range));
    for (const occurrence of findOmaUris(this.text)) {
      if (insideAny(taken, occurrence.range)) continue;
      if (!this.scope.coversOmaUri(occurrence.text)) continue;
      const setting: PolicySetting = {
        index: 0,
        range: occurrence.range,
        omaUri: { value: occurrence.text, range: occurrence.range },
        node: this.catalog.resolve(occurrence.text).node,
        ignoredCodes: [],
      };
      this.add(setting, 'loose', this.model.settings.length > 0 ? NOT_APPLICABLE_TO_LOOSE : []);
    }
  }

  /** The path up to its {TenantId} segment is a CSP's tenant node: the variable stood for the tenant. */
  private isTenantSegmentOfCsp(path: string): boolean {
    const at = path.toLowerCase().indexOf('/{tenantid}');
    if (at < 0) return false;
    const prefix = path.slice(0, at + '/{tenantid}'.length).toLowerCase();
    return this.catalog.nodes.some((node) => node.path.toLowerCase().startsWith(prefix));
  }

  /**
   * Adds a setting; an OMA-URI with script variables is resolved first: a variable that is a whole
   * segment stands for the tenant ({TenantId}); any other use makes the path unknowable, and the
   * setting is left unjudged rather than reported as unknown.
   */
  private add(setting: PolicySetting, origin: Origin, silenced: readonly string[]): void {
    const omaUri = setting.omaUri;
    const extra = [...silenced, ...ignoredCodesAbove(this.text, setting.range.start)];
    if (omaUri && omaUri.value.includes('$')) {
      const resolved = tenantFilledIn(omaUri.value);
      if (!resolved) return;
      const node = this.catalog.resolve(resolved).node;
      // Unresolved: a typo after the tenant segment is still reported; a variable elsewhere is unknowable.
      if (!node && !this.isTenantSegmentOfCsp(resolved)) return;
      setting.omaUri = { ...omaUri, value: resolved };
      setting.node = node;
      extra.push(...FILLED_IN_BY_SCRIPT);
    }
    setting.ignoredCodes = [...new Set([...setting.ignoredCodes, ...extra])];
    origins.set(setting, origin);
    this.model.settings.push(setting);
  }
}

/** The ranges merged where they overlap, in order: one binary search answers "inside any?" (thousands of entries). */
function disjointRanges(ranges: OffsetRange[]): OffsetRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: OffsetRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

function insideAny(disjoint: readonly OffsetRange[], range: OffsetRange): boolean {
  let low = 0;
  let high = disjoint.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = disjoint[mid]!;
    if (range.start < candidate.start) high = mid - 1;
    else if (range.start > candidate.end) low = mid + 1;
    else return range.end <= candidate.end;
  }
  return false;
}

/** "./Device/.../PassportForWork/$($tenantId)/Policies/X" -> ".../{TenantId}/Policies/X"; undefined when a variable is not a whole segment. */
function tenantFilledIn(omaUri: string): string | undefined {
  const segments = omaUri.split('/');
  const filled = segments.map((segment) => (/^\$(?:[A-Za-z_][\w:]*|\{[^}]+\}|\(.*\))$/.test(segment) ? '{TenantId}' : segment));
  const result = filled.join('/');
  return result.includes('$') ? undefined : result;
}

/**
 * Fixes in PowerShell syntax: a value written as a literal, a type written as an @odata.type, an
 * OMA-URI written verbatim. JSON in a here-string is edited as JSON. A value the script computes,
 * or an OMA-URI with variables, is left alone: the edit would not be the one meant.
 */
export function renderPowerShellFix(model: PolicyModel, fix: Fix): FixData | undefined {
  if (!('setting' in fix)) return undefined;
  const origin = origins.get(fix.setting);
  if (origin === 'json') return renderCustomProfileFix(model, fix);
  const setting = fix.setting;
  switch (fix.kind) {
    case 'set-value': {
      const value = setting.value;
      if (!value || origin === 'loose' || setting.settingDefinitionId) return undefined;
      // A Graph-named DSC property is written as its Graph value ("required", not 1).
      const mapping = graphMappingOfSetting.get(setting);
      const written = mapping ? encodeCspValue(mapping, fix.value) : fix.value;
      if (written === undefined) return undefined;
      return replace(value.range, powershellLiteral(model.text, value.range, written), fix.title);
    }
    case 'set-type': {
      const type = setting.type;
      if (!type || origin !== 'hashtable' || !/^#microsoft\.graph\.omaSetting/i.test(type.value)) return undefined;
      return replace(type.range, odataTypeOf(fix.type), fix.title);
    }
    case 'correct-path':
    case 'use-successor': {
      const omaUri = setting.omaUri;
      if (!omaUri || origin === 'dsc-leaf' || (origin === 'loose' && fix.kind === 'use-successor')) return undefined;
      const inner = innerRange(model.text, omaUri.range);
      if (model.text.slice(inner.start, inner.end) !== omaUri.value) return undefined;
      return replace(inner, fix.path, fix.title);
    }
    default:
      return undefined;
  }
}

function replace(range: OffsetRange, newText: string, title: string): FixData {
  return { fix: 'replace', title, replacements: [{ range, newText }] };
}

/**
 * The new value in the syntax of the one it replaces: inside quotes it stays a string (escaped for
 * that quote), otherwise $true/$false or a number; a string replacing a bare literal gets quotes.
 */
function powershellLiteral(text: string, range: OffsetRange, value: boolean | number | string): string {
  const before = text[range.start - 1];
  const quoted = (before === "'" || before === '"') && text[range.end] === before;
  if (quoted) {
    const written = String(value);
    return before === "'" ? written.replace(/'/g, "''") : written.replace(/[`"$]/g, '`$&');
  }
  if (typeof value === 'boolean') return value ? '$true' : '$false';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

