/**
 * The few file operations the checklist state store needs, behind an interface so tests can
 * inject failures (ENOSPC, EACCES) and a window without a workspace folder can keep its state in
 * memory. Pure Node: no vscode import.
 */
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';

export interface StateFs {
  /** Rejects with code ENOENT when the file does not exist. */
  readFile(path: string): Promise<string>;
  /** Creates a new file (fails when it exists), writes it, flushes it to disk (fsync) and closes it. */
  writeFileDurable(path: string, data: string): Promise<void>;
  /** Replaces `to` with `from` in one step (the same directory, so the rename is atomic). */
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Creates the directory and its parents; no error when it exists. */
  mkdirp(path: string): Promise<void>;
  /** Creates a file only when it does not exist yet (EEXIST otherwise): the lock between windows. */
  createExclusive(path: string, data: string): Promise<void>;
  /** Last modification time in milliseconds, undefined when the file does not exist. */
  mtimeMs(path: string): Promise<number | undefined>;
  /** Lists the names in a directory ([] when it does not exist). */
  readdir(path: string): Promise<string[]>;
  /**
   * True when the file exists and nobody may write it (chmod a-w, Windows read-only attribute, a
   * Perforce/TFVC checkout): a rename would replace it regardless, so the store asks first.
   */
  isReadOnly?(path: string): Promise<boolean>;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

export const nodeStateFs: StateFs = {
  readFile: (path) => fs.readFile(path, 'utf8'),
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
};

function fsError(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

/** Files in memory, for a window with no folder open (progress is shown but not saved to disk). */
export class MemoryStateFs implements StateFs {
  readonly files = new Map<string, { data: string; mtimeMs: number }>();

  async readFile(path: string): Promise<string> {
    const file = this.files.get(path);
    if (!file) throw fsError('ENOENT', path);
    return file.data;
  }
  async writeFileDurable(path: string, data: string): Promise<void> {
    await this.createExclusive(path, data);
  }
  async rename(from: string, to: string): Promise<void> {
    const file = this.files.get(from);
    if (!file) throw fsError('ENOENT', from);
    this.files.delete(from);
    this.files.set(to, file);
  }
  async unlink(path: string): Promise<void> {
    if (!this.files.delete(path)) throw fsError('ENOENT', path);
  }
  async mkdirp(): Promise<void> {}
  async createExclusive(path: string, data: string): Promise<void> {
    if (this.files.has(path)) throw fsError('EEXIST', path);
    this.files.set(path, { data, mtimeMs: Date.now() });
  }
  async mtimeMs(path: string): Promise<number | undefined> {
    return this.files.get(path)?.mtimeMs;
  }
  async readdir(path: string): Promise<string[]> {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    return [...this.files.keys()].filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length));
  }
}

export { errorCode };
