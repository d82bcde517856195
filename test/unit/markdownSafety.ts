/**
 * A small structural checker for Markdown we hand to VS Code, in place of a Markdown parser (none
 * is installed): which characters are "live" (could open Markdown syntax) once backslash escapes
 * and code spans are taken out, and whether live text holds an image, a link or autolink to a
 * host other than Microsoft's documentation, HTML, an entity or a theme icon that is not ours.
 *
 * Follows CommonMark where it matters here: a backslash escapes ASCII punctuation; a run of n
 * backticks opens a code span closed by the next run of exactly n backticks in the same
 * paragraph (no blank line between), and nothing inside a code span is Markdown.
 */
import assert from 'node:assert/strict';

const PUNCTUATION = /[!-/:-@[-`{-~]/;
/** Stands for a character that is not live (escaped, or inside a code span). */
const INERT = '\u0000';

export interface LiveText {
  /** The Markdown with every non-live character replaced by INERT (same length). */
  live: string;
  /** The contents of every code span. */
  codeSpans: string[];
}

export function liveText(markdown: string): LiveText {
  const out: string[] = [];
  const codeSpans: string[] = [];
  let index = 0;
  while (index < markdown.length) {
    const char = markdown[index];
    if (char === '\\' && index + 1 < markdown.length && PUNCTUATION.test(markdown[index + 1])) {
      out.push(INERT, INERT);
      index += 2;
      continue;
    }
    if (char === '`') {
      let run = 1;
      while (markdown[index + run] === '`') run++;
      const close = closingRun(markdown, index + run, run);
      if (close < 0) {
        // No closing run: the backticks are literal text, not live syntax.
        for (let i = 0; i < run; i++) out.push(INERT);
        index += run;
        continue;
      }
      codeSpans.push(markdown.slice(index + run, close));
      for (let i = index; i < close + run; i++) out.push(INERT);
      index = close + run;
      continue;
    }
    out.push(char);
    index++;
  }
  return { live: out.join(''), codeSpans };
}

function closingRun(markdown: string, from: number, length: number): number {
  const paragraphEnd = /\n[ \t]*\n/g;
  paragraphEnd.lastIndex = from;
  const end = paragraphEnd.exec(markdown)?.index ?? markdown.length;
  let index = from;
  while (index < end) {
    if (markdown[index] !== '`') { index++; continue; }
    let run = 1;
    while (markdown[index + run] === '`') run++;
    if (run === length && index + run <= end) return index;
    index += run;
  }
  return -1;
}

const TRUSTED_LINK = /^https:\/\/(learn|support)\.microsoft\.com\//;
const OUR_ICONS = new Set(['pass', 'circle-large-outline', 'warning']);

/** Every reason `markdown` could render something that is not plain text or our own links. */
export function liveMarkupProblems(markdown: string): string[] {
  const { live } = liveText(markdown);
  const problems: string[] = [];
  const show = (index: number) => JSON.stringify(markdown.slice(Math.max(0, index - 20), index + 40));
  for (const match of live.matchAll(/!\[/g)) problems.push(`live image at ${show(match.index)}`);
  for (const match of live.matchAll(/\]\(([^)\s\u0000]*)/g)) {
    if (!TRUSTED_LINK.test(match[1])) problems.push(`live link to ${JSON.stringify(match[1])} at ${show(match.index)}`);
  }
  for (const match of live.matchAll(/\]:/g)) problems.push(`live link reference definition at ${show(match.index)}`);
  for (const match of live.matchAll(/<[A-Za-z/!?]/g)) problems.push(`live HTML or autolink at ${show(match.index)}`);
  for (const match of live.matchAll(/&#?[A-Za-z0-9]+;/g)) problems.push(`live entity at ${show(match.index)}`);
  // Our own link destinations are live too: only a URL that is not Microsoft's documentation counts.
  for (const match of live.matchAll(/(?:https?|ftp):\/\/[^\s)\u0000]*|www\.[^\s)\u0000]*/gi)) {
    if (!TRUSTED_LINK.test(match[0])) problems.push(`live URL ${JSON.stringify(match[0])} at ${show(match.index)}`);
  }
  for (const match of live.matchAll(/[\w.+-]+@[\w-]+\.[\w.-]+/g)) problems.push(`live e-mail autolink at ${show(match.index)}`);
  for (const match of live.matchAll(/\$\(([^)\u0000]*)\)/g)) {
    if (!OUR_ICONS.has(match[1])) problems.push(`live theme icon $(${match[1]}) at ${show(match.index)}`);
  }
  return problems;
}

export function assertNoLiveMarkup(markdown: string, where: string): void {
  const problems = liveMarkupProblems(markdown);
  assert.deepEqual(problems, [], `${where}:\n${markdown}`);
}

/** Text planted in every echoed field: each line a way out of a code span or into live Markdown. */
export const PAYLOADS = {
  /** Without whitespace: it stays one token in an OMA-URI scanned from loose text. */
  token: 'x`y``![i](https://evil.example/1.png)[l](https://evil.example/2)<img/src=https://evil.example/3.png><https://evil.example/4>https://evil.example/5&#60;www.evil.example/6**b**_e_~~s~~|t|$(zap)evil@evil.example\\',
  /** With spaces, line breaks and a blank line (quoted YAML and JSON strings can hold them). */
  spaced: ' ` ![i](https://evil.example/7.png)\n\n# h\n<img src="https://evil.example/8.png"> [l]: https://evil.example/9 ``` x ``` ',
} as const;
