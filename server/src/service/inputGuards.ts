/**
 * Input the service refuses to parse, with one WHFB003 finding that says why: files over the size
 * limit, binary content, and unresolved merge conflicts (a half-merged policy is not a policy).
 */
import * as l10n from '@vscode/l10n';
import { finding } from '../model/findings';
import type { Finding, SourceFormat } from '../model/types';

const BINARY_FORMATS: ReadonlySet<SourceFormat> = new Set<SourceFormat>(['registry-pol', 'registry-pol-user']);

/** Line terminators as a multiline RegExp's ^ and $ know them. */
function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/**
 * Where a merge-conflict marker line starts (seven `marker` characters at the start of a line, then
 * a space or the line's end), or -1: what `/^<{7}(?: |$)/m` finds, by `indexOf`. The multiline
 * RegExp tried every position of the text, about as costly as the rest of an edit's validation of
 * a 10,000-setting file, on every version (issue 16).
 */
export function conflictMarkerAt(text: string, marker: '<' | '>'): number {
  const run = marker.repeat(7);
  for (let at = text.indexOf(run); at !== -1; at = text.indexOf(run, at + 1)) {
    if (at > 0 && !isLineTerminator(text.charCodeAt(at - 1))) continue;
    const after = at + 7;
    if (after === text.length || text.charCodeAt(after) === 32 || isLineTerminator(text.charCodeAt(after))) return at;
  }
  return -1;
}

/** The WHFB003 message for a file over the size limit; whfb-lint says the same for files it cannot detect. */
export function tooLargeMessage(maxFileSizeBytes: number): string {
  return l10n.t('The file is larger than {0} bytes (the whfb.maxFileSize setting) and is not checked. Split it into smaller policy files or raise the limit.', maxFileSizeBytes);
}

/** Larger than the limit as the editor measures it: the text's UTF-8 bytes. */
export function isTooLarge(text: string, maxFileSizeBytes: number): boolean {
  // UTF-16 length is a lower bound of the byte size; only compute bytes near the limit.
  return text.length > maxFileSizeBytes || (text.length * 3 > maxFileSizeBytes && utf8ByteLength(text) > maxFileSizeBytes);
}

/** Characters encoded per call: a bounded buffer (3 bytes per UTF-16 unit at most) instead of the whole text's bytes. */
const UTF8_CHUNK = 64 * 1024;
const UTF8_ENCODER = new TextEncoder();
let utf8Buffer: Uint8Array | undefined;

/**
 * What Buffer.byteLength(text, 'utf8') returns, without Node's Buffer: the service also runs in a
 * web worker (VS Code for the Web). A lone surrogate is written as U+FFFD, 3 bytes, as Node does.
 * TextEncoder counts natively, a chunk at a time; a loop over the characters of a 5 MB document
 * took tens of milliseconds on every version (issue 16).
 */
function utf8ByteLength(text: string): number {
  utf8Buffer ??= new Uint8Array(3 * UTF8_CHUNK);
  let bytes = 0;
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + UTF8_CHUNK);
    // A surrogate pair cut in two would count as two replacement characters.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    bytes += UTF8_ENCODER.encodeInto(text.slice(start, end), utf8Buffer).written;
    start = end;
  }
  return bytes;
}

export function guardInput(text: string, format: SourceFormat, maxFileSizeBytes: number): Finding | undefined {
  if (isTooLarge(text, maxFileSizeBytes)) return finding('WHFB003', { start: 0, end: 0 }, tooLargeMessage(maxFileSizeBytes));
  // A registry.pol is binary by design: its adapter reads it byte by byte (formats/registryPol.ts).
  if (!BINARY_FORMATS.has(format) && text.slice(0, 8192).includes('\u0000')) {
    return finding('WHFB003', { start: 0, end: 0 }, l10n.t('The file looks binary and is not checked.'));
  }
  if (format !== 'text' && !BINARY_FORMATS.has(format)) {
    const start = conflictMarkerAt(text, '<');
    if (start !== -1 && conflictMarkerAt(text, '>') !== -1) {
      const end = text.indexOf('\n', start);
      return finding('WHFB003', { start, end: end === -1 ? text.length : end },
        l10n.t('The file has unresolved merge-conflict markers (<<<<<<<, =======, >>>>>>>): resolve the conflict, then the file is checked again.'));
    }
  }
  return undefined;
}
