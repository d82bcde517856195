/**
 * Rules about one setting against its catalog node: does the node exist (WHFB101), does the type
 * match its DDF format (WHFB102), is the value allowed (WHFB103), can it be set (WHFB106), is it
 * newer than the oldest build in scope (WHFB170), is it deprecated (WHFB171).
 */
import * as l10n from '@vscode/l10n';
import { resolveOmaUri } from '../model/resolveOmaUri';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { cspScopeOf } from '../catalog/cspScope';
import type { AllowedValues, CatalogNode } from '../catalog/types';
import { finding } from '../model/findings';
import type { Finding, Fix, PolicyModel, PolicySetting } from '../model/types';
import { asBoolean, asInteger, policyFileTypeName, typeFitsFormat, valueText, valueTypeForFormat } from '../model/values';
import { ADMX_CHOICE_OPTIONS, ADMX_PAYLOAD, admxFormOf, isRedacted, listItems, patternOf, valueFits, type AdmxForm } from '../model/allowedValues';
import { availabilityOn, formatBuild, parseBuild, type Availability } from './osBuilds';
import type { Rule } from './rule';
import { closest } from './similarity';

/** "Did you mean" is the costliest lookup there is; a typo stays in the file while the user edits elsewhere. */
const suggestions = new WeakMap<CatalogIndex, Map<string, CatalogNode | null>>();
const MEMO_MAX_URI_LENGTH = 2048;

function suggestionFor(catalog: CatalogIndex, omaUri: string): CatalogNode | undefined {
  // A megabyte URI is cheap to rank (it is ruled out by its depth or length) and would pin
  // megabytes per edit in the memo: only ordinary lengths are remembered.
  if (omaUri.length > MEMO_MAX_URI_LENGTH) return catalog.suggest(omaUri, 1)[0];
  let memo = suggestions.get(catalog);
  if (!memo) {
    memo = new Map();
    suggestions.set(catalog, memo);
  }
  let best = memo.get(omaUri);
  if (best === undefined) {
    best = catalog.suggest(omaUri, 1)[0] ?? null;
    if (memo.size > 10_000) memo.clear();
    memo.set(omaUri, best);
  }
  return best ?? undefined;
}

/** Keeps the tenant segment as written when a suggestion replaces an OMA-URI. */
function withWrittenTenant(path: string, catalog: CatalogIndex, written: string): string {
  const tenant = resolveOmaUri(catalog, written).tenant;
  if (!tenant || tenant.kind !== 'guid') return path;
  return path.replace('{TenantId}', tenant.text);
}

const unknownNode: Rule = {
  code: 'WHFB101',
  check(model, catalog) {
    const findings: Finding[] = [];
    // By index, not for...of (as the other loops over model.settings here): on a cold open this runs for
    // every one of 10,000 settings before V8 optimizes it, and each for...of step allocates an iterator result.
    for (let at = 0; at < model.settings.length; at++) {
      const setting = model.settings[at];
      if (setting.node) continue;
      const omaUri = setting.omaUri;
      if (omaUri && omaUri.value.trim()) {
        // Exports and text mix WHfB with other CSPs: only a CSP the catalog covers can name an unknown node.
        if (!model.onlyWhfbSettings && !cspScopeOf(catalog).coversOmaUri(omaUri.value)) continue;
        const resolved = resolveOmaUri(catalog, omaUri.value);
        if (resolved.node) continue;
        const best = suggestionFor(catalog, omaUri.value);
        const suggestion = best ? withWrittenTenant(best.path, catalog, omaUri.value) : undefined;
        const message = unknownSegmentMessage(catalog, omaUri.value, suggestion);
        // The code links the meant node's section of the CSP reference.
        findings.push(finding('WHFB101', omaUri.range, message, suggestion ? {
          fix: { kind: 'correct-path', title: l10n.t('Change to {0}', suggestion), setting, path: suggestion, settingsCatalogId: best?.settingsCatalogId },
          href: best?.referenceUrl,
        } : {}));
      } else if (setting.settingDefinitionId && setting.settingDefinitionId.value.trim()) {
        const id = setting.settingDefinitionId;
        if (!/passportforwork|kerberos/i.test(id.value)) continue;
        const meant = settingIdSuggestion(catalog, id.value);
        findings.push(finding('WHFB101', id.range, meant
          ? l10n.t('"{0}" names no Windows Hello for Business setting of the Settings Catalog. Did you mean {1}?', shortened(id.value), meant.settingsCatalogId)
          : l10n.t('"{0}" names no Windows Hello for Business setting of the Settings Catalog. Check the settingDefinitionId.', shortened(id.value)), meant ? {
          fix: { kind: 'correct-path', title: l10n.t('Change to {0}', meant.settingsCatalogId), setting, path: meant.path, settingsCatalogId: meant.settingsCatalogId },
          href: meant.referenceUrl,
        } : {}));
      }
    }
    return findings;
  },
};

