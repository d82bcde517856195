/**
 * Checklist progress in a JSON file in the workspace (default `.whfb/checklist.json`), meant to be
 * committed with the policies. Pure Node (no vscode import) so it is unit-tested with injected
 * file-system failures.
 *
 * Guarantees:
 * - atomic writes: a temp file in the same directory, fsync, rename; the temp file never outlives a failure,
 *   and one left by a window that died mid-write is removed on the next load;
 * - merging: every write re-reads the file under a lock and applies only this window's own changes,
 *   so two windows (or a git pull) ticking items at the same time lose no tick;
 * - a corrupt file is never overwritten: the store turns read-only until the file is fixed or reset
 *   (reset keeps a `.corrupt-<timestamp>` backup);
 * - an unwritable file (EACCES, EROFS, ENOSPC, ...) leaves its bytes untouched: the change stays in
 *   memory, is shown, and is retried.
 */
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { emptyState, parseStateFile, serializeState, type ChecklistState, type ItemState } from './stateFile';
import { errorCode, nodeStateFs, type StateFs } from './stateFs';

export type StoreStatus =
  | { kind: 'ok' }
  /** The file is not a checklist state file: changes are refused until it is fixed or reset. */
  | { kind: 'corrupt'; message: string }
  /** The last write failed: changes are kept in memory and retried. */
  | { kind: 'unwritable'; code: string; message: string };

export interface StateStoreOptions {
  fs?: StateFs;
  /** Recorded as `by` on ticked items; omit to record no name. */
  author?: string;
  now?: () => Date;
  /** Schedules a retry of a failed write; returns a function that cancels it. Default: 5 seconds. */
  scheduleRetry?: (retry: () => void) => () => void;
  /** A lock older than this is left over from a crashed window and is removed. */
  staleLockMs?: number;
  /** How long to wait for another window's lock before taking it over. */
  lockTimeoutMs?: number;
  /** A temp file of ours older than this was left by a window that died mid-write, and is removed on load. */
  staleTempMs?: number;
}

/** `null` means "not done" (the key is removed from the file). */
type ItemChange = ItemState | null;

const UNWRITABLE_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EBUSY: 'the file is busy',
  EISDIR: 'the path is a directory',
  ENOTDIR: 'a parent of the path is not a directory',
  EREADONLY: 'the file is read-only (clear its read-only flag, or check it out, to save ticks)',
};

/** How often a write re-merges when the file keeps changing under it (a git pull mid-write). */
const MAX_MERGE_ATTEMPTS = 5;

