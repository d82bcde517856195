/**
 * Turns the command line's files, directories and globs into the list of files to check.
 *
 * - Directories are walked for the file kinds the server handles; globs are walked from their
 *   literal prefix, only as deep as the pattern can still match (glob.ts).
 * - Symbolic links to directories are not followed: a committed `docs/rootlink -> /` must not
 *   make a CI run read the whole machine. `--follow-symlinks` follows them, with each directory
 *   known by device and inode, so a link back to a directory being walked (a loop) is skipped:
 *   its files are already being checked through the real path. Links to files are read like
 *   files, and whatever is named on the command line (or is a glob's literal prefix) is followed.
 * - Names are read as bytes: a file named in Latin-1 on a UTF-8 system is still opened by its
 *   exact name, and shown with its undecodable bytes as \xNN.
 * - Problems (a missing file, an unreadable directory) are collected, not thrown: the other files
 *   are still checked and the run ends with status 2.
 */
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GlobMatcher, hasGlobCharacters, toSlashes, type GlobState } from '../config/glob';
import { describeFsError } from './fsErrors';

export interface Candidate {
  /** The path as text (undecodable bytes as \xNN); exact only when `pathBytes` is absent. */
  absolutePath: string;
  /** The exact bytes of the path when its name is not valid UTF-8 (read with these). */
  pathBytes?: Uint8Array;
  /** As the user sees it: relative to the working directory, forward slashes. */
  displayPath: string;
  /** Named on the command line (or matched by a glob): loose-text formats are checked too. */
  explicit: boolean;
  /** Named on the command line itself: reported even when it is too large to tell what it is. */
  named: boolean;
}

export interface Collection {
  candidates: Candidate[];
  problems: string[];
}

export interface CollectOptions {
  followSymlinks: boolean;
}

export const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/** What a directory walk looks at; the content decides whether it is a policy. */
const WALKED_EXTENSIONS = /\.(json|ya?ml|xml|ps1|psm1|psd1)$/i;
/** A Group Policy backup's binary policy file (DomainSysvol/GPO/Machine|User/registry.pol). */
const WALKED_NAMES = /^registry\.pol$/i;

export function isWalkedFileName(name: string): boolean {
  return WALKED_EXTENSIONS.test(name) || WALKED_NAMES.test(name);
}

export function collectFiles(patterns: readonly string[], cwd: string, options: CollectOptions = { followSymlinks: false }): Collection {
  const collector = new Collector(cwd, options);
  for (const pattern of patterns) collector.add(pattern);
  return { candidates: collector.candidates, problems: collector.problems };
}

/** A path for fs calls: text when it is valid UTF-8, the exact bytes otherwise. */
type FsPath = string | Buffer;

/** Decides, for each entry of a walked directory, whether to take it (and what to carry below). */
interface WalkRule<S> {
  /** undefined: the entry cannot match, neither as a file nor as a directory to descend into. */
  enter(state: S, name: string): S | undefined;
  acceptsFile(state: S): boolean;
  descends(state: S): boolean;
  key(state: S): string;
  explicit: boolean;
}

class Collector {
  readonly candidates: Candidate[] = [];
  readonly problems: string[] = [];
  private readonly seenFiles = new Set<string>();

  /** The working directory and a separator, when it is a normalized absolute path (see display). */
  private readonly cwdPrefix: string | undefined;

  constructor(private readonly cwd: string, private readonly options: CollectOptions) {
    this.cwdPrefix = resolve(cwd) === cwd && !cwd.endsWith(sep) ? cwd + sep : undefined;
  }

