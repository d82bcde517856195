/**
 * A rule: one code from rules/codes.ts and a check over the policy model. Severity and link come
 * from codes.ts (through model/findings.ts `finding()`), so they are stated once.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Finding, OffsetRange, PolicyModel } from '../model/types';

export interface Rule {
  readonly code: string;
  check(model: PolicyModel, catalog: CatalogIndex): Finding[];
}

/** The text of a string value without its quotes (so a replacement keeps them). */
export function innerRange(text: string, range: OffsetRange): OffsetRange {
  const first = text.charAt(range.start);
  if ((first === '"' || first === "'") && range.end - range.start >= 2 && text.charAt(range.end - 1) === first) {
    return { start: range.start + 1, end: range.end - 1 };
  }
  return range;
}

/** Quotes `text` for YAML when needed, so a replacement value stays a value. */
export function yamlText(value: string | boolean | number): string {
  if (typeof value !== 'string') return String(value);
  return /^[\w./{}-]+$/.test(value) ? value : JSON.stringify(value);
}
