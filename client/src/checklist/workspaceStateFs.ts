/**
 * The checklist state store's file operations (stateFs.ts) through vscode.workspace.fs, for
 * workspaces that are not on a local disk (VS Code for the Web: github.dev, vscode.dev, memfs).
 * Paths are the POSIX paths of URIs of one folder's scheme and authority.
 *
 * What a virtual file system allows is less than a disk: no fsync, no exclusive create, no
 * symbolic links. Writes still go to a temp file that is renamed over the state file, so a reader
 * never sees half a file; "create only if absent" (the lock between windows) is a check then a
 * write, which is enough between the tabs of one user. A file system that is read-only as a
 * whole (a repository opened without write access) answers every write with EROFS, which the store
 * reports as "the file system is read-only" and keeps the ticks in the window.
 */
import * as vscode from 'vscode';
import { MAX_STATE_FILE_BYTES, type StateFs } from './stateFs';

/** vscode.FileSystemError codes as the Node error codes the store understands. */
const ERROR_CODES: Record<string, string> = {
  FileNotFound: 'ENOENT',
  FileExists: 'EEXIST',
  FileNotADirectory: 'ENOTDIR',
  FileIsADirectory: 'EISDIR',
  NoPermissions: 'EACCES',
  Unavailable: 'EBUSY',
};

function fsError(code: string, path: string, cause?: unknown): Error {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return Object.assign(new Error(`${code}: ${path}${detail}`), { code });
}

/** Gives a vscode.FileSystemError the `code` of the Node error it stands for. */
function asNodeError(error: unknown, path: string): Error {
  if (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string') {
    const code = (error as { code: string }).code;
    if (/^E[A-Z]+$/.test(code)) return error as Error;
    return fsError(ERROR_CODES[code] ?? 'EIO', path, error);
  }
  return fsError('EIO', path, error);
}

export class WorkspaceStateFs implements StateFs {
  constructor(private readonly base: vscode.Uri) {}

  private uri(path: string): vscode.Uri {
    return this.base.with({ path });
  }

  private async call<T>(path: string, operation: () => Thenable<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw asNodeError(error, path);
    }
  }

  private async stat(path: string): Promise<vscode.FileStat | undefined> {
    try {
      return await vscode.workspace.fs.stat(this.uri(path));
    } catch (error) {
      const converted = asNodeError(error, path) as Error & { code: string };
      if (converted.code === 'ENOENT') return undefined;
      throw converted;
    }
  }

  /** Writes are refused up front on a read-only file system, with the code that says so. */
  private checkWritable(path: string): void {
    if (vscode.workspace.fs.isWritableFileSystem(this.base.scheme) === false) throw fsError('EROFS', path);
  }

  async readFile(path: string): Promise<string> {
    const stat = await this.stat(path);
    if (!stat) throw fsError('ENOENT', path);
    if ((stat.type & vscode.FileType.File) === 0) throw fsError(stat.type & vscode.FileType.Directory ? 'EISDIR' : 'ENOTREG', path);
    if (stat.size > MAX_STATE_FILE_BYTES) throw fsError('EFBIG', path);
    const bytes = await this.call(path, () => vscode.workspace.fs.readFile(this.uri(path)));
    if (bytes.byteLength > MAX_STATE_FILE_BYTES) throw fsError('EFBIG', path);
    return new TextDecoder().decode(bytes);
  }

  async writeFileDurable(path: string, data: string): Promise<void> {
    await this.createExclusive(path, data);
  }

  async rename(from: string, to: string): Promise<void> {
    this.checkWritable(to);
    await this.call(from, () => vscode.workspace.fs.rename(this.uri(from), this.uri(to), { overwrite: true }));
  }

  async unlink(path: string): Promise<void> {
    this.checkWritable(path);
    await this.call(path, () => vscode.workspace.fs.delete(this.uri(path), { recursive: false, useTrash: false }));
  }

  async mkdirp(path: string): Promise<void> {
    const stat = await this.stat(path);
    if (stat && stat.type & vscode.FileType.Directory) return;
    this.checkWritable(path);
    // workspace.fs.createDirectory creates missing parents itself.
    await this.call(path, () => vscode.workspace.fs.createDirectory(this.uri(path)));
  }

  async createExclusive(path: string, data: string): Promise<void> {
    this.checkWritable(path);
    if (await this.stat(path)) throw fsError('EEXIST', path);
    await this.call(path, () => vscode.workspace.fs.writeFile(this.uri(path), new TextEncoder().encode(data)));
  }

  async mtimeMs(path: string): Promise<number | undefined> {
    return (await this.stat(path))?.mtime;
  }

  async readdir(path: string): Promise<string[]> {
    try {
      return (await vscode.workspace.fs.readDirectory(this.uri(path))).map(([name]) => name);
    } catch (error) {
      const converted = asNodeError(error, path) as Error & { code: string };
      if (converted.code === 'ENOENT') return [];
      throw converted;
    }
  }

  async isReadOnly(path: string): Promise<boolean> {
    // A read-only file system is not a read-only file: say so (EROFS), not "clear its read-only flag".
    this.checkWritable(path);
    const stat = await this.stat(path);
    return stat !== undefined && ((stat.permissions ?? 0) & vscode.FilePermission.Readonly) !== 0;
  }

  /** No utimes here: writing the same bytes again renews the modification time (a lock's heartbeat). */
  async touch(path: string): Promise<void> {
    const bytes = await this.call(path, () => vscode.workspace.fs.readFile(this.uri(path)));
    await this.call(path, () => vscode.workspace.fs.writeFile(this.uri(path), bytes));
  }
}
