/**
 * --fix's engine: the language service's quick fixes (what the editor offers) applied to a
 * document's text until none of the safe ones (safeFixes.ts) applies any more. Each round
 * validates, asks for the code actions on the whole document, and applies the safe fixes whose
 * edits overlap no other fix of the round; the rest wait for the next round, on the new text.
 * Bounded: at most MAX_ROUNDS rounds, and a text seen before ends the loop (two fixes undoing
 * each other cannot spin).
 */
import type { WhfbLanguageService } from '../../service/api';
import { LineIndex } from '../../model/lineIndex';
import type { TextDocumentInput } from '../../service/api';
import type { Range } from '../../lsp/protocolTypes';
import { editsOf, safeFixes } from './safeFixes';

export const MAX_ROUNDS = 10;

export interface AppliedFix {
  /** 1-based, in the text of the round the fix was applied in. */
  line: number;
  column: number;
  code: string;
  title: string;
}

export interface FixResult {
  text: string;
  fixes: AppliedFix[];
}

interface OffsetEdit { start: number; end: number; newText: string }

export function applySafeFixes(service: WhfbLanguageService, input: TextDocumentInput): FixResult {
  let text = input.text;
  const fixes: AppliedFix[] = [];
  const seen = new Set<string>([text]);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const doc = { ...input, text, version: input.version + round };
    const lines = new LineIndex(text);
    const diagnostics = service.validate(doc);
    if (diagnostics.length === 0) break;
    const whole: Range = { start: { line: 0, character: 0 }, end: lines.positionAt(text.length) };
    const actions = service.codeActions(doc, whole, diagnostics);
    service.forget(doc.uri);
    const toOffsets = (range: Range) => ({ start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) });
    const candidates = safeFixes(actions, (edit) => {
      const { start, end } = toOffsets(edit.range);
      return text.slice(start, end);
    }, text);
    const chosen: OffsetEdit[] = [];
    const applied: AppliedFix[] = [];
    for (const { action, diagnostic } of candidates) {
      const edits = editsOf(action).map((edit) => ({ ...toOffsets(edit.range), newText: edit.newText }));
      if (edits.some((edit) => chosen.some((other) => overlaps(edit, other)) || edits.some((e) => e !== edit && overlaps(e, edit)))) continue;
      chosen.push(...edits);
      applied.push({ line: diagnostic.range.start.line + 1, column: diagnostic.range.start.character + 1, code: String(diagnostic.code), title: action.title });
    }
    if (chosen.length === 0) break;
    const next = applyEdits(text, chosen);
    if (seen.has(next)) break;
    seen.add(next);
    text = next;
    fixes.push(...applied.sort((a, b) => a.line - b.line || a.column - b.column));
  }
  return { text, fixes };
}

/** Two edits overlap when their ranges share a character or touch: touching edits could merge into text neither fix meant. */
function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Non-overlapping edits, applied from the end so earlier offsets stay valid. */
function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}
