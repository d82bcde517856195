/**
 * Shape check of a policy file against schemas/whfb-policy.schema.json (generated from the design
 * and the catalog). The validators are compiled at generate time (scripts/schema/generateValidator.ts):
 * nothing is compiled at run time. Settings entries are checked one by one against the entry
 * sub-schema, so re-parsing one entry re-checks only that entry. Every ajv error is turned into a
 * WHFB002 finding on the exact text at fault, with a message that says how to fix it.
 */
import * as l10n from '@vscode/l10n';
import type { ErrorObject } from 'ajv';
import type { Node, Pair } from 'yaml';
import { isMap, isSeq } from './yamlLibrary';
import * as validators from '../generated/policySchemaValidators';
import { finding } from '../model/findings';
import type { Finding, OffsetRange } from '../model/types';
import { findPair, nodeRange, type OffsetMap } from './policyYamlAst';

/**
 * Checks the document without its settings entries (`settings` is checked entry by entry).
 * `root` is the document's root node, `value` its plain JS value, `fallback` the root mapping's
 * first line (where a missing top-level key is reported).
 */
export function checkDocumentShape(value: unknown, root: Node | null, map: OffsetMap, fallback: OffsetRange, skipSettingsItems: boolean): Finding[] {
  const validate = validators.document;
  let subject = value;
  if (skipSettingsItems && subject && typeof subject === 'object' && !Array.isArray(subject) && 'settings' in subject) {
    subject = { ...(subject as Record<string, unknown>), settings: [] };
  }
  if (validate(subject)) return [];
  let errors = validate.errors ?? [];
  if (skipSettingsItems) errors = errors.filter((error) => !error.instancePath.startsWith('/settings'));
  return errorsToFindings(errors, root, map, fallback, '');
}

/** Checks one settings entry (`item` is the entry's node, `value` its plain JS value). */
/**
 * Entries are checked on their own; their messages never name their index, so an entry's findings
 * stay valid when entries above it are added or removed (the incremental parse reuses them).
 */
const SETTINGS_ENTRY = 'settings entry';

export function checkSettingsEntryShape(value: unknown, item: Node | null, map: OffsetMap, fallback: OffsetRange): Finding[] {
  const validate = validators.settingsEntry;
  if (validate(value)) return [];
  return errorsToFindings(validate.errors ?? [], item, map, fallback, SETTINGS_ENTRY);
}

/**
 * True when checkSettingsEntryShape reports nothing on this value: it passes the entry schema, or
 * fails it only where rules report instead (an OMA-URI outside the schema's list of known paths).
 */
export function entryShapeIsClean(value: unknown): boolean {
  const entry = shapeScratch;
  if (!keyedEntry(value, entry)) return validatesClean(value);
  // One level per key, in a fixed order, so no key is built: the OMA-URI by its type, the others by value.
  let level = cleanByShape;
  const last = entry.length - 1;
  for (let at = 0; at < last; at++) {
    let next = level.get(entry[at]) as ShapeLevel | undefined;
    if (!next) {
      next = new Map();
      level.set(entry[at], next);
    }
    level = next;
  }
  let clean = level.get(entry[last]) as boolean | undefined;
  if (clean === undefined) {
    clean = validatesClean(value);
    if (++rememberedShapes > MAX_REMEMBERED_SHAPES) {
      cleanByShape = new Map();
      rememberedShapes = 0;
    } else {
      level.set(entry[last], clean);
    }
  }
  return clean;
}

function validatesClean(value: unknown): boolean {
  const validate = validators.settingsEntry;
  return validate(value) || (validate.errors ?? []).every(isLeftToRules);
}

/**
 * entryShapeIsClean's answers by everything that can decide them. The OMA-URI's text cannot: every
 * error about it but its type is left to rules (isLeftToRules), and so is any error under a
 * combinator. Yet the validator compares the text with every known path of the schema's list (~240)
 * and, for a URI outside it (a tenant GUID, the legacy root), builds error objects only to drop them:
 * run for each of 10,000 entries on a cold open, that was a few percent of its main thread and a
 * large function for V8 to optimize in the background, for the same few answers (issue 16).
 */
type ShapeLevel = Map<unknown, unknown>;
let cleanByShape: ShapeLevel = new Map();
let rememberedShapes = 0;
const MAX_REMEMBERED_SHAPES = 4096;
/** Longer texts are validated each time rather than kept as keys. */
const MAX_KEYED_TEXT = 256;
const ENTRY_KEYS = ['omaUri', 'type', 'value', 'name'] as const;
const ABSENT = Symbol('absent');

/** Filled by keyedEntry for each look-up (they do not nest): an array per entry was garbage. */
const shapeScratch = new Array<unknown>(ENTRY_KEYS.length);

/**
 * Fills `entry` with what decides the answer for an entry of the four keys with scalar values (the
 * plain reader's entries): whether each key is there, the OMA-URI's type and the others' values.
 * False for any other value, which is validated as it is.
 */
function keyedEntry(value: unknown, entry: unknown[]): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  let known = 0;
  for (const name in record) {
    if (name !== 'omaUri' && name !== 'type' && name !== 'value' && name !== 'name') return false;
    known += 1;
  }
  let present = 0;
  for (let at = 0; at < ENTRY_KEYS.length; at++) {
    const name = ENTRY_KEYS[at];
    if (!Object.prototype.hasOwnProperty.call(record, name)) {
      entry[at] = ABSENT;
      continue;
    }
    present += 1;
    const item = record[name];
    const kind = typeof item;
    if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') return false;
    if (kind === 'string' && (item as string).length > MAX_KEYED_TEXT) return false;
    entry[at] = name === 'omaUri' ? kind : item;
  }
  return present === known;
}

