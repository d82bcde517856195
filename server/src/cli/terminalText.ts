/**
 * Text for a terminal: everything whfb-lint prints as text (file names, messages, stderr lines)
 * comes from files someone else wrote. An ESC sequence, an OSC 52 clipboard write, a carriage
 * return or an erase-line in a policy value or a file name would reach the terminal and could
 * hide or forge the lines around it; a bidi override would reorder them. So every control
 * character is shown as a visible escape instead: C0 (tab and line breaks included), DEL, C1,
 * and the Unicode bidi and line-separator controls. JSON and SARIF need no help: JSON escapes C0.
 */

// C0, DEL, C1; LRM, RLM, ALM; LRE..RLO (U+202A-E); LRI..PDI (U+2066-9); LINE/PARAGRAPH SEPARATOR.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function escapeForTerminal(text: string): string {
  return text.replace(CONTROL, (char) => NAMED[char] ?? visibleCodePoint(char.charCodeAt(0)));
}

function visibleCodePoint(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
