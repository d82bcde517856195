/**
 * A reader for the one shape nearly every settings entry of a policy file has:
 *
 *     - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork
 *       type: bool
 *       value: true
 *
 * one `key: scalar` per line, the keys omaUri/type/value/name once each, plain scalars whose
 * meaning is obvious (text, a whole number, true/false) or quotes without escapes, then nothing
 * but blank and comment lines. The `yaml` package's lexer, parser and composer were about 60% of
 * opening a 10,000-setting file (issue 16); this reads such an entry in one pass over its lines.
 *
 * It builds exactly the setting the YAML parse builds (same offsets, same values), and an entry
 * the schema would report on is not read here: anything else returns undefined and the caller
 * parses the entry with the `yaml` package. test/unit/formats/policyYamlFastEntry.test.ts compares
 * both readers on every fixture and on generated and harsh files.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Located, OffsetRange, PolicySetting } from '../model/types';
import { resolveOmaUri } from '../model/resolveOmaUri';
import { normalizeValueType } from '../model/values';
import { detached } from './policyYamlAst';
import { ignoredCodesAbove, lineStartOf } from './policyYamlLayout';
import { entryShapeIsClean } from './policyYamlSchema';

type EntryKey = 'omaUri' | 'type' | 'value' | 'name';

interface ReadPair {
  key: OffsetRange;
  /** The scalar's text span (quotes included). */
  range: OffsetRange;
  value: string | number | boolean;
}

/**
 * One of the four keys at `at`, followed by `:` (what follows the colon is checked by the caller).
 * Compared by hand, not by a loop over a key list: this runs for every line of a 10,000-setting
 * file while its code is still cold, where each step of a `for...of` allocates an iterator result.
 */
function keyAt(text: string, at: number, end: number): EntryKey | undefined {
  switch (text.charCodeAt(at)) {
    case 111 /* o */: return keyIs(text, at, end, 'omaUri') ? 'omaUri' : undefined;
    case 116 /* t */: return keyIs(text, at, end, 'type') ? 'type' : undefined;
    case 118 /* v */: return keyIs(text, at, end, 'value') ? 'value' : undefined;
    case 110 /* n */: return keyIs(text, at, end, 'name') ? 'name' : undefined;
    default: return undefined;
  }
}

function keyIs(text: string, at: number, end: number, key: EntryKey): boolean {
  const colon = at + key.length;
  return colon < end && text.charCodeAt(colon) === 58 /* : */ && text.startsWith(key, at);
}

function hasTabOrCr(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code === 9 || code === 13) return true;
  }
  return false;
}
/** Plain text that YAML's core schema reads as text whatever it holds (no indicator, no `: `, no ` #`). */
const PLAIN_TEXT = /^[A-Za-z./_][\w./{}()+ -]*$/;
/** Plain scalars that the core schema reads as something other than text (or whose text is ambiguous). */
const SPECIAL_WORD = /^(?:true|false|null|y|n|yes|no|on|off|~)$/i;
const WHOLE_NUMBER = /^(?:0|-?[1-9][0-9]{0,14})$/;
/** A leading `.` that is not `./` can be .inf or .nan; leave such scalars to the YAML parse. */
const DOT_WORD = /^\.[^/]/;

/**
 * The entry starting at `start` (its `-` line, indented by `listIndent`) and ending at `end`, read
 * without the YAML parser; undefined when the entry has any other shape or the schema would report on it.
 */
