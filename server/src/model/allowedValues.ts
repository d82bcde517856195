/**
 * Is a value one the device accepts for its node: the one predicate WHFB103 reports on
 * (rules/nodeRules.ts) and the cross-file rules read (rules/crossFile/facts.ts: a value the device
 * rejects never applies, so it contradicts nothing elsewhere). One function, so a value can never
 * be reported as not allowed in its own file and still count as a conflict in another's.
 */
import type { CatalogNode } from '../catalog/types';
import type { PolicyModel } from './types';
import { asBoolean, asInteger, valueText } from './values';

const compiledPatterns = new Map<string, RegExp | null>();

export function patternOf(pattern: string): RegExp | null {
  if (!compiledPatterns.has(pattern)) {
    try {
      compiledPatterns.set(pattern, new RegExp(`^(?:${pattern})$`));
    } catch {
      compiledPatterns.set(pattern, null);
    }
  }
  return compiledPatterns.get(pattern) ?? null;
}

/**
 * A node's enum values, lowercased, built once per node: a 10,000-setting file checks its values on
 * every keystroke, and lowercasing every allowed value each time was most of that edit's garbage.
 */
interface EnumValues { lower: Set<string>; integers: Set<number> }

const enumValuesByNode = new WeakMap<CatalogNode, EnumValues>();

function enumValuesOf(node: CatalogNode, values: readonly { value: string }[]): EnumValues {
  let known = enumValuesByNode.get(node);
  if (!known) {
    known = { lower: new Set(), integers: new Set() };
    for (const item of values) {
      const lower = item.value.toLowerCase();
      known.lower.add(lower);
      // An int node's value is compared as String(number): only values spelt that way can match.
      const number = Number(lower);
      if (Number.isInteger(number) && String(number) === lower) known.integers.add(number);
    }
    enumValuesByNode.set(node, known);
  }
  return known;
}

function enumAllows(node: CatalogNode, values: readonly { value: string }[], text: string): boolean {
  const { lower } = enumValuesOf(node, values);
  return lower.has(text) || lower.has(text.toLowerCase());
}

/** The value's text as the node reads it (true/1/"1" read alike for a bool). */
function readText(flag: boolean | undefined, number: number | undefined, value: unknown): string {
  return flag !== undefined ? String(flag) : number !== undefined ? String(number) : valueText(value);
}

/**
 * How the file writes an ADMX-backed policy. An OMA-URI (custom profile, SyncML, our policy file)
 * carries the raw ADMX payload, <enabled/> with its <data/> elements or <disabled/>. The Settings
 * Catalog presents the same policy as a choice whose option is 1 (Enabled) or 0 (Disabled), with the
 * ADMX elements as child settings; Intune writes the <enabled/> payload itself.
 */
export type AdmxForm = 'payload' | 'choice';

export function admxFormOf(model: PolicyModel): AdmxForm {
  return model.admxAsChoice ? 'choice' : 'payload';
}

export const ADMX_PAYLOAD = /^\s*<(enabled|disabled)\s*\/>/i;
export const ADMX_CHOICE_OPTIONS = new Set(['0', '1']);

/** The items of a list node's value: split on the node's delimiter, blanks around items trimmed. */
export function listItems(node: CatalogNode, text: string): string[] {
  return node.list ? text.split(node.list.delimiter).map((item) => item.trim()) : [text];
}

/** Does the value fit? Allocates nothing for a valid value of a bool, int or enum node. */
export function valueFits(node: CatalogNode, value: unknown, admx: AdmxForm): boolean {
  if (value === null || value === undefined || value === '') return false;
  // The value as the node reads it: a flag for bool nodes, a number for int nodes, else its text.
  let flag: boolean | undefined;
  let number: number | undefined;
  if (node.format === 'bool') {
    flag = asBoolean(value);
    if (flag === undefined) return false;
  } else if (node.format === 'int') {
    number = asInteger(value);
    if (number === undefined) return false;
  }
  const allowed = node.allowed;
  if (!allowed) return true;
  switch (allowed.kind) {
    case 'enum':
      if (flag !== undefined) return enumAllows(node, allowed.values, flag ? 'true' : 'false');
      if (number !== undefined) return enumValuesOf(node, allowed.values).integers.has(number);
      return enumAllows(node, allowed.values, valueText(value));
    case 'range': {
      const integer = asInteger(value);
      return integer !== undefined && integer >= allowed.min && integer <= allowed.max;
    }
    case 'regex': {
      const pattern = patternOf(allowed.pattern);
      if (!pattern) return true;
      const text = readText(flag, number, value);
      return node.list ? listItems(node, text).every((item) => pattern.test(item)) : pattern.test(text);
    }
    case 'admx': {
      const text = readText(flag, number, value);
      return admx === 'choice' ? ADMX_CHOICE_OPTIONS.has(text.trim()) : ADMX_PAYLOAD.test(text);
    }
    default:
      return true;
  }
}

/** A value an export shows as "****" (Graph redacts secrets): no value to judge (WHFB180 says so). */
export function isRedacted(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 4 && value.trim() === '****';
}

/** The value applies as written: not redacted, and allowed for its node (else WHFB103 or WHFB180 reports it). */
export function appliesAsWritten(node: CatalogNode, value: unknown, admx: AdmxForm): boolean {
  return !isRedacted(value) && valueFits(node, value, admx);
}