/** Long written text is cut in a message (Problems shows one line). */
function shortened(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * WHFB101's message names the segment Windows cannot find and the one meant, not the whole URI
 * twice (issue 12 point 10): "Policies/UseCloudTrust" is what the user fixes; the diagnostic's
 * range already shows where the URI is.
 */
function unknownSegmentMessage(catalog: CatalogIndex, written: string, suggestion: string | undefined): string {
  const segments = written.trim().split('/');
  let prefix = '';
  let unknownAt = segments.length - 1;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (i === 0) {
      prefix = `${segment}/`;
      continue;
    }
    const next = catalog.nextSegments(prefix);
    const known = next.some((item) => item.dynamic || item.segment.toLowerCase() === segment.toLowerCase());
    if (!known) {
      unknownAt = i;
      break;
    }
    prefix += `${segment}/`;
  }
  const unknown = segments[unknownAt] ?? written;
  const parent = unknownAt > 0 ? segments[unknownAt - 1] : undefined;
  const where = parent ? l10n.t(' under {0}', parent) : '';
  if (!suggestion) return l10n.t('Unknown segment "{0}"{1}: no node of the CSP has this path. Check it against the CSP reference.', shortened(unknown), where);
  // Aligned from the end: a legacy ./Vendor/MSFT root is one segment shorter than the ./Device/... suggestion.
  const meant = suggestion.split('/').slice(-(segments.length - unknownAt)).join('/') || suggestion;
  return l10n.t('Unknown segment "{0}"{1}: did you mean {2}?', shortened(unknown), where, meant);
}

/** The covered Settings Catalog id nearest to a misspelt one (same prefix rules as the OMA-URI "did you mean"). */
function settingIdSuggestion(catalog: CatalogIndex, written: string): CatalogNode | undefined {
  if (written.length > MEMO_MAX_URI_LENGTH) return undefined;
  let ids = settingIds.get(catalog);
  if (!ids) {
    ids = new Map(catalog.nodes.filter((node) => !node.interior && node.settingsCatalogId).map((node) => [node.settingsCatalogId.toLowerCase(), node]));
    settingIds.set(catalog, ids);
  }
  // The same misspelt id repeats (a copied setting) and stays while the user edits elsewhere: remembered like suggestionFor's.
  const key = written.trim().toLowerCase();
  let memo = settingIdSuggestions.get(catalog);
  if (!memo) settingIdSuggestions.set(catalog, (memo = new Map<string, CatalogNode | null>()));
  let found = memo.get(key);
  if (found === undefined) {
    const best = closest(key, [...ids.keys()]);
    found = (best ? ids.get(best) : undefined) ?? null;
    if (memo.size > 10_000) memo.clear();
    memo.set(key, found);
  }
  return found ?? undefined;
}

const settingIds = new WeakMap<CatalogIndex, Map<string, CatalogNode>>();
const settingIdSuggestions = new WeakMap<CatalogIndex, Map<string, CatalogNode | null>>();

const wrongType: Rule = {
  code: 'WHFB102',
  check(model) {
    const findings: Finding[] = [];
    for (let at = 0; at < model.settings.length; at++) {
      const setting = model.settings[at];
      const { node, type } = setting;
      if (!node || node.interior || !type?.normalized) continue;
      if (typeFitsFormat(type.normalized, node.format)) continue;
      const wanted = valueTypeForFormat(node.format);
      if (!wanted) continue;
      const name = policyFileTypeName(wanted);
      findings.push(finding('WHFB102', type.range, /^[aeiou]/.test(node.format) ? l10n.t('{0} is an {1} node in the DDF: set type to {2} (not {3}).', node.name, node.format, name, type.value) : l10n.t('{0} is a {1} node in the DDF: set type to {2} (not {3}).', node.name, node.format, name, type.value), {
        fix: { kind: 'set-type', title: l10n.t('Change type to {0}', name), setting, type: wanted },
      }));
    }
    return findings;
  },
};

/** Catalog data, so its description never changes: built once per node's allowed values. */
const allowedDescriptions = new WeakMap<AllowedValues, string>();

