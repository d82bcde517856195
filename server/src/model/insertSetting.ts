/**
 * Text that adds a settings entry to a policy file, indented like the entries already there, and
 * where it goes (after the last entry, or under `settings:`, or a new `settings:` block at the end).
 */
import type { CatalogNode } from '../catalog/types';
import type { FixData, PolicyModel } from './types';
import { policyFileTypeName, valueTypeForFormat } from './values';

function lineEndAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function indentOfLine(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let at = start;
  while (text.charCodeAt(at) === 32) at += 1;
  return at - start;
}

function yamlScalar(value: string | boolean | number): string {
  if (typeof value !== 'string') return String(value);
  return /^[\w./{}-]+$/.test(value) && !/^(true|false|null|~|\d+)$/i.test(value) ? value : JSON.stringify(value);
}

/** A whole entry for `node`, as the policy file writes it. */
export function settingEntryLines(node: CatalogNode, value: string | boolean | number, dashIndent: number): string {
  const pad = ' '.repeat(dashIndent);
  const type = policyFileTypeName(valueTypeForFormat(node.format) ?? 'string');
  return `${pad}- omaUri: ${node.path}\n${pad}  type: ${type}\n${pad}  value: ${yamlScalar(value)}\n`;
}

/** FixData that inserts an entry for `node` with `value`; undefined outside the policy file. */
export function insertSettingFix(model: PolicyModel, node: CatalogNode, value: string | boolean | number, title: string): FixData | undefined {
  if (model.format !== 'whfb-yaml') return undefined;
  const text = model.text;
  const last = model.settings[model.settings.length - 1];
  if (last) {
    const at = lineEndAfter(text, last.range.end);
    const dashIndent = Math.max(0, indentOfLine(text, last.range.start));
    const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
    return { fix: 'insert-settings', title, at, text: lead + settingEntryLines(node, value, dashIndent) };
  }
  if (model.settingsKey) {
    // `settings: []`: the empty flow list becomes a block list.
    const emptyList = /^(\s*:\s*)\[\s*\]/.exec(text.slice(model.settingsKey.end, lineEndAfter(text, model.settingsKey.end)));
    if (emptyList) {
      const start = model.settingsKey.end + emptyList[1].length;
      const entry = settingEntryLines(node, value, indentOfLine(text, model.settingsKey.start) + 2).replace(/\n$/, '');
      return { fix: 'replace', title, replacements: [{ range: { start: model.settingsKey.end, end: start + emptyList[0].length - emptyList[1].length }, newText: `:\n${entry}` }] };
    }
    const at = lineEndAfter(text, model.settingsKey.end);
    const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
    return { fix: 'insert-settings', title, at, text: lead + settingEntryLines(node, value, indentOfLine(text, model.settingsKey.start) + 2) };
  }
  const lead = text.length > 0 && !text.endsWith('\n') ? '\n' : '';
  return { fix: 'insert-settings', title, at: text.length, text: `${lead}settings:\n${settingEntryLines(node, value, 2)}` };
}
