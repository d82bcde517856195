/**
 * Small pieces every export adapter (Settings Catalog, custom profile, SyncML, loose text) shares:
 * which serialisation a document is, an empty model, parse errors as findings, and the
 * `whfb-ignore` comment above an entry.
 */
import { getCatalog } from '../catalog/catalog';
import type { DetectInput } from './adapter';
import type { Finding, OffsetRange, PolicyModel, SourceFormat } from '../model/types';
import { finding } from '../model/findings';
import { propertyEntry, type AstError, type AstNode } from './jsonAst';
import { cspScopeOf, type CspScope } from '../catalog/cspScope';
import { lineContentEnd, lineOfOffset, lineStartsOf, type LineStarts } from '../model/lineStarts';

export type Serialisation = 'json' | 'yaml' | 'xml';

/** How the document is serialised, from its name or language id; the WHfB policy file is never ours. */
export function serialisationOf(input: DetectInput): Serialisation | undefined {
  const path = input.uri.toLowerCase().replace(/[?#].*$/, '');
  if (/\.whfb\.ya?ml$/.test(path) || input.languageId === 'whfb-yaml') return undefined;
  if (/\.jsonc?$/.test(path)) return 'json';
  if (/\.ya?ml$/.test(path)) return 'yaml';
  if (/\.(?:xml|syncml)$/.test(path)) return 'xml';
  switch (input.languageId) {
    case 'json':
    case 'jsonc': return 'json';
    case 'yaml': return 'yaml';
    case 'xml': return 'xml';
    default: return undefined;
  }
}

/** The first character after a byte-order mark and whitespace, for cheap content sniffing. */
export function firstSignificantChar(text: string): string | undefined {
  const match = /^\uFEFF?\s*(\S)/.exec(text.slice(0, 4096));
  return match?.[1];
}

/** A Graph export in JSON is one object, a list response (an object too) or a top-level array. */
export function startsLikeGraphJson(text: string): boolean {
  const first = firstSignificantChar(text);
  return first === '{' || first === '[';
}

/**
 * The policies of a document that holds several: a top-level list, or a Graph list response
 * `{ "value": [...] }` (an object that is itself no policy). Undefined for a single object.
 */
export function graphPolicyItems(root: AstNode): { items: AstNode[]; range: OffsetRange } | undefined {
  if (root.kind === 'array') return { items: root.items, range: root.range };
  if (root.kind !== 'object' || propertyEntry(root, 'settings') || propertyEntry(root, 'omaSettings')) return undefined;
  const value = propertyEntry(root, 'value')?.value;
  return value?.kind === 'array' ? { items: value.items, range: value.range } : undefined;
}

/**
 * The CSPs the shipped catalog covers. detect() has no catalog parameter, so it uses the same
 * generated catalog the service loads; parse() uses the catalog it is given.
 */
export function defaultCspScope(): CspScope | undefined {
  try {
    return cspScopeOf(getCatalog());
  } catch {
    return undefined;
  }
}

export function emptyModel(format: SourceFormat, text: string): PolicyModel {
  return { format, text, settings: [], groupPolicy: [], findings: [] };
}

export function astErrorFindings(errors: readonly AstError[]): Finding[] {
  return errors.map((error) => finding(error.code, error.range, error.message));
}

const IGNORE_MARKER = /whfb-ignore\b([^\n]*)/i;
const RULE_CODE = /\bWHFB\d{3}\b/gi;

/**
 * Codes silenced by a `whfb-ignore CODE ...` comment (YAML `#`, XML `<!-- -->`, PowerShell `#`,
 * Markdown `<!-- -->`) on the line above `offset`. Looks at one line only, found through the
 * text's line-start table (a backward scan per entry was quadratic on one-line exports); the
 * answer for the last line asked is remembered, since every entry of a one-line document asks
 * about the same line.
 */
export function ignoredCodesAbove(text: string, offset: number): string[] {
  const table = lineStartsOf(text);
  const line = lineOfOffset(table, offset);
  if (line === 0) return [];
  if (lastIgnored?.table !== table || lastIgnored.line !== line) {
    const previousLine = text.slice(table.starts[line - 1]!, lineContentEnd(table, line - 1));
    const marker = IGNORE_MARKER.exec(previousLine);
    lastIgnored = { table, line, codes: marker ? (marker[1]!.match(RULE_CODE) ?? []).map((code) => code.toUpperCase()) : [] };
  }
  return [...lastIgnored.codes];
}

let lastIgnored: { table: LineStarts; line: number; codes: readonly string[] } | undefined;
