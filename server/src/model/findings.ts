/**
 * Builds findings from the rule table, so a code's severity and link live in one place (model/ruleCodes.ts).
 */
import { RULES_BY_CODE } from './ruleCodes';
import type { Finding, Fix, OffsetRange } from './types';

/**
 * Messages echo what was written; a hostile value (a 100,000-character OMA-URI, 10,000 nested
 * XML elements as a value) would make the message that long (robustness testing). Quoted text
 * and unbroken runs beyond MAX_ECHO are shortened in the middle, and the whole message is capped.
 */
const MAX_ECHO = 160;
const MAX_MESSAGE = 800;
const LONG_RUN = new RegExp(`[^\\s"]{${MAX_ECHO + 1},}`, 'g');

function shortenEcho(echo: string): string {
  return echo.length <= MAX_ECHO ? echo : `${echo.slice(0, MAX_ECHO - 40)}…${echo.slice(-39)}`;
}

/** The same long messages recur on every keystroke (a file's invalid values stay while the user edits elsewhere). */
const shortenedMessages = new Map<string, string>();
const MAX_REMEMBERED = 5_000;

/**
 * Whether anything in the message is too long: a quoted echo or an unbroken run beyond MAX_ECHO,
 * or the whole beyond MAX_MESSAGE. Native searches, no allocation: most long messages (WHFB150's,
 * on every duplicate of a 10,000-setting file; WHFB305's, once per file of a whfb-lint run) need
 * nothing, hashing them for the memo below cost more than this check, and a loop over the
 * characters ran interpreted in short whfb-lint runs (where the optimizing compiler is off).
 * Anchored at the start of a run (the text's start, or after white space or a quotation mark): a
 * bare `[^\s"]{161}` is tried again at every character of a run, so a message of many words cost
 * the square of their lengths (14 ms for the 999 WHFB305 messages of a 1,000-file run; 2 ms so).
 */
const UNBROKEN_RUN = new RegExp(`(?:^|[\\s"])[^\\s"]{${MAX_ECHO + 1}}`);

function needsShortening(message: string): boolean {
  if (message.length > MAX_MESSAGE) return true;
  // A run breaks at white space (the regular expression's \s) and at a quotation mark.
  if (UNBROKEN_RUN.test(message)) return true;
  // Quotation marks pair up in order; an unclosed one quotes to the end.
  for (let open = message.indexOf('"'); open !== -1;) {
    const close = message.indexOf('"', open + 1);
    if ((close === -1 ? message.length : close) - open - 1 > MAX_ECHO) return true;
    if (close === -1) return false;
    open = message.indexOf('"', close + 1);
  }
  return false;
}

function shortenMessage(message: string): string {
  if (message.length <= MAX_ECHO || !needsShortening(message)) return message;
  let shortened = shortenedMessages.get(message);
  if (shortened === undefined) {
    shortened = shortenLongMessage(message);
    if (shortenedMessages.size >= MAX_REMEMBERED) shortenedMessages.clear();
    // Keyed by the message only while it is of a sane size: hostile 100,000-character ones are not kept.
    if (message.length <= 4 * MAX_MESSAGE) shortenedMessages.set(message, shortened);
  }
  return shortened;
}

function shortenLongMessage(message: string): string {
  const shortened = message
    .replace(/"([^"]*)"/g, (_whole, quoted: string) => `"${shortenEcho(quoted)}"`)
    .replace(LONG_RUN, shortenEcho);
  return shortened.length <= MAX_MESSAGE ? shortened : `${shortened.slice(0, MAX_MESSAGE - 201)}…${shortened.slice(-200)}`;
}

export function finding(
  code: string,
  range: OffsetRange,
  message: string,
  extra: { related?: Finding['related']; fix?: Fix; paths?: string[]; href?: string } = {},
): Finding {
  const rule = RULES_BY_CODE.get(code);
  return {
    code,
    severity: rule?.defaultSeverity ?? 'error',
    message: shortenMessage(message),
    range: { start: range.start, end: Math.max(range.start, range.end) },
    href: extra.href ?? rule?.href,
    ...(extra.related && extra.related.length > 0 ? { related: extra.related } : {}),
    ...(extra.fix ? { fix: extra.fix } : {}),
    ...(extra.paths && extra.paths.length > 0 ? { paths: extra.paths } : {}),
  };
}
