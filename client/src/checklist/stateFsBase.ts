/**
 * The few file operations the checklist state store needs, behind an interface so tests can
 * inject failures (ENOSPC, EACCES) and a window without a workspace folder can keep its state in
 * memory. No Node API and no vscode import: the web build uses this module as it is (stateFs.web.ts),
 * with the operations of vscode.workspace.fs (workspaceStateFs.ts) in place of Node's.
 */

/**
 * The largest state file read. A checklist of every deployment model's steps, ticked with names and
 * dates, is a few tens of kilobytes; a larger file is not ours (or a device), and reading it would
 * cost the window its memory on every tick.
 */
export const MAX_STATE_FILE_BYTES = 4 * 1024 * 1024;

export interface StateFs {
  /**
   * Rejects with code ENOENT when the file does not exist, ENOTREG when it is not a regular file (a
   * device, a FIFO, a socket) and EFBIG when it is larger than MAX_STATE_FILE_BYTES; never blocks on a FIFO.
   */
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
  /** Sets the file's modification time to now: a lock's heartbeat while its owner works. */
  touch?(path: string): Promise<void>;
  /** The path with every symbolic link resolved (rejects with ENOENT when a part is missing). */
  realpath?(path: string): Promise<string>;
  /** True when the path itself is a symbolic link (false when nothing is there). */
  isSymbolicLink?(path: string): Promise<boolean>;
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

export function fsError(code: string, path: string): Error {
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
  async touch(path: string): Promise<void> {
    const file = this.files.get(path);
    if (!file) throw fsError('ENOENT', path);
    file.mtimeMs = Date.now();
  }
  async readdir(path: string): Promise<string[]> {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    return [...this.files.keys()].filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length));
  }
}
