/**
 * The one way a file's bytes become the text the language service reads, for every reader that
 * starts from bytes (the CLI, the workspace index): byte-order marks removed, UTF-16 (PowerShell's
 * default on Windows, gpreport.xml) decoded, UTF-8 otherwise.
 *
 * Binary policy files: a Group Policy registry.pol (header "PReg", version 1) is handed over as
 * one character per byte (latin1), so a text offset is a byte offset; the registry-pol adapter
 * (formats/gpoRegistryPol.ts) recognises the header and reads the records from that text. No other
 * binary file is read: its UTF-8 decoding names no policy, and no adapter claims it.
 *
 * Plain TypeScript with TextDecoder (no Node Buffer), so the browser build can use it too; in shared/
 * because it imports nothing, so the small server bundle (server/nodeWorkspaceFiles.ts) takes it
 * without the language service.
 */

/** "PReg" followed by the version DWORD 1, little-endian: the first 8 bytes of every registry.pol. */
export const REGISTRY_POL_SIGNATURE = 'PReg\u0001\u0000\u0000\u0000';

const UTF8 = new TextDecoder('utf-8');
const UTF16LE = new TextDecoder('utf-16le');

export function isRegistryPolBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x50 && bytes[1] === 0x52 && bytes[2] === 0x65 && bytes[3] === 0x67
    && bytes[4] === 1 && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0;
}

/** One character per byte (U+0000..U+00FF): offsets in the text are offsets in the file. */
export function bytesAsLatin1(bytes: Uint8Array): string {
  const chunk = 0x2000;
  let text = '';
  for (let at = 0; at < bytes.length; at += chunk) {
    text += String.fromCharCode(...bytes.subarray(at, Math.min(bytes.length, at + chunk)));
  }
  return text;
}

export function decodeFileBytes(bytes: Uint8Array): string {
  if (isRegistryPolBytes(bytes)) return bytesAsLatin1(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return UTF8.decode(bytes.subarray(3));
  // An odd trailing byte (a file cut at the read limit) is dropped, not shown as U+FFFD.
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return UTF16LE.decode(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
    const swapped = new Uint8Array(body.length);
    for (let i = 0; i < body.length; i += 2) {
      swapped[i] = body[i + 1]!;
      swapped[i + 1] = body[i]!;
    }
    return UTF16LE.decode(swapped);
  }
  return UTF8.decode(bytes);
}
