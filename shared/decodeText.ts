/**
 * File bytes to the text an editor would show: byte-order marks removed, UTF-16 files (PowerShell's
 * default on Windows) decoded. Pure, so both transports read files alike: the CLI
 * (server/src/cli/readPolicyFile.ts) and the server's workspace index (server/src/server/nodeWorkspaceFiles.ts); in shared/ because it imports
 * nothing, so the small server bundle can take it without the language service.
 */
export function decode(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return swapped.swap16().toString('utf16le');
  }
  return bytes.toString('utf8');
}