interface Located {
  node: Node | null;
  /** The pair whose value is `node` (absent for the root). */
  pair?: Pair;
}

/** Follows an ajv instancePath ("/deployment/trust", "/groupPolicy/0/scope") through the YAML AST. */
function locate(root: Node | null, instancePath: string): Located | undefined {
  let current: Located = { node: root };
  if (!instancePath) return current;
  for (const raw of instancePath.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const node = current.node;
    if (isMap(node)) {
      const pair = findPair(node, segment);
      if (!pair) return current;
      current = { node: pair.value as Node | null, pair };
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) return current;
      current = { node: item };
    } else {
      return current;
    }
  }
  return current;
}

function keyRangeOf(located: Located, map: OffsetMap): OffsetRange | undefined {
  return located.pair ? nodeRange(located.pair.key as Node, map) : undefined;
}

function where(instancePath: string): string {
  if (!instancePath) return l10n.t('the policy file');
  const parts = instancePath.split('/').slice(1);
  return parts.map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join('').replace(/^\./, '');
}

function allowedKeys(error: ErrorObject): string[] {
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  return parent?.properties ? Object.keys(parent.properties) : [];
}

/** `basePath` is where `root` sits in the document (SETTINGS_ENTRY for an entry checked on its own). */
function errorsToFindings(errors: ErrorObject[], root: Node | null, map: OffsetMap, fallback: OffsetRange, basePath: string): Finding[] {
  const chosen = errors.filter((error) => !isLeftToRules(error));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of chosen) {
    const made = errorToFinding(error, root, map, fallback, basePath);
    if (!made) continue;
    const key = `${made.range.start}:${made.range.end}:${made.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(made);
  }
  return findings;
}

const COMBINATOR = /\/(anyOf|oneOf|if|then|else|not)(\/|$)/;

/**
 * Errors a rule reports better: an OMA-URI that names no node (WHFB101, the schema lists the known
 * paths as a hint for editors), a tenant id that is not a GUID (WHFB104), a hybrid or on-premises
 * deployment without trust (WHFB140). Combinator errors only repeat their branches.
 */
function isLeftToRules(error: ErrorObject): boolean {
  if (COMBINATOR.test(error.schemaPath) || ['anyOf', 'oneOf', 'if', 'not'].includes(error.keyword)) return true;
  if (error.instancePath.endsWith('/omaUri') && error.keyword !== 'type') return true;
  if (error.instancePath === '/tenantId' && error.keyword === 'pattern') return true;
  return false;
}

function errorToFinding(error: ErrorObject, root: Node | null, map: OffsetMap, fallback: OffsetRange, basePath: string): Finding | undefined {
  const located = locate(root, error.instancePath);
  const at = basePath === SETTINGS_ENTRY
    ? (error.instancePath ? where(error.instancePath) : l10n.t('this settings entry'))
    : where(basePath + error.instancePath);
  const valueRange = located ? nodeRange(located.node, map) : undefined;
  const keyRange = located ? keyRangeOf(located, map) : undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String((error.params as { additionalProperty: string }).additionalProperty);
      const container = located?.node;
      const pair = isMap(container) ? findPair(container, name) : undefined;
      const range = (pair && nodeRange(pair.key as Node, map)) ?? keyRange ?? fallback;
      const keys = allowedKeys(error);
      const hint = keys.length > 0 ? l10n.t(' Use one of: {0}.', keys.join(', ')) : '';
      return finding('WHFB002', range, l10n.t('Unknown key "{0}" in {1}: remove it or fix its spelling.{2}', name, at, hint));
    }
    case 'required': {
      const name = String((error.params as { missingProperty: string }).missingProperty);
      // On the parent's key, or (for the root and list entries) on the mapping's first line.
      return finding('WHFB002', keyRange ?? fallback, l10n.t('Missing key "{0}" in {1}: add "{2}:" with a value.', name, at, name));
    }
    case 'enum': {
      const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String);
      return finding('WHFB002', valueRange && valueRange.end > valueRange.start ? valueRange : keyRange ?? fallback, l10n.t('{0} must be one of: {1}.', capitalized(at), allowed.join(', ')));
    }
    case 'const': {
      const allowed = String((error.params as { allowedValue?: unknown }).allowedValue);
      return finding('WHFB002', valueRange ?? keyRange ?? fallback, l10n.t('{0} must be {1}.', capitalized(at), allowed));
    }
    case 'type': {
      const type = String((error.params as { type?: unknown }).type);
      const range = valueRange && valueRange.end > valueRange.start ? valueRange : keyRange ?? fallback;
      if (!error.instancePath && !basePath) {
        return finding('WHFB002', fallback, l10n.t('A policy file is a mapping of keys (whfb, tenantId, deployment, settings), one "key: value" per line; see the examples folder.'));
      }
      return finding('WHFB002', range, l10n.t('{0} must be {1}.', capitalized(at), describeType(type)));
    }
    default:
      return finding('WHFB002', valueRange && valueRange.end > valueRange.start ? valueRange : keyRange ?? fallback, l10n.t('{0} {1}.', capitalized(at), error.message ?? l10n.t('does not match the policy-file schema')));
  }
}

function describeType(type: string): string {
  return type.split(',').map((name) => {
    switch (name) {
      case 'object': return l10n.t('a mapping ("key: value" lines, indented under it)');
      case 'array': return l10n.t('a list (lines starting with "- ")');
      case 'string': return l10n.t('text');
      case 'integer': return l10n.t('a whole number');
      default: return /^[aeiou]/i.test(name) ? l10n.t('an {0}', name) : l10n.t('a {0}', name);
    }
  }).join(l10n.t(' or '));
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
