/**
 * Checklist progress in a JSON file in the workspace (default `.whfb/checklist.json`), meant to be
 * committed with the policies. Pure Node (no vscode import) so it is unit-tested with injected
 * file-system failures.
 *
 * Guarantees:
 * - atomic writes: a temp file in the same directory, fsync, rename; the temp file never outlives a failure,
 *   and one left by a window that died mid-write is removed on the next load;
 * - merging: every write re-reads the file under a lock and applies only this window's own changes,
 *   so two windows (or a git pull) ticking items at the same time lose no tick. The lock names its
 *   owner (pid and a random nonce) and is kept fresh by its owner while it works; another window
 *   waits for it, breaks it only once it is older than the stale age (a crashed window), and never
 *   removes a lock that is not its own. After the rename the file is read again: a change is
 *   reported saved only once it is seen on disk;
 * - nothing outside the workspace folder is read or written: before every operation the path is
 *   resolved through its symbolic links (stateFilePath.ts), and only a regular file of bounded size
 *   is read (never a device or a FIFO);
 * - a corrupt file is never overwritten: the store turns read-only until the file is fixed or reset
 *   (reset keeps a `.corrupt-<timestamp>` backup);
 * - an unwritable file (EACCES, EROFS, ENOSPC, ...) leaves its bytes untouched: the change stays in
 *   memory, is shown, and is retried.
 */
import * as l10n from '@vscode/l10n';
import { basename, dirname, join } from 'node:path';
import { emptyState, parseStateFile, serializeState, type ChecklistState, type ItemState } from './stateFile';
import { processId, randomHex } from './processIdentity';
import { realStateFilePath } from './stateFilePath';
import { errorCode, MAX_STATE_FILE_BYTES, nodeStateFs, type StateFs } from './stateFs';

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
  /**
   * The workspace folder the file must stay in, through symbolic links too; checked before every
   * operation. Omitted (tests, a window without a folder): links are resolved, nothing is refused.
   */
  workspaceFolder?: string;
  /** A lock not refreshed for this long is left over from a crashed window and is removed. Default 10 s. */
  staleLockMs?: number;
  /**
   * How long to wait for another window's live lock before giving up on this write (the change
   * stays in the window and is retried). A live lock is never taken over. Default 30 s.
   */
  lockTimeoutMs?: number;
  /** A temp file of ours older than this was left by a window that died mid-write, and is removed on load. */
  staleTempMs?: number;
}

/** `null` means "not done" (the key is removed from the file). */
type ItemChange = ItemState | null;

/** Translated when shown: this module loads before activate() configures the bundle. */
const UNWRITABLE_REASONS: Record<string, () => string> = {
  EACCES: () => l10n.t('permission denied'),
  EPERM: () => l10n.t('operation not permitted'),
  EROFS: () => l10n.t('the file system is read-only'),
  ENOSPC: () => l10n.t('the disk is full'),
  EDQUOT: () => l10n.t('the disk quota is exceeded'),
  EBUSY: () => l10n.t('the file is busy'),
  EISDIR: () => l10n.t('the path is a directory'),
  ENOTDIR: () => l10n.t('a parent of the path is not a directory'),
  EREADONLY: () => l10n.t('the file is read-only (clear its read-only flag, or check it out, to save ticks)'),
  ENOTREG: () => l10n.t('it is not a regular file (a device, a named pipe or a socket); remove it, or point whfb.checklist.stateFile at a file'),
  EFBIG: () => l10n.t('it is larger than {0} MB, far more than a checklist state file holds; remove it, or point whfb.checklist.stateFile at another file', MAX_STATE_FILE_BYTES / (1024 * 1024)),
  ESYMLINK: () => l10n.t('a symbolic link appeared in its place while it was being read; it is read again on the next change'),
  ELOCKED: () => l10n.t('another window (or process) has been saving it for too long; its lock is live, so it is not taken over'),
  ELOCKLOST: () => l10n.t('another window took over the lock while this one was saving'),
  ECONFLICT: () => l10n.t('another program kept replacing the file while this window saved it'),
};

/** Thrown inside a write to give up on it with a status (the change stays pending and is retried). */
function storeError(code: string, message?: string): Error {
  return Object.assign(new Error(message ?? code), { code });
}