function defaultScheduleRetry(retry: () => void): () => void {
  const timer = setTimeout(retry, 5000);
  timer.unref?.();
  return () => clearTimeout(timer);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sameChange(a: ItemChange | undefined, b: ItemChange | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}

export class ChecklistStateStore {
  private readonly fs: StateFs;
  private readonly options: StateStoreOptions;
  /** The file as last read or written. */
  private disk: ChecklistState = emptyState();
  /** The file's text as last read (undefined: no file), to notice a change made while writing. */
  private diskText: string | undefined;
  /** This window's changes not yet in the file. */
  private readonly pendingItems = new Map<string, ItemChange>();
  private pendingModel: { model: string | undefined } | undefined;
  private currentStatus: StoreStatus = { kind: 'ok' };
  /** Serialises reads and writes of this store; the lock file serialises windows. */
  private queue: Promise<unknown> = Promise.resolve();
  private cancelRetry: (() => void) | undefined;
  private readonly listeners = new Set<() => void>();
  private disposed = false;

  constructor(readonly filePath: string, options: StateStoreOptions = {}) {
    this.fs = options.fs ?? nodeStateFs;
    this.options = options;
  }

  get status(): StoreStatus {
    return this.currentStatus;
  }

  get lockPath(): string {
    return `${this.filePath}.lock`;
  }

  /** The state this window shows: the file plus this window's changes not yet written. */
  get state(): ChecklistState {
    const items = { ...this.disk.items };
    for (const [id, change] of this.pendingItems) {
      if (change) items[id] = change;
      else delete items[id];
    }
    const model = this.pendingModel ? this.pendingModel.model : this.disk.model;
    return { version: 1, ...(model !== undefined ? { model } : {}), items, extra: { ...this.disk.extra } };
  }

  get model(): string | undefined {
    return this.state.model;
  }

  isDone(itemId: string): boolean {
    return this.state.items[itemId]?.done === true;
  }

  /** True while a change of this window is not in the file yet. */
  get hasUnsavedChanges(): boolean {
    return this.pendingItems.size > 0 || this.pendingModel !== undefined;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Reads the file again (after a change outside the editor, e.g. git pull). */
  reload(): Promise<StoreStatus> {
    return this.enqueue(async () => {
      await this.removeStaleTempFiles();
      const read = await this.readDisk();
      if (read.kind === 'ok' && this.currentStatus.kind === 'corrupt') this.currentStatus = { kind: 'ok' };
      this.emit();
      // Changes that could not be written before (corrupt or unwritable file) go in now.
      if (read.kind === 'ok' && this.hasUnsavedChanges) await this.writeChanges();
      return this.currentStatus;
    });
  }

  setDone(itemId: string, done: boolean): Promise<StoreStatus> {
    return this.change(() => {
      const at = (this.options.now?.() ?? new Date()).toISOString();
      this.pendingItems.set(itemId, done ? { done: true, ...(this.options.author ? { by: this.options.author } : {}), at } : null);
    });
  }

  setModel(model: string | undefined): Promise<StoreStatus> {
    return this.change(() => {
      this.pendingModel = { model };
    });
  }

  /** Unticks the given items (every item when none are given). */
  clearItems(itemIds?: readonly string[]): Promise<StoreStatus> {
    return this.change(() => {
      for (const id of itemIds ?? Object.keys(this.state.items)) this.pendingItems.set(id, null);
    });
  }

  /**
   * The user's way out of a corrupt file: keep it as `<file>.corrupt-<timestamp>` and start a
   * fresh file with this window's model. Does nothing to a file that is not corrupt.
   */
  resetCorrupt(): Promise<{ status: StoreStatus; backupPath?: string }> {
    return this.enqueue(async () => {
      const read = await this.readDisk();
      if (read.kind !== 'corrupt') {
        this.emit();
        return { status: this.currentStatus };
      }
      const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      const backupPath = `${this.filePath}.corrupt-${stamp}`;
      const keepModel = this.pendingModel ? this.pendingModel.model : this.disk.model;
      try {
        await this.withLock(async () => {
          await this.fs.rename(this.filePath, backupPath);
          const fresh = emptyState();
          if (keepModel !== undefined) fresh.model = keepModel;
          await this.writeAtomically(serializeState(fresh));
          this.disk = fresh;
          this.pendingModel = undefined;
        });
      } catch (error) {
        this.currentStatus = this.unwritable(error);
        this.emit();
        return { status: this.currentStatus };
      }
      this.currentStatus = { kind: 'ok' };
      await this.writeChanges();
      this.emit();
      return { status: this.currentStatus, backupPath };
    });
  }

  dispose(): void {
    this.disposed = true;
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    this.listeners.clear();
  }

  // ---------------------------------------------------------------------------------------------

  private change(apply: () => void): Promise<StoreStatus> {
    if (this.currentStatus.kind === 'corrupt') return Promise.resolve(this.currentStatus);
    apply();
    this.emit();
    return this.enqueue(() => this.writeChanges());
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private emit(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A listener's failure must not break the store.
      }
    }
  }

  private async readDisk(): Promise<{ kind: 'ok' | 'corrupt' | 'unreadable' }> {
    let text: string;
    try {
      text = await this.fs.readFile(this.filePath);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        this.disk = emptyState();
        this.diskText = undefined;
        return { kind: 'ok' };
      }
      this.currentStatus = { kind: 'unwritable', code: errorCode(error) ?? 'EIO', message: `Cannot read ${this.filePath}: ${this.reason(error)}.` };
      return { kind: 'unreadable' };
    }
    const parsed = parseStateFile(text);
    if (!parsed.ok) {
      this.currentStatus = {
        kind: 'corrupt',
        message: `The checklist state file ${this.filePath} cannot be read: ${parsed.message}. Fix the file, or run "WHfB: Reset checklist" to keep it as a backup and start a new one. Ticks are not saved until then.`,
      };
      return { kind: 'corrupt' };
    }
    this.disk = parsed.state;
    this.diskText = text;
    return { kind: 'ok' };
  }

  /** True when the file still holds what readDisk last read. */
  private async unchangedOnDisk(): Promise<boolean> {
    try {
      return (await this.fs.readFile(this.filePath)) === this.diskText;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return this.diskText === undefined;
      throw error;
    }
  }

  private reason(error: unknown): string {
    const code = errorCode(error);
    return (code && UNWRITABLE_REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  }

  private unwritable(error: unknown): StoreStatus {
    return {
      kind: 'unwritable',
      code: errorCode(error) ?? 'EIO',
      message: `Cannot save checklist progress to ${this.filePath}: ${this.reason(error)}. Your ticks are kept in this window and saved again when the file is writable.`,
    };
  }

  /** Re-reads the file under the lock, applies this window's changes, writes atomically. */
  private async writeChanges(): Promise<StoreStatus> {
    if (!this.hasUnsavedChanges || this.disposed) return this.currentStatus;
    const itemsSnapshot = new Map(this.pendingItems);
    const modelSnapshot = this.pendingModel;
    try {
      await this.fs.mkdirp(dirname(this.filePath));
      await this.withLock(async () => {
        let merged: ChecklistState | undefined;
        // The lock keeps other windows out, not git: when the file changed between the read and
        // the rename (a pull), merge again onto what is there now (robustness testing found the
        // pulled ticks lost otherwise). The last attempt writes whatever it merged.
        for (let attempt = 1; !merged; attempt++) {
          const read = await this.readDisk();
          if (read.kind !== 'ok') return;
          const candidate: ChecklistState = { ...this.disk, items: { ...this.disk.items }, extra: { ...this.disk.extra } };
          for (const [id, change] of itemsSnapshot) {
            if (change) candidate.items[id] = change;
            else delete candidate.items[id];
          }
          if (modelSnapshot) {
            if (modelSnapshot.model === undefined) delete candidate.model;
            else candidate.model = modelSnapshot.model;
          }
          const checkFirst = attempt < MAX_MERGE_ATTEMPTS ? () => this.unchangedOnDisk() : undefined;
          if (await this.writeAtomically(serializeState(candidate), checkFirst)) merged = candidate;
        }
        this.disk = merged;
        this.currentStatus = { kind: 'ok' };
        // Changes made while this write ran stay pending for the next one.
        for (const [id, change] of itemsSnapshot) {
          if (sameChange(this.pendingItems.get(id), change)) this.pendingItems.delete(id);
        }
        if (this.pendingModel === modelSnapshot) this.pendingModel = undefined;
      });
    } catch (error) {
      this.currentStatus = this.unwritable(error);
    }
    if (this.currentStatus.kind === 'unwritable' && this.hasUnsavedChanges) this.scheduleRetry();
    this.emit();
    return this.currentStatus;
  }

  /**
   * Writes a temp file and renames it over the state file. Returns false (nothing replaced) when
   * `stillCurrent` says the file changed meanwhile. A read-only file is never replaced: a rename
   * would ignore its read-only flag.
   */
  private async writeAtomically(content: string, stillCurrent?: () => Promise<boolean>): Promise<boolean> {
    if (await this.fs.isReadOnly?.(this.filePath)) {
      throw Object.assign(new Error(`${this.filePath} is read-only`), { code: 'EREADONLY' });
    }
    const temp = this.tempPath();
    try {
      await this.fs.writeFileDurable(temp, content);
      if (stillCurrent && !(await stillCurrent())) {
        await this.fs.unlink(temp);
        return false;
      }
      await this.fs.rename(temp, this.filePath);
      return true;
    } catch (error) {
      await this.fs.unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  /** `.<file>.<pid>.<hex>.tmp`, next to the file: the name writeAtomically gives its temp file. */
  private tempPath(): string {
    return join(dirname(this.filePath), `.${basename(this.filePath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  }

  /**
   * A window killed between writing its temp file and renaming it leaves the temp file for good
   * (robustness defect R-9). Only names of our own pattern are touched, and only old ones: a live
   * writer holds the lock while its temp file exists, and a lock is stale after seconds, not minutes.
   * Best effort: a failure here never stands in the way of loading.
   */
  private async removeStaleTempFiles(): Promise<void> {
    const directory = dirname(this.filePath);
    const ours = new RegExp(`^\\.${basename(this.filePath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d+\\.[0-9a-f]{8}\\.tmp$`);
    const staleTempMs = this.options.staleTempMs ?? 60_000;
    try {
      for (const name of await this.fs.readdir(directory)) {
        if (!ours.test(name)) continue;
        const path = join(directory, name);
        const mtime = await this.fs.mtimeMs(path).catch(() => undefined);
        if (mtime !== undefined && Date.now() - mtime > staleTempMs) await this.fs.unlink(path).catch(() => undefined);
      }
    } catch {
      // An unreadable folder: the next load tries again.
    }
  }

  private async withLock<T>(work: () => Promise<T>): Promise<T> {
    const staleLockMs = this.options.staleLockMs ?? 10_000;
    const lockTimeoutMs = this.options.lockTimeoutMs ?? 3_000;
    const started = Date.now();
    let delay = 5;
    for (;;) {
      try {
        await this.fs.createExclusive(this.lockPath, `${process.pid}\n`);
        break;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
        const mtime = await this.fs.mtimeMs(this.lockPath);
        if (mtime === undefined) continue;
        // A lock that old (or one we waited too long for) belongs to a window that crashed mid-write.
        if (Date.now() - mtime > staleLockMs || Date.now() - started > lockTimeoutMs) {
          await this.fs.unlink(this.lockPath).catch(() => undefined);
          continue;
        }
        await sleep(delay);
        delay = Math.min(delay * 2, 100);
      }
    }
    try {
      return await work();
    } finally {
      await this.fs.unlink(this.lockPath).catch(() => undefined);
    }
  }

  private scheduleRetry(): void {
    if (this.cancelRetry || this.disposed) return;
    const schedule = this.options.scheduleRetry ?? defaultScheduleRetry;
    this.cancelRetry = schedule(() => {
      this.cancelRetry = undefined;
      if (!this.disposed) void this.enqueue(() => this.writeChanges());
    });
  }
}
