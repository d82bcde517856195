/** Test helpers for the language service: caret markers, fixtures, applying edits. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { WhfbLanguageService } from '../../../server/src/service/api';
import type { Diagnostic, Position, TextEdit } from '../../../server/src/lsp/protocolTypes';

export const ROOT = join(__dirname, '..', '..', '..');
export const TENANT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

export function service(): WhfbLanguageService {
  return getLanguageService({}, { log: (message) => { throw new Error(message); } });
}

let version = 0;

export function doc(text: string, uri = 'file:///work/test.whfb.yaml') {
  version += 1;
  return { uri, version, text };
}

export function validate(text: string, uri?: string, ls: WhfbLanguageService = service()): Diagnostic[] {
  return ls.validate(doc(text, uri));
}

/** Splits "a|b" into the text "ab" and the position of the caret. */
export function caret(marked: string): { text: string; position: Position } {
  const at = marked.indexOf('|');
  if (at < 0) throw new Error('no caret');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

export function fixture(name: string): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'whfb-yaml', name), 'utf8');
}

export function example(name: string): string {
  return readFileSync(join(ROOT, 'examples', name), 'utf8');
}

function offsetAt(text: string, position: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset += lines[line].length + 1;
  return offset + position.character;
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits
    .map((edit) => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** "line:character-line:character CODE" for compact assertions (zero-based, as LSP). */
export function brief(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${start.line}:${start.character}-${end.line}:${end.character} ${diagnostic.code}`;
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => diagnostic.code).sort();
}

export const P = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies';

/** A policy file with a header and the given settings lines (already indented as list entries). */
export function policy(options: { trust?: string; model?: string; management?: string; extraDeployment?: string; settings: string; tenant?: string | null; tail?: string }): string {
  const lines = ['whfb: 1'];
  if (options.tenant !== null) lines.push(`tenantId: ${options.tenant ?? TENANT}`);
  lines.push('deployment:', `  model: ${options.model ?? 'hybrid'}`);
  if (options.trust !== '') lines.push(`  trust: ${options.trust ?? 'key'}`);
  lines.push(`  management: ${options.management ?? 'intune'}`);
  if (options.extraDeployment) lines.push(options.extraDeployment);
  lines.push('settings:');
  return `${lines.join('\n')}\n${options.settings}${options.tail ?? ''}`;
}

/** The entries every clean hybrid key trust file has. */
export const BASE_SETTINGS = `  - omaUri: ${P}/UsePassportForWork
    type: bool
    value: true
  - omaUri: ${P}/RequireSecurityDevice
    type: bool
    value: true
`;
