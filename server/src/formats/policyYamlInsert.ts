/**
 * Where a new settings entry goes in a policy file (YAML text placement). Shared by the policy
 * file's rendering of "add setting" fixes and the client's "WHfB: Insert setting" command (both
 * plan on a parsed model), so the two never disagree about the end of the `settings:` list.
 *
 * The place comes from the ranges the YAML parser gave the entries, never from guessing at lines:
 * a stray line after the last entry (a comment, a mis-indented key the parser put elsewhere, a
 * top-level key) stays after the new entry, and the new entry goes where the parser ended the
 * entry before it (robustness defect R-5).
 */
import type { CatalogNode } from '../catalog/types';
import type { FixData, PolicyModel, PolicySetting } from '../model/types';
import { policyYamlEntry } from './settingEntry';

export interface SettingsInsertion {
  /** Offsets of the text to replace (start === end for a pure insertion). */
  start: number;
  end: number;
  /**
   * block: a `- omaUri:` entry on lines of its own, its `-` at `indent` columns, ending with `eol`.
   * flow: one more element of a flow list (`settings: [{...}]`), on the same line.
   */
  style: 'block' | 'flow';
  indent: number;
  /** Text before and after the entry (a line end, a `settings:` key, the `, ` of a flow list). */
  before: string;
  after: string;
  /** The file's own line end, so a CRLF file stays CRLF. */
  eol: '\n' | '\r\n';
}

function lineEndOf(text: string): '\n' | '\r\n' {
  const newline = text.indexOf('\n');
  return newline > 0 && text.charCodeAt(newline - 1) === 13 ? '\r\n' : '\n';
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Start of the first line at or after `offset` (the text length when there is none). */
function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text.charCodeAt(offset - 1) === 10) return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function indentOfLine(text: string, offset: number): number {
  const start = lineStartOf(text, offset);
  let at = start;
  while (text.charCodeAt(at) === 32) at += 1;
  return at - start;
}

/**
 * What stands before an entry's node: the `-` of a block list (with its column), or the `[`/`,`
 * of a flow list. The parser's range starts after the `-`; a `-` alone on its line puts the node
 * on the next line, so the column is the dash's, not the node's.
 */
function entryOpener(text: string, setting: PolicySetting): { kind: 'block'; dash: number; column: number } | { kind: 'flow' } | undefined {
  let at = setting.range.start - 1;
  while (at >= 0 && /[ \t\r\n]/.test(text[at]!)) at -= 1;
  const before = text[at];
  if (before === '-') return { kind: 'block', dash: at, column: at - lineStartOf(text, at) };
  if (before === '[' || before === ',') return { kind: 'flow' };
  return undefined;
}

/** Where an entry's own lines end: the line after the parser's end of the node. */
function afterEntry(text: string, setting: PolicySetting): number {
  return nextLineStart(text, setting.range.end);
}

/** The entry whose lines hold `cursor` (from its `-` line to the next entry's). */
function entryUnder(model: PolicyModel, cursor: number): PolicySetting | undefined {
  const { text, settings } = model;
  for (let i = 0; i < settings.length; i++) {
    const opener = entryOpener(text, settings[i]!);
    if (opener?.kind !== 'block') return undefined;
    const from = lineStartOf(text, opener.dash);
    const next = settings[i + 1];
    const nextOpener = next ? entryOpener(text, next) : undefined;
    const to = nextOpener?.kind === 'block' ? lineStartOf(text, nextOpener.dash) : afterEntry(text, settings[i]!);
    if (cursor >= from && cursor < to) return settings[i];
  }
  return undefined;
}

/** The rest of the `settings` key's line, up to its line end. */
function restOfKeyLine(text: string, keyEnd: number): { text: string; end: number } {
  const newline = text.indexOf('\n', keyEnd);
  let end = newline === -1 ? text.length : newline;
  if (end > keyEnd && text.charCodeAt(end - 1) === 13) end -= 1;
  return { text: text.slice(keyEnd, end), end };
}

