/**
 * Loads a CommonJS bundle (dist/service.js) with a V8 code cache kept in the extension's own
 * storage directory, so that a later start skips parsing and compiling the bundle's functions.
 * Node-only; the web worker never imports it (server/workerMain.ts bundles the service).
 *
 * Why: compiling the service (yaml, the catalog, the validators) is most of the time from the
 * server's spawn to the first diagnostics of a policy (issue 16). A cache produced after the
 * first validation holds the functions that validation compiled, not just the top level.
 *
 * Safety: the cache is written only into the directory the client names (its global storage),
 * under a name keyed by the bundle's bytes, V8's version and the flags that change V8's code, by
 * a temporary file and a rename in that directory. Nothing here may fail the server: any error
 * (unreadable cache, cache rejected by V8, full disk) means the plain `require` and one log line.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';

/** The file name prefix of our caches in the directory: only these are ever removed as stale. */
const CACHE_PREFIX = 'service-';
const CACHE_SUFFIX = '.v8cache';

export interface CodeCacheOptions {
  /** The bundle to load. */
  bundlePath: string;
  /** Where caches live; undefined: plain load. */
  cacheDirectory: string | undefined;
  /** V8 flags the process set at run time (server/heapSettings.ts): part of the cache's key. */
  v8Flags: readonly string[];
  /** Told at most once, about the first thing that went wrong. */
  log: (message: string) => void;
}

export interface LoadedBundle<T> {
  exports: T;
  /**
   * Writes the cache on a later turn of the event loop when there is none for this bundle yet (or
   * V8 rejected it), so the cache holds what has been compiled by then. Does nothing afterwards.
   */
  readonly saveCacheSoon: () => void;
}

/**
 * The argument the client adds to the server's command line (client/src/languageClient.ts): the
 * extension's global storage directory. A command-line argument, not initializationOptions,
 * so the directory is known whenever the service loads, whatever the order of the first messages.
 */
export const CODE_CACHE_DIRECTORY_ARGUMENT = '--code-cache-dir=';

/** The cache directory named on the command line; only an absolute path counts. */
export function codeCacheDirectoryOf(argv: readonly string[]): string | undefined {
  const directory = argv.find((arg) => arg.startsWith(CODE_CACHE_DIRECTORY_ARGUMENT))?.slice(CODE_CACHE_DIRECTORY_ARGUMENT.length);
  return directory && isAbsolute(directory) ? directory : undefined;
}

/** The name of the cache file of these bundle bytes under this V8 and these flags. */
export function cacheFileName(bundle: Buffer, v8Flags: readonly string[]): string {
  const hash = createHash('sha256')
    .update(bundle)
    .update('\0').update(process.versions.v8)
    .update('\0').update([...process.execArgv, ...v8Flags].join(' '))
    .digest('hex').slice(0, 32);
  return `${CACHE_PREFIX}${hash}${CACHE_SUFFIX}`;
}

/**
 * Loads `bundlePath` through `plainRequire` when no cache directory is known or anything goes
 * wrong before the bundle ran; otherwise compiles it with the cache (when one is there and V8
 * accepts it) and runs it as Node's loader would.
 */
export function loadWithCodeCache<T>(plainRequire: () => T, options: CodeCacheOptions): LoadedBundle<T> {
  const plain = (): LoadedBundle<T> => ({ exports: plainRequire(), saveCacheSoon: () => undefined });
  const { bundlePath, cacheDirectory } = options;
  if (!cacheDirectory) return plain();
  let logged = false;
  const logOnce = (what: string, error?: unknown): void => {
    if (logged) return;
    logged = true;
    options.log(`whfb: code cache ${what}${error === undefined ? '' : `: ${messageOf(error)}`}`);
  };

  let script: Script;
  let cachePath: string;
  let cacheAccepted: boolean;
  try {
    const bundle = readFileSync(bundlePath);
    cachePath = join(cacheDirectory, cacheFileName(bundle, options.v8Flags));
    const cachedData = readCache(cachePath);
    script = new Script(wrap(bundle.toString('utf8')), { filename: bundlePath, cachedData });
    cacheAccepted = cachedData !== undefined && !script.cachedDataRejected;
    if (cachedData !== undefined && !cacheAccepted) logOnce('rejected by V8, written anew');
  } catch (error) {
    logOnce('not used', error);
    return plain();
  }

  // Runs the bundle as Node's CommonJS loader does; an error in the bundle itself is the caller's, as with require.
  const module = { exports: {} as T, id: bundlePath, filename: bundlePath, loaded: false, children: [], paths: [] };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  module.loaded = true;

  let saved = cacheAccepted;
  return {
    exports: module.exports,
    saveCacheSoon: () => {
      if (saved) return;
      saved = true;
      setImmediate(() => {
        try {
          writeCache(cacheDirectory, cachePath, script.createCachedData());
        } catch (error) {
          logOnce('not written', error);
        }
      });
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : JSON.stringify(error);
}

/** The cache's bytes, or undefined when there is none (a missing file is the normal first start). */
function readCache(cachePath: string): Buffer | undefined {
  try {
    return readFileSync(cachePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes by rename, so a reader never sees half a file, then removes the caches of other bundle
 * versions (and their leftover temporary files; this version's may be another window's, in flight).
 */
function writeCache(directory: string, cachePath: string, data: Buffer): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const temporary = `${cachePath}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, cachePath);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The write's error is the one worth reporting.
    }
    throw error;
  }
  const current = basename(cachePath);
  for (const name of readdirSync(directory)) {
    if (name.startsWith(CACHE_PREFIX) && !name.startsWith(current)) {
      rmSync(join(directory, name), { force: true });
    }
  }
}