function describeAllowed(allowed: AllowedValues): string {
  let description = allowedDescriptions.get(allowed);
  if (description === undefined) {
    description = describeAllowedOnce(allowed);
    allowedDescriptions.set(allowed, description);
  }
  return description;
}

function describeAllowedOnce(allowed: AllowedValues): string {
  switch (allowed.kind) {
    case 'enum': return allowed.values.map((item) => l10n.t('{0} ({1})', item.value, firstSentence(item.description))).join(l10n.t(', '));
    case 'range': return l10n.t('an integer from {0} to {1}', allowed.min, allowed.max);
    case 'regex': return l10n.t('text matching {0}', allowed.pattern);
    case 'admx': return l10n.t('an ADMX policy value: <enabled/> or <disabled/> with its data elements');
    default: return allowed.raw;
  }
}

function firstSentence(text: string): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  const end = plain.search(/[.;](\s|$)/);
  const sentence = end > 0 ? plain.slice(0, end) : plain;
  return sentence.length > 80 ? `${sentence.slice(0, 77)}...` : sentence;
}

/**
 * Why the value does not fit the node, or undefined when it does. The message is built only for a
 * value that does not fit (valueFits first): valid values, nearly all of them, cost no strings.
 */
function valueProblem(node: CatalogNode, value: unknown, admx: AdmxForm): string | undefined {
  if (valueFits(node, value, admx)) return undefined;
  return describeProblem(node, value, admx);
}

function describeProblem(node: CatalogNode, value: unknown, admx: AdmxForm): string | undefined {
  if (value === null || value === undefined || value === '') return l10n.t('{0} needs a value: {1}.', node.name, node.allowed ? describeAllowed(node.allowed) : l10n.t('a {0} value', node.format));
  if (typeof value === 'object') {
    // A mapping or list where a scalar belongs: most often lines indented under `value:` by mistake
    // (an entry nested into the one above). Said in words, never as the parser's JSON.
    const shape = Array.isArray(value) ? l10n.t('a list') : l10n.t('a mapping (indented "key: value" lines)');
    return l10n.t('{0} needs {1}, but its value is {2}: check the indentation of the lines under it.', node.name, node.allowed ? describeAllowed(node.allowed) : l10n.t('a single {0} value', node.format), shape);
  }
  let text = valueText(value);
  if (node.format === 'bool') {
    const flag = asBoolean(value);
    if (flag === undefined) return l10n.t('{0} is a boolean: write true or false (not {1}).', node.name, text);
    text = String(flag);
  } else if (node.format === 'int') {
    const number = asInteger(value);
    if (number === undefined) return node.allowed ? l10n.t('{0} is an integer: write a whole number, {1} (not {2}).', node.name, describeAllowed(node.allowed), text) : l10n.t('{0} is an integer: write a whole number (not {1}).', node.name, text);
    text = String(number);
  }
  const allowed = node.allowed;
  if (!allowed) return undefined;
  switch (allowed.kind) {
    case 'enum':
      if (allowed.values.some((item) => item.value.toLowerCase() === text.toLowerCase())) return undefined;
      return l10n.t('{0} is not allowed for {1}. Allowed: {2}.', text, node.name, describeAllowed(allowed));
    case 'range': {
      const number = asInteger(value);
      if (number !== undefined && number >= allowed.min && number <= allowed.max) return undefined;
      return l10n.t('{0} is out of range for {1}: use {2}.', text, node.name, describeAllowed(allowed));
    }
    case 'regex': {
      const pattern = patternOf(allowed.pattern);
      if (!pattern) return undefined;
      if (node.list) {
        const bad = listItems(node, text).filter((item) => !pattern.test(item));
        if (bad.length === 0) return undefined;
        const shown = bad.map((item) => (item ? `"${item}"` : l10n.t('an empty item'))).join(l10n.t(', '));
        return bad.length === 1
          ? l10n.t('{0} is a {1}-separated list whose items match {2}; {3} does not. Windows rejects the value.', node.name, delimiterName(node.list.delimiter), allowed.pattern, shown)
          : l10n.t('{0} is a {1}-separated list whose items match {2}; {3} do not. Windows rejects the value.', node.name, delimiterName(node.list.delimiter), allowed.pattern, shown);
      }
      if (pattern.test(text)) return undefined;
      return l10n.t('{0} does not match the format {1} needs ({2}).', text, node.name, allowed.pattern);
    }
    case 'admx':
      if (admx === 'choice') {
        if (ADMX_CHOICE_OPTIONS.has(text.trim())) return undefined;
        return l10n.t('{0} is an ADMX-backed policy, a choice in the Settings Catalog: its option is _1 (Enabled) or _0 (Disabled), not _{1}. Intune does not import other options.', node.name, text);
      }
      if (ADMX_PAYLOAD.test(text)) return undefined;
      return l10n.t('{0} is an ADMX-backed policy: an OMA-URI value must be <enabled/> (with its <data id=... value=.../> elements) or <disabled/>, or Windows rejects it.', node.name);
    default:
      return undefined;
  }
}