/** The first line after `from` that is neither blank nor a comment: its indentation and whether it is a list item. */
function nextContentLine(text: string, from: number): { indent: number; item: boolean } | undefined {
  let at = from;
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const line = text.slice(at, newline === -1 ? text.length : newline).replace(/\r$/, '');
    if (!/^\s*(#.*)?$/.test(line)) {
      const indent = /^ */.exec(line)![0].length;
      return { indent, item: line[indent] === '-' && (line.length === indent + 1 || line[indent + 1] === ' ') };
    }
    if (newline === -1) return undefined;
    at = newline + 1;
  }
  return undefined;
}

/**
 * Where a new entry goes: after the entry under `cursor` when one is given and found, else after
 * the last entry, else under `settings:` (an empty `[]` becomes a block list), else a new
 * `settings:` list at the end of the file. Undefined when `settings:` holds something an entry
 * cannot join (a scalar, a mapping): the user has a shape error to fix first.
 */
export function planSettingsInsertion(model: PolicyModel, cursor?: number): SettingsInsertion | undefined {
  const text = model.text;
  const eol = lineEndOf(text);
  const endsOpen = text.length > 0 && !text.endsWith('\n');
  const last = model.settings[model.settings.length - 1];
  if (last) {
    const target = (cursor !== undefined ? entryUnder(model, cursor) : undefined) ?? last;
    const opener = entryOpener(text, target);
    if (opener?.kind === 'flow') return { start: target.range.end, end: target.range.end, style: 'flow', indent: 0, before: ', ', after: '', eol };
    const at = afterEntry(text, target);
    const indent = opener ? opener.column : indentOfLine(text, target.range.start);
    return { start: at, end: at, style: 'block', indent, before: at === text.length && endsOpen ? eol : '', after: '', eol };
  }

  if (model.settingsKey) {
    const keyIndent = indentOfLine(text, model.settingsKey.start);
    const rest = restOfKeyLine(text, model.settingsKey.end);
    const emptyFlow = /^([ \t]*:)[ \t]*\[[ \t]*\][ \t]*(#.*)?$/.exec(rest.text);
    if (emptyFlow) {
      // `settings: []` becomes a block list: `[]` and the line end are replaced (a comment after them stays, on the line below).
      const start = model.settingsKey.end + emptyFlow[1]!.length;
      const end = emptyFlow[2] !== undefined ? rest.end - emptyFlow[2].length : nextLineStart(text, rest.end);
      return { start, end, style: 'block', indent: keyIndent + 2, before: eol, after: '', eol };
    }
    if (!/^[ \t]*:[ \t]*(#.*)?$/.test(rest.text)) return undefined;
    const at = nextLineStart(text, rest.end);
    // A value on the lines below (`settings:` then an indented scalar or mapping) is no list to join.
    const below = nextContentLine(text, at);
    if (below && below.indent > keyIndent && !below.item) return undefined;
    const indent = below?.item && below.indent >= keyIndent ? below.indent : keyIndent + 2;
    return { start: at, end: at, style: 'block', indent, before: at === text.length && endsOpen ? eol : '', after: '', eol };
  }

  // A new `settings:` key joins the top-level mapping, at its keys' column; a file whose top level
  // is no mapping the parser recognised (a lone scalar, a list) has no place for one.
  const topKey = model.deployment?.range ?? model.formatVersion?.keyRange ?? model.tenantId?.keyRange ?? model.name?.keyRange;
  if (!topKey && nextContentLine(text, 0)) return undefined;
  const keyIndent = topKey ? indentOfLine(text, topKey.start) : 0;
  const pad = ' '.repeat(keyIndent);
  return { start: text.length, end: text.length, style: 'block', indent: keyIndent + 2, before: `${endsOpen ? eol : ''}${pad}settings:${eol}`, after: '', eol };
}

/** FixData that inserts an entry for `node` with `value`; undefined where no entry fits. */
export function insertSettingFix(model: PolicyModel, node: CatalogNode, value: string | boolean | number, title: string): FixData | undefined {
  const plan = planSettingsInsertion(model);
  if (!plan) return undefined;
  const entry = policyYamlEntry(node, value, plan.style === 'flow' ? { flow: true } : { indent: plan.indent, eol: plan.eol });
  const newText = `${plan.before}${entry}${plan.after}`;
  if (plan.start === plan.end) return { fix: 'insert-settings', title, at: plan.start, text: newText };
  return { fix: 'replace', title, replacements: [{ range: { start: plan.start, end: plan.end }, newText }] };
}
