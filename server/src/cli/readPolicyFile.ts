/**
 * Reads a file the way an editor would hand it to the server: byte-order marks removed,
 * UTF-16 files (PowerShell's default on Windows) decoded, a registry.pol as one character per byte. At most `byteLimit` bytes are read,
 * so a file of gigabytes is never loaded; `complete` says whether that was the whole file.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { decodeFileBytes } from '../../../shared/decodeText';

export interface FileText {
  text: string;
  /** false: the file is longer than the bytes read. */
  complete: boolean;
}

export function readPolicyFile(path: string | Buffer, byteLimit: number): FileText {
  // Non-blocking open: a named pipe where a file was expected must not hang the run.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new NotARegularFileError(path);
    const size = stats.size;
    const length = Math.min(size, byteLimit);
    const buffer = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { text: decodeFileBytes(buffer.subarray(0, read)), complete: read === size };
  } finally {
    closeSync(fd);
  }
}

export class NotARegularFileError extends Error {
  readonly code = 'ENOTREGULAR';
  constructor(path: string | Buffer) {
    super(`${String(path)} is not a regular file`);
  }
}