/** True when the state holds every change of the snapshot: the check that a write reached the disk. */
function holdsChanges(state: ChecklistState, items: ReadonlyMap<string, ItemChange>, model: { model: string | undefined } | undefined): boolean {
  for (const [id, change] of items) {
    const onDisk = Object.prototype.hasOwnProperty.call(state.items, id) ? state.items[id] : undefined;
    if (change === null ? onDisk !== undefined : !sameChange(onDisk, change)) return false;
  }
  return model === undefined || state.model === model.model;
}

/** A copy of a map of keys from a file: `__proto__`, `constructor`, `prototype` stay plain data. */
function copyRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, record);
}

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

/** A lock this window holds: `assertHeld` rejects with ELOCKLOST when another window took it over. */
interface HeldLock {
  assertHeld(): Promise<void>;
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
    const items = copyRecord(this.disk.items);
    for (const [id, change] of this.pendingItems) {
      if (change) items[id] = change;
      else delete items[id];
    }
    const model = this.pendingModel ? this.pendingModel.model : this.disk.model;
    return { version: 1, ...(model !== undefined ? { model } : {}), items, extra: copyRecord(this.disk.extra) };
  }

  get model(): string | undefined {
    return this.state.model;
  }

  isDone(itemId: string): boolean {
    const items = this.state.items;
    return Object.prototype.hasOwnProperty.call(items, itemId) && items[itemId]?.done === true;
  }

  /** True while a change of this window is not in the file yet. */
  get hasUnsavedChanges(): boolean {
    return this.pendingItems.size > 0 || this.pendingModel !== undefined;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The state file's real path, or undefined once the status says why it cannot be used (a link out of the workspace...). */
  private async locateOrReport(): Promise<string | undefined> {
    try {
      return await this.locate();
    } catch (error) {
      this.currentStatus = this.cannotRead(error);
      this.emit();
      return undefined;
    }
  }

  /** Reads the file again (after a change outside the editor, e.g. git pull). */
  reload(): Promise<StoreStatus> {
    return this.enqueue(async () => {
      const target = await this.locateOrReport();
      if (target === undefined) return this.currentStatus;
      await this.removeStaleTempFiles(target);
      const read = await this.readDisk(target);
      // A file readable again (fixed, a link removed) clears the problem; with changes still
      // pending, the write below decides.
      if (read.kind === 'ok' && (this.currentStatus.kind === 'corrupt' || !this.hasUnsavedChanges)) this.currentStatus = { kind: 'ok' };
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
      const target = await this.locateOrReport();
      if (target === undefined) return { status: this.currentStatus };
      const read = await this.readDisk(target);
      if (read.kind !== 'corrupt') {
        this.emit();
        return { status: this.currentStatus };
      }
      const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      const backupPath = `${target}.corrupt-${stamp}`;
      const keepModel = this.pendingModel ? this.pendingModel.model : this.disk.model;
      try {
        await this.withLock(target, async () => {
          // The file renamed is the one found corrupt, under the lock: not one put there since.
          if ((await this.readDisk(target)).kind !== 'corrupt') throw storeError('ECONFLICT');
          await this.fs.rename(target, backupPath);
          const fresh = emptyState();
          if (keepModel !== undefined) fresh.model = keepModel;
          await this.writeAtomically(target, serializeState(fresh));
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

  /**
   * The real path to work on for this operation (every symbolic link resolved), or a thrown error
   * whose message tells the user why nothing is read or written (a link out of the workspace).
   */
  private async locate(): Promise<string> {
    const real = await realStateFilePath(this.fs, this.filePath, this.options.workspaceFolder);
    if (!real.ok) throw storeError(real.code, real.message);
    return real.path;
  }

  private cannotRead(error: unknown): StoreStatus {
    return { kind: 'unwritable', code: errorCode(error) ?? 'EIO', message: this.refusal(error) ?? l10n.t('Cannot read {0}: {1}.', this.filePath, this.reason(error)) };
  }

  /** The full message of a refusal from locate(), which says itself what happens to ticks. */
  private refusal(error: unknown): string | undefined {
    const code = errorCode(error);
    return code === 'EOUTSIDE' || code === 'EDANGLING' || code === 'ELOOP' ? (error as Error).message : undefined;
  }

  private async readDisk(target: string): Promise<{ kind: 'ok' | 'corrupt' | 'unreadable' }> {
    let text: string;
    try {
      text = await this.fs.readFile(target);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        this.disk = emptyState();
        this.diskText = undefined;
        return { kind: 'ok' };
      }
      this.currentStatus = this.cannotRead(error);
      return { kind: 'unreadable' };
    }
    const parsed = parseStateFile(text);
    if (!parsed.ok) {
      this.currentStatus = {
        kind: 'corrupt',
        message: l10n.t('The checklist state file {0} cannot be read: {1}. Fix the file, or run "WHfB: Reset checklist" to keep it as a backup and start a new one. Ticks are not saved until then.', this.filePath, parsed.message),
      };
      return { kind: 'corrupt' };
    }
    this.disk = parsed.state;
    this.diskText = text;
    return { kind: 'ok' };
  }

  /** True when the file still holds what readDisk last read. */
  private async unchangedOnDisk(target: string): Promise<boolean> {
    try {
      return (await this.fs.readFile(target)) === this.diskText;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return this.diskText === undefined;
      throw error;
    }
  }

  private reason(error: unknown): string {
    const code = errorCode(error);
    return (code && Object.hasOwn(UNWRITABLE_REASONS, code) ? UNWRITABLE_REASONS[code]!() : undefined) ?? (error instanceof Error ? error.message : String(error));
  }

  private unwritable(error: unknown): StoreStatus {
    return {
      kind: 'unwritable',
      code: errorCode(error) ?? 'EIO',
      message: this.refusal(error) ?? l10n.t('Cannot save checklist progress to {0}: {1}. Your ticks are kept in this window and saved again when the file is writable.', this.filePath, this.reason(error)),
    };
  }

  /**
   * Re-reads the file under the lock, applies this window's changes, writes atomically, and reads
   * the file again: the changes count as saved only once they are seen on disk.
   */
  private async writeChanges(): Promise<StoreStatus> {
    if (!this.hasUnsavedChanges || this.disposed) return this.currentStatus;
    const itemsSnapshot = new Map(this.pendingItems);
    const modelSnapshot = this.pendingModel;
    try {
      let target = await this.locate();
      await this.fs.mkdirp(dirname(target));
      // Folders were created under the real parent just resolved; resolve again so that a link
      // put in their place meanwhile is noticed before anything is written.
      target = await this.locate();
      for (let lockAttempt = 1; ; lockAttempt++) {
        try {
          await this.withLock(target, (lock) => this.mergeAndWrite(target, lock, itemsSnapshot, modelSnapshot));
          break;
        } catch (error) {
          // Our lock was broken (this window stalled past the stale age): take it again and redo
          // the merge, which now includes whatever the other window wrote.
          if (errorCode(error) !== 'ELOCKLOST' || lockAttempt >= MAX_MERGE_ATTEMPTS) throw error;
        }
      }
    } catch (error) {
      this.currentStatus = this.unwritable(error);
    }
    if (this.currentStatus.kind === 'unwritable' && this.hasUnsavedChanges) this.scheduleRetry();
    this.emit();
    return this.currentStatus;
  }

  private async mergeAndWrite(target: string, lock: HeldLock, itemsSnapshot: ReadonlyMap<string, ItemChange>, modelSnapshot: { model: string | undefined } | undefined): Promise<void> {
    // The lock keeps other windows out, not git: when the file changed between the read and the
    // rename (a pull), merge again onto what is there now (robustness testing found the pulled
    // ticks lost otherwise). The last attempt writes whatever it merged, and is checked like the rest.
    for (let attempt = 1; ; attempt++) {
      const read = await this.readDisk(target);
      if (read.kind !== 'ok') return;
      const candidate: ChecklistState = { ...this.disk, items: copyRecord(this.disk.items), extra: copyRecord(this.disk.extra) };
      for (const [id, change] of itemsSnapshot) {
        if (change) candidate.items[id] = change;
        else delete candidate.items[id];
      }
      if (modelSnapshot) {
        if (modelSnapshot.model === undefined) delete candidate.model;
        else candidate.model = modelSnapshot.model;
      }
      const last = attempt >= MAX_MERGE_ATTEMPTS;
      const stillCurrent = async () => {
        await lock.assertHeld();
        return last || (await this.unchangedOnDisk(target));
      };
      if (!(await this.writeAtomically(target, serializeState(candidate), stillCurrent))) continue;
      // Read back what is on disk now: another writer may have replaced the file right after our
      // rename. Only what is seen here counts as saved.
      const after = await this.readDisk(target);
      if (after.kind !== 'ok') return;
      if (holdsChanges(this.disk, itemsSnapshot, modelSnapshot)) break;
      if (last) throw storeError('ECONFLICT');
    }
    this.currentStatus = { kind: 'ok' };
    // Changes made while this write ran stay pending for the next one.
    for (const [id, change] of itemsSnapshot) {
      if (sameChange(this.pendingItems.get(id), change)) this.pendingItems.delete(id);
    }
    if (this.pendingModel === modelSnapshot) this.pendingModel = undefined;
  }

  /**
   * Writes a temp file and renames it over the state file. Returns false (nothing replaced) when
   * `stillCurrent` says the file changed meanwhile. A read-only file is never replaced: a rename
   * would ignore its read-only flag.
   */
  private async writeAtomically(target: string, content: string, stillCurrent?: () => Promise<boolean>): Promise<boolean> {
    if (await this.fs.isReadOnly?.(target)) {
      throw Object.assign(new Error(`${target} is read-only`), { code: 'EREADONLY' });
    }
    const temp = this.tempPath(target);
    try {
      await this.fs.writeFileDurable(temp, content);
      if (stillCurrent && !(await stillCurrent())) {
        await this.fs.unlink(temp);
        return false;
      }
      await this.fs.rename(temp, target);
      return true;
    } catch (error) {
      await this.fs.unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  /** `.<file>.<pid>.<hex>.tmp`, next to the file: the name writeAtomically gives its temp file. */
  private tempPath(target: string): string {
    return join(dirname(target), `.${basename(target)}.${processId()}.${randomHex(4)}.tmp`);
  }

  /**
   * A window killed between writing its temp file and renaming it leaves the temp file for good
   * (robustness defect R-9). Only names of our own pattern are touched, and only old ones: a live
   * writer holds the lock while its temp file exists, and a lock is stale after seconds, not minutes.
   * Best effort: a failure here never stands in the way of loading.
   */
  private async removeStaleTempFiles(target: string): Promise<void> {
    const directory = dirname(target);
    const ours = new RegExp(`^\\.${basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d+\\.[0-9a-f]{8}\\.tmp$`);
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

  /**
   * Runs `work` holding `<file>.lock`, the lock between windows. The lock file holds its owner (pid
   * and a random nonce); its owner refreshes its time while it works, so a slow disk never makes a
   * live lock look abandoned. A lock not refreshed for the stale age is a crashed window's and is
   * removed; a live one is waited for up to lockTimeoutMs, then this write gives up (ELOCKED) and is
   * retried later. Only our own lock is ever released.
   */
  private async withLock<T>(target: string, work: (lock: HeldLock) => Promise<T>): Promise<T> {
    const staleLockMs = this.options.staleLockMs ?? 10_000;
    const lockTimeoutMs = this.options.lockTimeoutMs ?? 30_000;
    const lockPath = `${target}.lock`;
    const owner = `${processId()} ${randomHex(8)}\n`;
    const started = Date.now();
    let delay = 5;
    for (;;) {
      try {
        await this.fs.createExclusive(lockPath, owner);
        break;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
        const mtime = await this.fs.mtimeMs(lockPath);
        if (mtime === undefined) continue;
        if (Date.now() - mtime > staleLockMs) {
          await this.breakStaleLock(lockPath, staleLockMs);
          continue;
        }
        if (Date.now() - started > lockTimeoutMs) {
          throw storeError('ELOCKED', `${lockPath} is held by a live window`);
        }
        await sleep(delay);
        delay = Math.min(delay * 2, 100);
      }
    }
    const isOurs = async () => (await this.fs.readFile(lockPath).catch(() => undefined)) === owner;
    const heartbeat = setInterval(() => {
      void isOurs().then((ours) => (ours ? this.fs.touch?.(lockPath) : undefined)).catch(() => undefined);
    }, Math.max(10, Math.floor(staleLockMs / 4)));
    heartbeat.unref?.();
    try {
      return await work({
        assertHeld: async () => {
          if (!(await isOurs())) throw storeError('ELOCKLOST');
        },
      });
    } finally {
      clearInterval(heartbeat);
      if (await isOurs()) await this.fs.unlink(lockPath).catch(() => undefined);
    }
  }

  /**
   * Removes a lock found older than the stale age, unless it changed since: two windows may find
   * the same stale lock, and the second must not remove the fresh lock the first has taken since.
   */
  private async breakStaleLock(lockPath: string, staleLockMs: number): Promise<void> {
    const seen = await this.fs.readFile(lockPath).catch(() => undefined);
    if (seen === undefined) return;
    const mtime = await this.fs.mtimeMs(lockPath);
    if (mtime === undefined || Date.now() - mtime <= staleLockMs) return;
    if ((await this.fs.readFile(lockPath).catch(() => undefined)) !== seen) return;
    await this.fs.unlink(lockPath).catch(() => undefined);
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