  add(pattern: string): void {
    const absolute = resolve(this.cwd, pattern);
    let stats: Stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      if (hasGlobCharacters(pattern) && (error as NodeJS.ErrnoException).code === 'ENOENT') this.addGlob(pattern);
      else this.problems.push(`cannot read ${pattern}: ${describeFsError(error)}`);
      return;
    }
    if (stats.isDirectory()) {
      this.walk(absolute, stats, {
        enter: (_state, name) => (isWalkedFileName(name) ? 1 : 0),
        acceptsFile: (state) => state === 1,
        descends: () => true,
        key: () => '',
        explicit: false,
      }, 0);
    } else if (stats.isFile()) {
      this.addFile(absolute, { explicit: true, named: true });
    } else {
      this.problems.push(`cannot read ${pattern}: ${describeFsError({ code: 'ENOTREGULAR' })}`);
    }
  }

  private addGlob(pattern: string): void {
    const matcher = new GlobMatcher(pattern);
    const baseAbsolute = resolve(this.cwd, matcher.base);
    const before = this.candidates.length;
    let stats: Stats | undefined;
    try {
      stats = statSync(baseAbsolute);
    } catch {
      // The base directory is missing: reported below as "no files match".
    }
    if (stats?.isDirectory()) {
      this.walk(baseAbsolute, stats, {
        enter: (state: GlobState, name) => {
          const next = matcher.step(state, name);
          return next.length > 0 ? next : undefined;
        },
        acceptsFile: (state) => matcher.matches(state),
        descends: (state) => matcher.canDescend(state),
        key: (state) => state.join(','),
        explicit: true,
      }, matcher.start());
    }
    if (this.candidates.length === before) this.problems.push(`no files match ${pattern}`);
  }

  /** `realKey`: the file's real path (latin1 of its bytes) when the walk knows it already. */
  private addFile(path: FsPath, kind: { explicit: boolean; named: boolean }, realKey?: string): void {
    let key = realKey ?? (typeof path === 'string' ? path : path.toString('latin1'));
    if (realKey === undefined) {
      try {
        key = realpathSync(path, { encoding: 'buffer' }).toString('latin1');
      } catch {
        // Reading it will report the problem.
      }
    }
    if (this.seenFiles.has(key)) return;
    this.seenFiles.add(key);
    const text = pathText(path);
    this.candidates.push({
      absolutePath: text,
      ...(typeof path === 'string' ? {} : { pathBytes: path }),
      displayPath: this.display(text),
      ...kind,
    });
  }

  private walk<S>(root: string, rootStats: Stats, rule: WalkRule<S>, initial: S): void {
    // Directories being walked (a link back to one is a loop) and walked already (in this state).
    const ancestors = new Set<string>();
    const walked = new Set<string>();
    const visit = (directory: FsPath, stats: Stats, state: S): void => {
      const id = `${stats.dev}:${stats.ino}`;
      if (ancestors.has(id)) return; // a loop (only with --follow-symlinks): the real path is already being walked
      const walkedKey = `${id}|${rule.key(state)}`;
      if (walked.has(walkedKey)) return;
      walked.add(walkedKey);
      let entries: Dirent<Buffer>[];
      try {
        entries = readdirSync(directory, { withFileTypes: true, encoding: 'buffer' });
      } catch (error) {
        this.problems.push(`cannot read directory ${this.display(pathText(directory))}: ${describeFsError(error)}`);
        return;
      }
      entries.sort((a, b) => Buffer.compare(a.name, b.name));
      // A file that is no link is its directory's real path and its name: one realpath per
      // directory instead of one per file (each an lstat of every component of the path).
      let realDirectory: string | null | undefined;
      const realPathOf = (name: Buffer): string | undefined => {
        if (realDirectory === undefined) {
          try {
            realDirectory = realpathSync(directory, { encoding: 'buffer' }).toString('latin1');
          } catch {
            realDirectory = null;
          }
        }
        if (realDirectory === null) return undefined;
        return `${realDirectory.endsWith(sep) ? realDirectory : realDirectory + sep}${name.toString('latin1')}`;
      };
      ancestors.add(id);
      for (const entry of entries) {
        const name = nameText(entry.name);
        if (SKIPPED_DIRECTORIES.has(name)) continue;
        const next = rule.enter(state, name);
        if (next === undefined) continue;
        const path = joinPath(directory, entry.name);
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        let entryStats: Stats | undefined;
        if (entry.isSymbolicLink() || isDirectory) {
          try {
            entryStats = statSync(path);
          } catch (error) {
            // A dangling or looping link is worth saying only where a policy file was expected.
            if (rule.acceptsFile(next)) this.problems.push(`cannot read ${this.display(pathText(path))}: ${describeFsError(error)}`);
            continue;
          }
          isDirectory = entryStats.isDirectory();
          isFile = entryStats.isFile();
          if (isDirectory && entry.isSymbolicLink() && !this.options.followSymlinks) continue;
        }
        if (isDirectory) {
          if (entryStats && rule.descends(next)) visit(path, entryStats, next);
        } else if (!rule.acceptsFile(next)) {
          continue;
        } else if (isFile) {
          this.addFile(path, { explicit: rule.explicit, named: false }, entry.isSymbolicLink() ? undefined : realPathOf(entry.name));
        } else {
          this.problems.push(`cannot read ${this.display(pathText(path))}: ${describeFsError({ code: 'ENOTREGULAR' })}`);
        }
      }
      ancestors.delete(id);
    };
    visit(root, rootStats, initial);
  }

  private display(absolutePath: string): string {
    // Only Windows separators become slashes: on POSIX a backslash is part of a name (or a \xNN escape).
    const slashes = sep === '\\' ? toSlashes : (path: string) => path;
    // A walked path is normalized: below the working directory, relative() (which resolves both
    // paths, for every file of a 10,000-file walk) would only cut that prefix off.
    const below = this.cwdPrefix && absolutePath.startsWith(this.cwdPrefix) ? absolutePath.slice(this.cwdPrefix.length) : undefined;
    if (below) return slashes(below);
    const fromCwd = relative(this.cwd, absolutePath);
    if (fromCwd === '') return '.';
    if (fromCwd.startsWith('..') || isAbsolute(fromCwd)) return slashes(absolutePath);
    return slashes(fromCwd);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A file name's bytes as text; undecodable bytes become \xNN (see pathText). */
function nameText(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return decodeLossless(bytes);
  }
}

