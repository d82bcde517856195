/**
 * Quick fixes. Each finding that carries FixData (did you mean, the right type, the successor, a
 * setting the trust model needs, the tenant id) becomes one action; every finding on a settings or
 * Group Policy entry also gets "ignore CODE for this entry" (a `# whfb-ignore` comment above it).
 * Fixes come from this version's findings, matched to the diagnostics the client sent back.
 */
import * as l10n from '@vscode/l10n';
import { powershellOriginOf } from '../formats/powershell';
import type { Finding, OffsetRange } from '../model/types';
import type { ClientDiagnostic, CodeAction, Range, TextEdit } from '../lsp/protocolTypes';
import { settingAt, type FeatureContext } from './context';

function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function codeActionsFor(context: FeatureContext, range: Range, diagnostics: readonly ClientDiagnostic[], findings: readonly Finding[]): CodeAction[] {
  const { entry } = context;
  const lines = entry.lines();
  const model = entry.model;
  if (!model) return [];
  const requested = { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
  const actions: CodeAction[] = [];
  const uri = entry.uri;
  const edit = (edits: TextEdit[]) => ({ changes: { [uri]: edits } });

  for (const item of findings) {
    const itemRange = lines.range(item.range);
    const diagnostic = diagnostics.find((candidate) => candidate.code === item.code && sameRange(candidate.range, itemRange));
    if (!diagnostic && !overlaps(item.range, requested)) continue;
    if (diagnostics.length > 0 && !diagnostic) continue;
    const attached = diagnostic ? { diagnostics: [diagnostic] } : {};
    const data = item.data;
    if (data?.fix === 'replace') {
      actions.push({
        title: data.title,
        kind: 'quickfix',
        isPreferred: true,
        ...attached,
        edit: edit(data.replacements.map((replacement) => ({ range: lines.range(replacement.range), newText: replacement.newText }))),
      });
    } else if (data?.fix === 'insert-settings') {
      const at = lines.positionAt(data.at);
      actions.push({ title: data.title, kind: 'quickfix', isPreferred: true, ...attached, edit: edit([{ range: { start: at, end: at }, newText: data.text }]) });
    }
    const ignore = ignoreAction(context, item);
    if (ignore) actions.push({ ...ignore, ...attached });
  }
  return actions;
}

/** `# whfb-ignore CODE` on the line above the entry the finding stands on (added to an existing comment). */
function ignoreAction(context: FeatureContext, item: Finding): CodeAction | undefined {
  const { entry } = context;
  const model = entry.model;
  if (!model) return undefined;
  const wrap = commentSyntax(model.format, entry.uri);
  if (!wrap) return undefined;
  const owner = settingAt(model, item.range.start) ?? model.groupPolicy.find((gp) => item.range.start >= gp.range.start && item.range.start <= gp.range.end);
  if (!owner) return undefined;
  // JSON in a PowerShell here-string has no comments: a `#` line there would break the JSON.
  if (!('policy' in owner) && powershellOriginOf(owner) === 'json') return undefined;
  const text = entry.text;
  const lines = entry.lines();
  const line = lines.lineOf(owner.range.start);
  const lineStart = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lines.lineEnd(line)))?.[0] ?? '';
  if (line > 0) {
    const above = text.slice(lines.lineStart(line - 1), lines.lineEnd(line - 1));
    const existing = /^(\s*(?:#|<!--)\s*whfb-ignore\b(?!-file)(?:\s*,?\s*WHFB\d{3})*)/i.exec(above);
    if (existing) {
      const end = lines.lineStart(line - 1) + existing[1].length;
      const position = lines.positionAt(end);
      return { title: l10n.t('Ignore {0} for this entry', item.code), kind: 'quickfix', edit: { changes: { [entry.uri]: [{ range: { start: position, end: position }, newText: `, ${item.code}` }] } } };
    }
  }
  const position = lines.positionAt(lineStart);
  return {
    title: l10n.t('Ignore {0} for this entry', item.code),
    kind: 'quickfix',
    edit: { changes: { [entry.uri]: [{ range: { start: position, end: position }, newText: `${indent}${wrap(`whfb-ignore ${item.code}`)}\n` }] } },
  };
}

/** How a comment is written in the format (JSON has none). */
function commentSyntax(format: string, uri: string): ((body: string) => string) | undefined {
  const hash = (body: string) => `# ${body}`;
  const xml = (body: string) => `<!-- ${body} -->`;
  if (format === 'whfb-yaml' || format.endsWith('-yaml')) return hash;
  if (format === 'syncml') return xml;
  if (format === 'powershell' || format === 'dsc-powershell') return hash;
  if (format === 'text') return /\.(md|markdown)$/i.test(uri) ? xml : hash;
  return undefined;
}