export function readPlainEntry(text: string, start: number, end: number, listIndent: number, index: number, catalog: CatalogIndex): PolicySetting | undefined {
  const keyColumn = listIndent + 2;
  // The `- ` of the first line, at the list's indentation.
  for (let at = start; at < start + listIndent; at++) if (text.charCodeAt(at) !== 32) return undefined;
  if (text.charCodeAt(start + listIndent) !== 45 || text.charCodeAt(start + listIndent + 1) !== 32) return undefined;

  // One local per key rather than a record of them: one object less per entry, for 10,000 entries per open.
  let omaUriPair: ReadPair | undefined;
  let typePair: ReadPair | undefined;
  let valuePair: ReadPair | undefined;
  let namePair: ReadPair | undefined;
  // The plain value the schema checks, its keys in the order they are written (as the YAML path builds it).
  const plain: Record<string, unknown> = {};
  let mapEnd = -1;
  let lineStart = start;
  let first = true;
  let trailing = false;
  while (lineStart < end) {
    const newline = text.indexOf('\n', lineStart);
    const next = newline === -1 || newline >= end ? end : newline + 1;
    let contentEnd = next === end && (newline === -1 || newline >= end) ? end : newline;
    if (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === 13) contentEnd -= 1;
    let at = first ? lineStart + keyColumn : lineStart;
    while (at < contentEnd && text.charCodeAt(at) === 32) at += 1;
    const code = at < contentEnd ? text.charCodeAt(at) : -1;
    if (code === -1 || code === 35 /* # */) {
      if (first) return undefined;
      // A comment or blank line; a tab or a lone CR anywhere in it is left to the YAML parse.
      if (hasTabOrCr(text, lineStart, contentEnd)) return undefined;
      trailing = true;
      lineStart = next;
      continue;
    }
    if (trailing || at !== lineStart + keyColumn) return undefined;
    const key = keyAt(text, at, contentEnd);
    if (key === undefined) return undefined;
    const seen = key === 'omaUri' ? omaUriPair : key === 'type' ? typePair : key === 'value' ? valuePair : namePair;
    if (seen !== undefined) return undefined;
    const keyEnd = at + key.length;
    let valueStart = keyEnd + 1;
    while (valueStart < contentEnd && text.charCodeAt(valueStart) === 32) valueStart += 1;
    if (valueStart === keyEnd + 1) return undefined; // "key:" with nothing after it, or "key:x"
    let valueEnd = contentEnd;
    while (valueEnd > valueStart && text.charCodeAt(valueEnd - 1) === 32) valueEnd -= 1;
    if (valueEnd === valueStart || hasTabOrCr(text, valueStart, valueEnd)) return undefined;
    const value = scalarValue(text.slice(valueStart, valueEnd));
    if (value === undefined) return undefined;
    const pair: ReadPair = { key: { start: at, end: keyEnd }, range: { start: valueStart, end: valueEnd }, value };
    if (key === 'omaUri') omaUriPair = pair;
    else if (key === 'type') typePair = pair;
    else if (key === 'value') valuePair = pair;
    else namePair = pair;
    plain[key] = value;
    // A block mapping ends where its last value's line does (after the line break).
    mapEnd = next;
    first = false;
    lineStart = next;
  }
  if (mapEnd < 0) return undefined;

  // The schema check of the YAML path, on the same plain value: an entry it reports on is left to that path.
  if (!entryShapeIsClean(plain)) return undefined;

  const range = { start: start + keyColumn, end: mapEnd };
  const setting: PolicySetting = { index, range, ignoredCodes: ignoredCodesAbove(text, lineStartOf(text, range.start)) };
  const omaUri = asText(omaUriPair, text);
  if (omaUri) {
    setting.omaUri = omaUri;
    if (omaUri.value) {
      const resolved = resolveOmaUri(catalog, omaUri.value);
      if (resolved.node) setting.node = resolved.node;
    }
  }
  if (typePair) {
    const type = textOf(typePair, text);
    setting.type = { value: type, range: typePair.range, keyRange: typePair.key, normalized: normalizeValueType(type) };
  }
  const value = valuePair;
  if (value) setting.value = { value: typeof value.value === 'string' ? detached(value.value) : value.value, range: value.range, keyRange: value.key };
  const name = asText(namePair, text);
  if (name) setting.name = name;
  return setting;
}

/** What locatedText gives for a scalar: text as is, other scalars as their source text. */
function asText(pair: ReadPair | undefined, text: string): Located<string> | undefined {
  if (!pair) return undefined;
  return { value: textOf(pair, text), range: pair.range, keyRange: pair.key };
}

function textOf(pair: ReadPair, text: string): string {
  return detached(typeof pair.value === 'string' ? pair.value : text.slice(pair.range.start, pair.range.end));
}

/** The scalar's value as YAML's core schema reads it, or undefined for anything this reader leaves to the YAML parse. */
function scalarValue(written: string): string | number | boolean | undefined {
  const quote = written.charCodeAt(0);
  if (quote === 34 /* " */ || quote === 39 /* ' */) {
    if (written.length < 2 || written.charCodeAt(written.length - 1) !== quote) return undefined;
    const inner = written.slice(1, -1);
    if (inner.includes(written[0]) || inner.includes('\\')) return undefined;
    return inner;
  }
  if (WHOLE_NUMBER.test(written)) return Number(written);
  if (written === 'true' || written === 'True' || written === 'TRUE') return true;
  if (written === 'false' || written === 'False' || written === 'FALSE') return false;
  if (!PLAIN_TEXT.test(written) || SPECIAL_WORD.test(written) || DOT_WORD.test(written)) return undefined;
  return written;
}