function pathText(path: FsPath): string {
  return typeof path === 'string' ? path : nameText(path);
}

/** Joins while the name is valid UTF-8 (text stays text); otherwise the exact bytes. */
function joinPath(directory: FsPath, name: Buffer): FsPath {
  if (typeof directory === 'string') {
    try {
      return directory.endsWith(sep) ? directory + UTF8.decode(name) : `${directory}${sep}${UTF8.decode(name)}`;
    } catch {
      // fall through to bytes
    }
  }
  const head = typeof directory === 'string' ? Buffer.from(directory) : directory;
  const separator = head[head.length - 1] === sep.charCodeAt(0) ? Buffer.alloc(0) : Buffer.from(sep);
  return Buffer.concat([head, separator, name]);
}

/** UTF-8 where the bytes are valid, \xNN for each byte that is not. */
function decodeLossless(bytes: Buffer): string {
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      text += `\\x${bytes[i].toString(16).toUpperCase().padStart(2, '0')}`;
      i++;
    } else {
      text += bytes.toString('utf8', i, i + length);
      i += length;
    }
  }
  return text;
}

/** The length of the valid UTF-8 sequence starting at i, 0 when there is none. */
function sequenceLength(bytes: Buffer, i: number): number {
  const lead = bytes[i];
  if (lead < 0x80) return 1;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  try {
    UTF8.decode(bytes.subarray(i, i + length));
    return length;
  } catch {
    return 0;
  }
}

/** The file: URL the service keys the document by (percent-encoded bytes when not UTF-8). */
export function fileUrlOf(candidate: Candidate): string {
  if (!candidate.pathBytes) return pathToFileURL(candidate.absolutePath).href;
  let path = '';
  for (const byte of candidate.pathBytes) {
    const char = String.fromCharCode(byte);
    path += byte < 0x80 && /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `file://${path.startsWith('/') ? '' : '/'}${path}`;
}

/** What fs calls take for a candidate (worker threads receive the bytes as a plain Uint8Array). */
export function fsPathOf(candidate: Candidate): string | Buffer {
  if (!candidate.pathBytes) return candidate.absolutePath;
  const bytes = candidate.pathBytes;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
