/**
 * The checklist state store's file operations on a local disk, through Node's file system (the
 * interface and the in-memory variant are in stateFsBase.ts). Pure Node: no vscode import. The web
 * build puts stateFs.web.ts in place of this module.
 */
import { constants, promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { errorCode, fsError, MAX_STATE_FILE_BYTES, type StateFs } from './stateFsBase';

// The interface and the in-memory file system are shared with the web build (stateFsBase.ts).
export { errorCode, MAX_STATE_FILE_BYTES, MemoryStateFs, type StateFs } from './stateFsBase';

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer; on a
// regular file it changes nothing. O_NOFOLLOW: the store hands over paths it has resolved, so a link
// found in their place was put there since, and is not followed. Windows has neither flag (nor FIFOs).
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
const READ_CHUNK = 64 * 1024;

/** Reads a regular file of at most MAX_STATE_FILE_BYTES, checking what was opened, not what the path named a moment before. */
async function readRegularFile(path: string): Promise<string> {
  let handle;
  try {
    handle = await fs.open(path, READ_FLAGS);
  } catch (error) {
    // O_NOFOLLOW on a symbolic link fails with ELOOP (Linux) or EMLINK (FreeBSD): say what it is.
    if (errorCode(error) === 'ELOOP' || errorCode(error) === 'EMLINK') throw fsError('ESYMLINK', path);
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw fsError('ENOTREG', path);
    if (stat.size > MAX_STATE_FILE_BYTES) throw fsError('EFBIG', path);
    // The size may grow while reading (or lie, on special file systems): never read past the cap.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(READ_CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, READ_CHUNK, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > MAX_STATE_FILE_BYTES) throw fsError('EFBIG', path);
    }
    return Buffer.concat(chunks, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

export const nodeStateFs: StateFs = {
  readFile: readRegularFile,
  async writeFileDurable(path, data) {
    const handle = await fs.open(path, 'wx');
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async rename(from, to) {
    await fs.rename(from, to);
    // Make the rename itself durable where the platform allows syncing a directory (not Windows).
    try {
      const directory = await fs.open(dirname(to), 'r');
      try { await directory.sync(); } finally { await directory.close(); }
    } catch {
      // Best effort only: the data itself was already fsynced.
    }
  },
  unlink: (path) => fs.unlink(path),
  async mkdirp(path) {
    await fs.mkdir(path, { recursive: true });
  },
  createExclusive: (path, data) => fs.writeFile(path, data, { flag: 'wx' }),
  async mtimeMs(path) {
    try {
      return (await fs.stat(path)).mtimeMs;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
  },
  async readdir(path) {
    try {
      return await fs.readdir(path);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
  },
  async isReadOnly(path) {
    try {
      return ((await fs.stat(path)).mode & 0o222) === 0;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    }
  },
  async touch(path) {
    const now = new Date();
    await fs.utimes(path, now, now);
  },
  realpath: (path) => fs.realpath(path),
  async isSymbolicLink(path) {
    try {
      return (await fs.lstat(path)).isSymbolicLink();
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return false;
      throw error;
    }
  },
};
