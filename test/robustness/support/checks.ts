/**
 * What every answer of the language service must satisfy, whatever the input: ranges inside the
 * document (as the editor counts lines: "\n", "\r\n" and a lone "\r" all end a line), completion
 * ranges on one line around the cursor, symbol selection ranges inside their range, edits that do
 * not overlap and touch only the document asked about. Each check returns the problems it found.
 */
import { RULES_BY_CODE } from '../../../server/src/model/ruleCodes';
import type {
  CodeAction, CompletionList, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, Position, Range, TextEdit,
} from '../../../server/src/lsp/protocolTypes';

/** Line lengths as LSP counts them (vscode-languageserver-textdocument splits on \r\n, \r and \n). */
export class EditorLines {
  readonly lengths: number[] = [];
  readonly starts: number[] = [];

  constructor(readonly text: string) {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 || ch === 10) {
        this.starts.push(start);
        this.lengths.push(i - start);
        if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    this.starts.push(start);
    this.lengths.push(text.length - start);
  }

  get lineCount(): number {
    return this.lengths.length;
  }

  offsetAt(position: Position): number {
    return this.starts[position.line]! + position.character;
  }
}

function isPosition(value: unknown): value is Position {
  const p = value as Position;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character);
}

export function positionProblem(lines: EditorLines, position: unknown, what: string): string | undefined {
  if (!isPosition(position)) return `${what}: not a position: ${JSON.stringify(position)}`;
  if (position.line < 0 || position.line >= lines.lineCount) return `${what}: line ${position.line} outside 0..${lines.lineCount - 1}`;
  const length = lines.lengths[position.line]!;
  if (position.character < 0 || position.character > length) {
    return `${what}: character ${position.character} outside 0..${length} on line ${position.line}`;
  }
  return undefined;
}

export function rangeProblems(lines: EditorLines, range: Range | undefined, what: string): string[] {
  if (!range || typeof range !== 'object') return [`${what}: no range`];
  const problems = [positionProblem(lines, range.start, `${what}.start`), positionProblem(lines, range.end, `${what}.end`)].filter((p): p is string => !!p);
  if (problems.length === 0 && compare(range.start, range.end) > 0) problems.push(`${what}: start ${show(range.start)} after end ${show(range.end)}`);
  return problems;
}

