/**
 * A reader for the part of a policy file around its settings entries (the "skeleton") in the
 * shape nearly every file has:
 *
 *     # comments and blank lines anywhere
 *     whfb: 1
 *     name: Contoso hybrid key trust
 *     tenantId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301
 *     deployment:
 *       model: hybrid
 *       trust: key
 *     settings:
 *       (the entries, cut out: policyYamlParse.ts reads them)
 *
 * top-level `key: scalar` lines and one-level maps of `key: scalar` lines, plain scalars whose
 * meaning is obvious (text, a whole number, true/false) or quotes without escapes, trailing
 * comments. The `yaml` package parsed this once per file, and its warm-up was paid by every
 * whfb-lint thread (issue 16); this reads it in one pass over the lines.
 *
 * It builds exactly the PolicyTop the YAML parse builds (same offsets, same values), and a
 * skeleton the schema would report on is not read here: anything else returns undefined and the
 * caller parses the skeleton with the `yaml` package. test/unit/formats/policyYamlFastSkeleton.test.ts
 * compares both on every policy file of the repository and on awkward headers.
 */
import type { Deployment, Located, OffsetRange } from '../model/types';
import { detached } from './policyYamlAst';
import type { PolicyTop } from './policyYamlBuild';
import type { SettingsBlockLayout } from './policyYamlLayout';
import { checkDocumentShape } from './policyYamlSchema';

type Scalar = string | number | boolean;

interface ReadScalar {
  /** The scalar's text span (quotes included). */
  range: OffsetRange;
  value: Scalar;
}

interface ReadMap {
  range: OffsetRange;
  pairs: Map<string, ReadPair>;
}

interface ReadPair {
  key: OffsetRange;
  value: ReadScalar | ReadMap | null;
}

