/**
 * Value and type helpers shared by adapters and rules: how the formats spell types, and how a
 * written value reads as a boolean, an integer or text.
 */
import type { CatalogNode, DdfFormat } from '../catalog/types';
import type { ValueType } from './types';
import { OMA_SETTING_VALUE_TYPES, withoutGraphNamespace } from '../vocabulary/valueTypes';

const TYPE_ALIASES: Record<string, ValueType> = {
  bool: 'bool',
  boolean: 'bool',
  int: 'int',
  integer: 'int',
  string: 'string',
  chr: 'string',
  xml: 'xml',
  base64: 'base64',
  b64: 'base64',
  float: 'float',
  date: 'date',
  datetime: 'date',
  ...OMA_SETTING_VALUE_TYPES,
};

/** Normalises a written type ("boolean", "chr", "#microsoft.graph.omaSettingInteger"); undefined when unknown. */
export function normalizeValueType(raw: string): ValueType | undefined {
  return TYPE_ALIASES[withoutGraphNamespace(raw)];
}

/** The policy-file type that carries a node of this DDF format. */
export function valueTypeForFormat(format: DdfFormat): ValueType | undefined {
  switch (format) {
    case 'bool': return 'bool';
    case 'int': return 'int';
    case 'chr': return 'string';
    case 'xml': return 'xml';
    case 'b64':
    case 'bin': return 'base64';
    case 'float': return 'float';
    case 'date':
    case 'time': return 'date';
    default: return undefined;
  }
}

/**
 * The one node -> type map: the value type an entry for `node` is written with, in every format
 * (a `bin` node such as PFXCertBlob is base64, as WHFB102 expects; a node of no typed format is text).
 */
export function entryTypeOf(node: CatalogNode): ValueType {
  return valueTypeForFormat(node.format) ?? 'string';
}

/** The spelling a policy file uses for a type (`type:` accepts bool | int | string). */
export function policyFileTypeName(type: ValueType): string {
  return type === 'xml' || type === 'date' ? 'string' : type;
}

/** True when a value written with `type` can set a node of DDF `format`. */
export function typeFitsFormat(type: ValueType, format: DdfFormat): boolean {
  const wanted = valueTypeForFormat(format);
  if (wanted === undefined) return true;
  if (type === wanted) return true;
  // Intune sends XML and dates as strings; chr nodes take XML (ADMX-backed policies) too.
  if (type === 'string' && (wanted === 'xml' || wanted === 'date')) return true;
  if (type === 'xml' && wanted === 'string') return true;
  return false;
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  return undefined;
}

export function asInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

/** The value as text, the way the DDF lists allowed values ("true", "1", "text"). */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A tenant id is a GUID without braces. */
export function isGuid(text: string): boolean {
  return GUID.test(text);
}