function delimiterName(delimiter: string): string {
  switch (delimiter) {
    case ',': return l10n.t('comma');
    case ';': return l10n.t('semicolon');
    case '+': return l10n.t('plus');
    default: return `U+${delimiter.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
}

const valueNotAllowed: Rule = {
  code: 'WHFB103',
  check(model) {
    const findings: Finding[] = [];
    const admx = admxFormOf(model);
    for (let at = 0; at < model.settings.length; at++) {
      const setting = model.settings[at];
      const { node, value } = setting;
      if (!node || node.interior || !value) continue;
      if (isRedacted(value.value)) continue; // WHFB180 says it better
      const problem = valueProblem(node, value.value, admx);
      if (!problem) continue;
      const fix = allowedValueFix(node, setting, value.value);
      findings.push(finding('WHFB103', value.range, problem, fix ? { fix } : {}));
    }
    return findings;
  },
};

/**
 * The allowed value a rejected one most likely meant: the nearest bound of a range (8 -> 4..127 is
 * not rejected, 200 becomes 127), the allowed spelling of an enum value written in another case,
 * else the node's default when the sources give one that is allowed. Undefined when nothing is
 * clearly meant (a free text, a pattern): a guess would be a wrong fix.
 */
function allowedValueFix(node: CatalogNode, setting: PolicySetting, value: unknown): Fix | undefined {
  const allowed = node.allowed;
  if (!allowed || typeof value === 'object') return undefined;
  const typed = (text: string): number | string => (node.format === 'int' && /^-?\d+$/.test(text) ? Number(text) : text);
  if (allowed.kind === 'range') {
    const number = asInteger(value);
    if (number === undefined) return undefined;
    const bound = number < allowed.min ? allowed.min : allowed.max;
    return { kind: 'set-value', title: bound === allowed.min ? l10n.t('Change to {0} (the smallest value allowed)', bound) : l10n.t('Change to {0} (the largest value allowed)', bound), setting, value: bound };
  }
  if (allowed.kind !== 'enum' || node.format === 'bool') return undefined;
  const text = valueText(value).trim().toLowerCase();
  const sameWord = allowed.values.find((item) => item.value.toLowerCase() === text);
  if (sameWord) return { kind: 'set-value', title: l10n.t('Change to {0}', sameWord.value), setting, value: typed(sameWord.value) };
  const fallback = node.defaults.map((item) => item.value.trim()).find((candidate) => allowed.values.some((item) => item.value === candidate));
  if (fallback === undefined) return undefined;
  return { kind: 'set-value', title: l10n.t('Change to {0} (the default: {1})', fallback, firstSentence(allowed.values.find((item) => item.value === fallback)!.description)), setting, value: typed(fallback) };
}

const notSettable: Rule = {
  code: 'WHFB106',
  check(model) {
    const findings: Finding[] = [];
    for (let at = 0; at < model.settings.length; at++) {
      const setting = model.settings[at];
      const node = setting.node;
      if (!node) continue;
      const where = setting.omaUri?.range ?? setting.settingDefinitionId?.range ?? setting.range;
      if (node.interior) {
        findings.push(finding('WHFB106', where, l10n.t('{0} is an interior node: it groups other settings and takes no value. Set one of the nodes under it.', node.name)));
      } else if (!node.accessTypes.some((access) => access === 'Add' || access === 'Replace')) {
        findings.push(finding('WHFB106', where, l10n.t('{0} cannot be set (the DDF allows only {1}). Remove this setting.', node.name, node.accessTypes.join(', ') || l10n.t('no access'))));
      }
    }
    return findings;
  },
};

/**
 * WHFB170, on the DDF's "MSFT:Applicability OsBuildVersion": the builds (one per servicing branch)
 * from which Windows has the node. Branch by branch comparison: rules/osBuilds.ts.
 */
const newerThanMinimumBuild: Rule = {
  code: 'WHFB170',
  check(model) {
    const minimum = model.deployment?.minimumOsBuild;
    const build = minimum ? parseBuild(minimum.value) : undefined;
    if (!minimum || !build) return [];
    const findings: Finding[] = [];
    const related = [{ range: minimum.range, message: l10n.t('The oldest Windows build in scope') }];
    for (let at = 0; at < model.settings.length; at++) {
      const setting = model.settings[at];
      const node = setting.node;
      if (!node || (node.minBuilds.length === 0 && !node.insider)) continue;
      const availability = availabilityOn(node, build);
      if (availability.kind === 'available') continue;
      const where = setting.omaUri?.range ?? setting.settingDefinitionId?.range ?? setting.range;
      findings.push(finding('WHFB170', where, buildMessage(node, minimum.value, availability), { related }));
    }
    return findings;
  },
};

function buildMessage(node: CatalogNode, minimum: string, availability: Exclude<Availability, { kind: 'available' }>): string {
  const listed = node.minBuilds.join(', ');
  switch (availability.kind) {
    case 'insider-only':
      return l10n.t('{0} exists only on Windows Insider builds (the DDF lists 99.9.99999 and no released build): no device on a released build, {1} or later, applies it. Remove it or keep it for Insider devices.', node.name, minimum);
    case 'revision-unknown':
      return l10n.t('{0} needs Windows {1} or later on the {2} branch (the DDF lists {3}); deployment.minimumOsBuild {4} names no revision, so devices on {2} without that update ignore it. Write the revision you require ({1} or later).', node.name, formatBuild(availability.needed), availability.needed.build, listed, minimum);
    case 'missing':
      return l10n.t('{0} needs Windows {1} or later (one build per servicing branch, as the DDF lists them); deployment.minimumOsBuild {2} is older, so those devices ignore it. Raise minimumOsBuild or check those devices.', node.name, listed, minimum);
  }
}

const deprecatedNode: Rule = {
  code: 'WHFB171',
  check(model, catalog) {
    const findings: Finding[] = [];
    for (let at = 0; at < model.settings.length; at++) {
      const setting = model.settings[at];
      const node = setting.node;
      if (!node?.deprecated) continue;
      const where = setting.omaUri ?? setting.settingDefinitionId;
      const range = where?.range ?? setting.range;
      const successor = node.deprecated.successor;
      const successorNode = successor ? catalog.byPath(successor) : undefined;
      let fix: Fix | undefined;
      if (successor && setting.omaUri) {
        const path = withWrittenTenant(successor, catalog, setting.omaUri.value);
        fix = { kind: 'use-successor', title: l10n.t('Use {0} ({1})', successorNode?.name ?? l10n.t('the successor'), path), setting, path };
      } else if (successor && successorNode && setting.settingDefinitionId) {
        fix = { kind: 'use-successor', title: l10n.t('Use {0} ({1})', successorNode.name, successorNode.settingsCatalogId), setting, path: successor, settingsCatalogId: successorNode.settingsCatalogId };
      }
      const message = successor
        ? l10n.t('{0} is deprecated: use {1} instead. {2}', node.name, successor, node.deprecated.message).trim()
        : l10n.t('{0} is deprecated. {1}', node.name, node.deprecated.message).trim();
      findings.push(finding('WHFB171', range, message, fix ? { fix } : {}));
    }
    return findings;
  },
};

/**
 * What of the model, besides the setting itself, these rules read: a setting's findings are
 * reused while it stays the same object and this stays the same (runRules).
 */
function nodeRuleContext(model: PolicyModel): string {
  const minimum = model.deployment?.minimumOsBuild;
  return `${model.onlyWhfbSettings === true}|${model.admxAsChoice === true}|${minimum ? `${minimum.range.start}:${minimum.range.end}:${minimum.value}` : ''}`;
}

export const nodeRules: readonly Rule[] = [unknownNode, wrongType, valueNotAllowed, notSettable, newerThanMinimumBuild, deprecatedNode]
  .map((rule) => ({ ...rule, settingContext: nodeRuleContext }));

/** Exposed for the duplicate rule: a value as the node reads it (true/1/"1" agree for a bool). */
export function canonicalValue(setting: PolicySetting): string {
  const value = setting.value?.value;
  const node = setting.node;
  if (node?.format === 'bool') {
    const flag = asBoolean(value);
    if (flag !== undefined) return String(flag);
  }
  if (node?.format === 'int') {
    const number = asInteger(value);
    if (number !== undefined) return String(number);
  }
  return valueText(value).trim();
}

