/**
 * Writes a fixed file so that a reader, a crash or a full disk never sees half of it: the new
 * bytes go to a temporary file in the same folder (same file system, so rename is atomic), are
 * flushed, get the original's permission bits, and replace the original by rename. A symbolic
 * link is written through (its target is replaced, the link stays). The file is re-read first:
 * when it changed since whfb-lint read it (an editor saved meanwhile), nothing is written.
 */
import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';

export type TextEncodingName = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

export class ChangedSinceReadError extends Error {}

/** The encoding readPolicyFile decoded the bytes from (its BOM), so a fix keeps it. */
export function encodingOf(bytes: Buffer): TextEncodingName {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8-bom';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  return 'utf8';
}

export function encode(text: string, encoding: TextEncodingName): Buffer {
  switch (encoding) {
    case 'utf8': return Buffer.from(text, 'utf8');
    case 'utf8-bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be': return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

/** Replaces `path`'s content with `bytes` when the file still holds `expected`. */
export function writeFileAtomically(path: string | Buffer, expected: Buffer, bytes: Buffer): void {
  // As bytes: a file name that is not UTF-8 (collectFiles.ts keeps those as Buffers) must survive.
  const target = realpathSync(path, { encoding: 'buffer' });
  if (!readFileSync(target).equals(expected)) throw new ChangedSinceReadError(`${String(path)} changed while it was being fixed; not written`);
  const mode = statSync(target).mode & 0o7777;
  const slash = Math.max(target.lastIndexOf(0x2f), process.platform === 'win32' ? target.lastIndexOf(0x5c) : -1);
  // The Web Crypto global, not node:crypto: every worker thread loads this bundle, and importing
  // node:crypto costs each one about 10 ms for a name only --fix needs.
  const temp = Buffer.concat([
    target.subarray(0, slash + 1), Buffer.from('.'), target.subarray(slash + 1), Buffer.from(`.whfb-lint-${process.pid}-${Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(4))).toString('hex')}.tmp`),
  ]);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
