/**
 * Ranges inside a located value, from the ranges the adapter gave: the text of a quoted string
 * without its quotes, and a substring of it (an OMA-URI's tenant segment).
 */
import type { OffsetRange, PolicyModel } from './types';

/** The text of a string value without its quotes (so a replacement keeps them). */
export function innerRange(text: string, range: OffsetRange): OffsetRange {
  const first = text.charAt(range.start);
  if ((first === '"' || first === "'") && range.end - range.start >= 2 && text.charAt(range.end - 1) === first) {
    return { start: range.start + 1, end: range.end - 1 };
  }
  return range;
}

/**
 * The document range of `written.slice(start, end)` inside a located string, or undefined when
 * the file does not hold those characters there (escapes would shift the offsets).
 */
export function substringRange(model: PolicyModel, range: OffsetRange, start: number, end: number, written: string): OffsetRange | undefined {
  const inner = innerRange(model.text, range);
  const from = inner.start + start;
  const to = inner.start + end;
  return model.text.slice(from, to) === written ? { start: from, end: to } : undefined;
}