/** A plain key: letters, digits, `_` and `-`, starting with a letter or `_`. */
function keyEnd(text: string, at: number, end: number): number {
  const first = text.charCodeAt(at);
  if (!(isLetter(first) || first === 95)) return -1;
  let to = at + 1;
  while (to < end) {
    const code = text.charCodeAt(to);
    if (!(isLetter(code) || (code >= 48 && code <= 57) || code === 95 || code === 45)) break;
    to += 1;
  }
  return to;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Characters a plain scalar may hold here: printable ASCII and the BMP letters below the surrogates. */
function isPlainCharacter(code: number): boolean {
  return (code >= 32 && code <= 126) || (code >= 0xa0 && code <= 0xd7ff);
}

/** A first character that starts neither an indicator nor a quote. */
const PLAIN_START = /^[A-Za-z0-9_./(]/;
/** Plain scalars that the core schema reads as something other than text (or whose text is ambiguous). */
const SPECIAL_WORD = /^(?:true|false|null|y|n|yes|no|on|off|~)$/i;
const WHOLE_NUMBER = /^(?:0|-?[1-9][0-9]{0,14})$/;
/** Anything the core schema might read as a number (floats, exponents, leading zeros, octal, hex): left to the YAML parse. */
const NUMBER_LIKE = /^[-+]?[0-9._]*(?:[eE][-+]?[0-9_]*)?$|^[-+]?0[oxOX]/;

/**
 * The scalar in [from, to) of one line (`from` past the spaces after the colon), with an optional
 * trailing comment; undefined for anything left to the YAML parse.
 */
function readScalar(text: string, from: number, to: number): ReadScalar | undefined {
  const quote = text.charCodeAt(from);
  let valueEnd: number;
  let value: Scalar;
  let rest: number;
  if (quote === 34 /* " */ || quote === 39 /* ' */) {
    const close = text.indexOf(text[from], from + 1);
    if (close === -1 || close >= to) return undefined;
    for (let at = from + 1; at < close; at++) {
      const code = text.charCodeAt(at);
      if (code === 92 /* \ */ || !isPlainCharacter(code)) return undefined;
    }
    valueEnd = close + 1;
    value = text.slice(from + 1, close);
    rest = valueEnd;
  } else {
    let at = from;
    valueEnd = from;
    while (at < to) {
      const code = text.charCodeAt(at);
      if (code === 35 /* # */ && text.charCodeAt(at - 1) === 32) break;
      if (!isPlainCharacter(code)) return undefined;
      // "a: b" is a mapping, "a:" a key.
      if (code === 58 /* : */ && (at + 1 === to || text.charCodeAt(at + 1) === 32)) return undefined;
      at += 1;
      if (code !== 32) valueEnd = at;
    }
    rest = at;
    const written = text.slice(from, valueEnd);
    if (!PLAIN_START.test(written)) return undefined;
    if (WHOLE_NUMBER.test(written)) value = Number(written);
    else if (written === 'true' || written === 'True' || written === 'TRUE') value = true;
    else if (written === 'false' || written === 'False' || written === 'FALSE') value = false;
    else if (SPECIAL_WORD.test(written) || NUMBER_LIKE.test(written) || /^\.[^/]/.test(written)) return undefined;
    else value = written;
  }
  // After the scalar: spaces, then nothing or a comment.
  let at = rest;
  while (at < to && text.charCodeAt(at) === 32) at += 1;
  if (at < to && !(text.charCodeAt(at) === 35 && at > valueEnd)) return undefined;
  return { range: { start: from, end: valueEnd }, value };
}

interface Line {
  start: number;
  /** End of the content, before "\r\n" / "\n". */
  end: number;
  next: number;
  /** First non-space character, or `end` for a blank line. */
  content: number;
}

/** The line at `start` ending before `limit`, or undefined when it holds a tab or a lone CR. */
function lineAt(text: string, start: number, limit: number): Line | undefined {
  const newline = text.indexOf('\n', start);
  const next = newline === -1 || newline >= limit ? limit : newline + 1;
  let end = newline === -1 || newline >= limit ? limit : newline;
  if (end > start && text.charCodeAt(end - 1) === 13) end -= 1;
  let content = start;
  while (content < end && text.charCodeAt(content) === 32) content += 1;
  for (let at = content; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === 9 || code === 13) return undefined;
  }
  return { start, end, next, content };
}

/** `key: scalar`, `key:` or `key: # comment` on a line; `value` undefined when the key opens a block. */
function readPairLine(text: string, line: Line): { key: OffsetRange; value?: ReadScalar } | undefined {
  const end = keyEnd(text, line.content, line.end);
  if (end < 0 || end >= line.end || text.charCodeAt(end) !== 58 /* : */) return undefined;
  const key = { start: line.content, end };
  let at = end + 1;
  if (at < line.end && text.charCodeAt(at) !== 32) return undefined;
  while (at < line.end && text.charCodeAt(at) === 32) at += 1;
  if (at === line.end || text.charCodeAt(at) === 35 /* # */) return { key };
  const value = readScalar(text, at, line.end);
  return value ? { key, value } : undefined;
}

/** The one-level keys a top-level key of these may not hold as a mapping (the rest may, like `deployment:`). */
const SCALAR_KEYS = new Set(['whfb', 'name', 'tenantId', 'settings']);

/** Reads [from, to) into `pairs`; false when any line is of another shape. */
function readSection(text: string, from: number, to: number, pairs: Map<string, ReadPair>): boolean {
  let open: { key: string; map?: ReadMap; indent: number } | undefined;
  const closeOpen = (): boolean => {
    // A key with nothing under it is a null value: left to the YAML parse (the schema reports it).
    if (open && !open.map) return false;
    open = undefined;
    return true;
  };
  let at = from;
  while (at < to) {
    const line = lineAt(text, at, to);
    if (!line) return false;
    at = line.next;
    if (line.content === line.end || text.charCodeAt(line.content) === 35 /* # */) continue;
    const indent = line.content - line.start;
    if (indent === 0) {
      if (!closeOpen()) return false;
      const read = readPairLine(text, line);
      if (!read) return false;
      const name = text.slice(read.key.start, read.key.end);
      if (pairs.has(name) || name === 'settings' || name === '__proto__') return false;
      if (read.value) {
        pairs.set(name, { key: read.key, value: read.value });
      } else {
        if (SCALAR_KEYS.has(name)) return false;
        pairs.set(name, { key: read.key, value: null });
        open = { key: name, indent: -1 };
      }
      continue;
    }
    if (!open || (open.indent >= 0 && indent !== open.indent)) return false;
    const read = readPairLine(text, line);
    if (!read || !read.value) return false;
    if (!open.map) {
      open.indent = indent;
      open.map = { range: { start: line.content, end: line.next }, pairs: new Map() };
      pairs.get(open.key)!.value = open.map;
    }
    const name = text.slice(read.key.start, read.key.end);
    // `__proto__` would set the plain value's prototype instead of a key: left to the YAML parse.
    if (open.map.pairs.has(name) || name === '__proto__') return false;
    open.map.pairs.set(name, { key: read.key, value: read.value });
    // A block mapping ends where its last value's line does (after the line break).
    open.map.range.end = line.next;
  }
  return closeOpen();
}

/**
 * The skeleton of `text` (everything but the settings entries of `layout`), read without the YAML
 * parser; undefined when it has any other shape or the schema would report on it.
 */
export function readPlainSkeleton(text: string, layout: SettingsBlockLayout): PolicyTop | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  // The `settings:` line: findSettingsBlock found it at column 0, alone, with blank and comment lines after it.
  let settingsLine = -1;
  for (let at = layout.entriesStart; at > 0;) {
    const start = at < 2 ? 0 : text.lastIndexOf('\n', at - 2) + 1;
    const line = lineAt(text, start, at);
    if (!line) return undefined;
    if (line.content < line.end && text.charCodeAt(line.content) !== 35) {
      settingsLine = start;
      break;
    }
    at = start;
  }
  if (settingsLine < 0 || !text.startsWith('settings:', settingsLine)) return undefined;
  const settingsRead = lineAt(text, settingsLine, layout.entriesStart);
  if (!settingsRead || readPairLine(text, settingsRead)?.value !== undefined) return undefined;

  const pairs = new Map<string, ReadPair>();
  if (!readSection(text, 0, settingsLine, pairs)) return undefined;
  const settingsKey = { start: settingsLine, end: settingsLine + 'settings'.length };
  pairs.set('settings', { key: settingsKey, value: null });
  // Lines between the `settings:` line and the entries are blank or comments (findSettingsBlock).
  if (!readSection(text, layout.entriesEnd, text.length, pairs)) return undefined;
  if (pairs.has('groupPolicy')) return undefined;

  // The schema check of the YAML path, on the same plain value: a skeleton it reports on is left to that path.
  const plain: Record<string, unknown> = {};
  for (const [name, pair] of pairs) plain[name] = plainValue(pair.value);
  if (checkDocumentShape(plain, null, (offset) => offset, { start: 0, end: 0 }, true).length > 0) return undefined;

  const top: PolicyTop = { groupPolicy: [] };
  const version = pairs.get('whfb');
  if (version) {
    const value = version.value as ReadScalar;
    top.formatVersion = { value: typeof value.value === 'string' ? detached(value.value) : value.value, range: value.range, keyRange: version.key };
  }
  top.name = locatedText(pairs.get('name'), text);
  top.tenantId = locatedText(pairs.get('tenantId'), text);
  const deploymentPair = pairs.get('deployment');
  if (deploymentPair) {
    const value = deploymentPair.value!;
    const deployment: Deployment = { range: { start: deploymentPair.key.start, end: value.range.end } };
    if ('pairs' in value) {
      for (const key of ['model', 'trust', 'join', 'authentication', 'management', 'minimumOsBuild'] as const) {
        const located = locatedText(value.pairs.get(key), text);
        if (located) deployment[key] = located;
      }
    }
    top.deployment = deployment;
  }
  top.settingsKey = settingsKey;
  return top;
}

function plainValue(value: ReadScalar | ReadMap | null): unknown {
  if (value === null) return null;
  if ('value' in value) return value.value;
  const object: Record<string, unknown> = {};
  for (const [name, pair] of value.pairs) object[name] = plainValue(pair.value);
  return object;
}

/** What locatedText gives for a scalar pair: text as is, other scalars as their source text. */
function locatedText(pair: ReadPair | undefined, text: string): Located<string> | undefined {
  if (!pair) return undefined;
  const value = pair.value;
  if (value === null || !('value' in value)) return undefined;
  const written = typeof value.value === 'string' ? value.value : text.slice(value.range.start, value.range.end);
  return { value: detached(written), range: value.range, keyRange: pair.key };
}