export function compare(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

function show(position: Position): string {
  return `${position.line}:${position.character}`;
}

function contains(range: Range, inner: Range): boolean {
  return compare(range.start, inner.start) <= 0 && compare(inner.end, range.end) <= 0;
}

export function diagnosticProblems(lines: EditorLines, diagnostics: Diagnostic[]): string[] {
  if (!Array.isArray(diagnostics)) return ['diagnostics: not an array'];
  const problems: string[] = [];
  diagnostics.forEach((diagnostic, i) => {
    const what = `diagnostic[${i}] ${diagnostic.code}`;
    problems.push(...rangeProblems(lines, diagnostic.range, what));
    if (!RULES_BY_CODE.has(String(diagnostic.code))) problems.push(`${what}: unknown code`);
    if (![1, 2, 3, 4].includes(diagnostic.severity)) problems.push(`${what}: severity ${diagnostic.severity}`);
    if (typeof diagnostic.message !== 'string' || diagnostic.message.trim() === '') problems.push(`${what}: empty message`);
    for (const [j, related] of (diagnostic.relatedInformation ?? []).entries()) {
      if (related.location.uri === undefined) problems.push(`${what}.related[${j}]: no uri`);
    }
  });
  return problems;
}

export function completionProblems(lines: EditorLines, list: CompletionList | null, position: Position): string[] {
  if (list === null || list === undefined) return [];
  const items = Array.isArray(list) ? list : list.items;
  if (!Array.isArray(items)) return ['completion: no items array'];
  const problems: string[] = [];
  items.forEach((item, i) => {
    const what = `completion[${i}] ${JSON.stringify(item.label)}`;
    if (typeof item.label !== 'string' || item.label === '') problems.push(`${what}: empty label`);
    if (item.textEdit) {
      const range = item.textEdit.range;
      const inside = rangeProblems(lines, range, `${what}.textEdit`);
      problems.push(...inside);
      if (inside.length === 0) {
        // VS Code rejects an item whose replace range is not one line around the cursor.
        if (range.start.line !== range.end.line) problems.push(`${what}.textEdit: spans lines ${range.start.line}-${range.end.line}`);
        if (range.start.line !== position.line || compare(range.start, position) > 0 || compare(position, range.end) > 0) {
          problems.push(`${what}.textEdit: ${show(range.start)}-${show(range.end)} does not contain the cursor ${show(position)}`);
        }
      }
    }
    for (const [j, edit] of (item.additionalTextEdits ?? []).entries()) problems.push(...rangeProblems(lines, edit.range, `${what}.additionalTextEdits[${j}]`));
  });
  return problems;
}

export function hoverProblems(lines: EditorLines, hover: Hover | null, position: Position): string[] {
  if (hover === null || hover === undefined) return [];
  const problems: string[] = [];
  if (typeof hover.contents?.value !== 'string') problems.push('hover: contents without a value');
  if (hover.range) {
    const inside = rangeProblems(lines, hover.range, 'hover.range');
    problems.push(...inside);
    if (inside.length === 0 && (compare(hover.range.start, position) > 0 || compare(position, hover.range.end) > 0)) {
      problems.push(`hover.range ${show(hover.range.start)}-${show(hover.range.end)} does not contain ${show(position)}`);
    }
  }
  return problems;
}

export function symbolProblems(lines: EditorLines, symbols: DocumentSymbol[], path = 'symbol'): string[] {
  if (!Array.isArray(symbols)) return [`${path}: not an array`];
  const problems: string[] = [];
  symbols.forEach((symbol, i) => {
    const what = `${path}[${i}] ${JSON.stringify(symbol.name)}`;
    // VS Code throws on an empty name or a selection range outside the full range.
    if (typeof symbol.name !== 'string' || symbol.name.trim() === '') problems.push(`${what}: empty name`);
    const full = rangeProblems(lines, symbol.range, `${what}.range`);
    const selection = rangeProblems(lines, symbol.selectionRange, `${what}.selectionRange`);
    problems.push(...full, ...selection);
    if (full.length === 0 && selection.length === 0 && !contains(symbol.range, symbol.selectionRange)) {
      problems.push(`${what}: selectionRange not inside range`);
    }
    if (symbol.children) problems.push(...symbolProblems(lines, symbol.children, `${what}.children`));
  });
  return problems;
}

export function linkProblems(lines: EditorLines, links: DocumentLink[]): string[] {
  if (!Array.isArray(links)) return ['links: not an array'];
  const problems: string[] = [];
  links.forEach((link, i) => {
    problems.push(...rangeProblems(lines, link.range, `link[${i}]`));
    let scheme = '';
    try {
      scheme = new URL(link.target).protocol;
    } catch {
      problems.push(`link[${i}]: target ${JSON.stringify(link.target)} is not a URL`);
    }
    if (scheme && scheme !== 'https:') problems.push(`link[${i}]: target ${link.target} is not https`);
  });
  return problems;
}

export function foldingProblems(lines: EditorLines, ranges: FoldingRange[]): string[] {
  if (!Array.isArray(ranges)) return ['folding: not an array'];
  const problems: string[] = [];
  ranges.forEach((range, i) => {
    if (!Number.isInteger(range.startLine) || !Number.isInteger(range.endLine)) problems.push(`folding[${i}]: not integers`);
    else if (range.startLine < 0 || range.endLine >= lines.lineCount || range.startLine > range.endLine) {
      problems.push(`folding[${i}]: ${range.startLine}-${range.endLine} outside 0..${lines.lineCount - 1} or reversed`);
    }
  });
  return problems;
}

/** Edits of one code action: only this document, inside it, not overlapping. */
export function codeActionProblems(lines: EditorLines, uri: string, actions: CodeAction[]): string[] {
  if (!Array.isArray(actions)) return ['codeActions: not an array'];
  const problems: string[] = [];
  actions.forEach((action, i) => {
    const what = `codeAction[${i}] ${JSON.stringify(action.title)}`;
    if (typeof action.title !== 'string' || action.title === '') problems.push(`${what}: empty title`);
    const changes = action.edit?.changes ?? {};
    for (const target of Object.keys(changes)) if (target !== uri) problems.push(`${what}: edits another document ${target}`);
    const edits = changes[uri] ?? [];
    edits.forEach((edit, j) => problems.push(...rangeProblems(lines, edit.range, `${what}.edit[${j}]`)));
    if (problems.length === 0) {
      const sorted = [...edits].sort((a, b) => compare(a.range.start, b.range.start));
      for (let j = 1; j < sorted.length; j++) {
        if (compare(sorted[j - 1]!.range.end, sorted[j]!.range.start) > 0) problems.push(`${what}: edits overlap`);
      }
    }
  });
  return problems;
}

/** Applies non-overlapping edits back to front, with the editor's line counting. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new EditorLines(text);
  const sorted = [...edits].sort((a, b) => compare(b.range.start, a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + result.slice(lines.offsetAt(edit.range.end));
  return result;
}
