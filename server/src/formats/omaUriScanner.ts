/**
 * Finds OMA-URIs written anywhere in free text (Markdown, scripts, descriptions).
 * One pass of a regex whose only repetition is a single character class, so a 100,000-character
 * OMA-URI costs one linear match, never backtracking.
 */
import type { OffsetRange } from '../model/types';

export interface OmaUriOccurrence {
  text: string;
  range: OffsetRange;
}

// ./Device/Vendor/MSFT/..., ./User/Vendor/MSFT/..., legacy ./Vendor/MSFT/...
const OMA_URI = /\.\/(?:(?:device|user)\/)?vendor\/msft\/[A-Za-z0-9_.{}/%~-]*/gi;

export function findOmaUris(text: string): OmaUriOccurrence[] {
  const found: OmaUriOccurrence[] = [];
  OMA_URI.lastIndex = 0;
  for (let match = OMA_URI.exec(text); match; match = OMA_URI.exec(text)) {
    const start = match.index;
    let end = start + match[0].length;
    // A script that builds the URI ("…/PassportForWork/$tenantId/…", "…/$(…)") cannot be checked statically.
    const next = text[end];
    if (next === '$' || (next === '`' && text[end + 1] === '$')) continue;
    end = trimTrailingPunctuation(text, start, end);
    found.push({ text: text.slice(start, end), range: { start, end } });
  }
  return found;
}

/** True when the text contains at least one OMA-URI that `accept` takes; stops at the first. */
export function containsOmaUri(text: string, accept: (omaUri: string) => boolean): boolean {
  OMA_URI.lastIndex = 0;
  for (let match = OMA_URI.exec(text); match; match = OMA_URI.exec(text)) {
    if (accept(text.slice(match.index, trimTrailingPunctuation(text, match.index, match.index + match[0].length)))) return true;
  }
  return false;
}

/** Sentence punctuation and a trailing slash are not part of the node path. */
function trimTrailingPunctuation(text: string, start: number, end: number): number {
  while (end > start + 2 && (text[end - 1] === '.' || text[end - 1] === '/')) end--;
  return end;
}
