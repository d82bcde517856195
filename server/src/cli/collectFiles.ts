/**
 * Turns the command line's files, directories and globs into the list of files to check.
 * Directories are walked for the file kinds the server handles; symbolic links are followed
 * once (real paths are tracked, so a link back to an ancestor is reported, never looped on).
 * Problems (a missing file, an unreadable directory, a link loop) are collected, not thrown:
 * the other files are still checked and the run ends with status 2.
 */
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { globBase, globToRegExp, hasGlobCharacters, toSlashes } from './glob';
import { describeFsError } from './fsErrors';

export interface Candidate {
  absolutePath: string;
  /** As the user sees it: relative to the working directory, forward slashes. */
  displayPath: string;
  /** Named on the command line (or matched by a glob): loose-text formats are checked too. */
  explicit: boolean;
}

export interface Collection {
  candidates: Candidate[];
  problems: string[];
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/** What a directory walk looks at; the content decides whether it is a policy. */
const WALKED_EXTENSIONS = /\.(json|ya?ml|xml)$/i;

export function isWalkedFileName(name: string): boolean {
  return WALKED_EXTENSIONS.test(name);
}

export function collectFiles(patterns: readonly string[], cwd: string): Collection {
  const collector = new Collector(cwd);
  for (const pattern of patterns) collector.add(pattern);
  return { candidates: collector.candidates, problems: collector.problems };
}

class Collector {
  readonly candidates: Candidate[] = [];
  readonly problems: string[] = [];
  private readonly seenFiles = new Set<string>();

  constructor(private readonly cwd: string) {}

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
    if (stats.isDirectory()) this.walk(absolute, (path) => isWalkedFileName(path), false);
    else if (stats.isFile()) this.addFile(absolute, true);
    else this.problems.push(`cannot read ${pattern}: ${describeFsError({ code: 'ENOTREGULAR' })}`);
  }

  private addGlob(pattern: string): void {
    const base = globBase(pattern);
    const matcher = globToRegExp(pattern);
    const baseAbsolute = resolve(this.cwd, base);
    const before = this.candidates.length;
    const toPatternSpace = (absolutePath: string): string => {
      const below = toSlashes(relative(baseAbsolute, absolutePath));
      if (base === '.') return below;
      return `${toSlashes(base).replace(/\/$/, '').replace(/^\.\//, '')}/${below}`;
    };
    try {
      statSync(baseAbsolute);
      this.walk(baseAbsolute, (path) => matcher.test(toPatternSpace(path)), true);
    } catch {
      // The base directory is missing: reported below as "no files match".
    }
    if (this.candidates.length === before) this.problems.push(`no files match ${pattern}`);
  }

  private addFile(absolutePath: string, explicit: boolean): void {
    let key = absolutePath;
    try {
      key = realpathSync(absolutePath);
    } catch {
      // Reading it will report the problem.
    }
    if (this.seenFiles.has(key)) return;
    this.seenFiles.add(key);
    this.candidates.push({ absolutePath, displayPath: this.display(absolutePath), explicit });
  }

  private walk(root: string, accept: (absolutePath: string) => boolean, explicit: boolean): void {
    const walkedDirectories = new Set<string>();
    const visit = (directory: string, ancestors: Set<string>): void => {
      let real: string;
      try {
        real = realpathSync(directory);
      } catch (error) {
        this.problems.push(`cannot read ${this.display(directory)}: ${describeFsError(error)}`);
        return;
      }
      if (ancestors.has(real)) {
        this.problems.push(`skipped ${this.display(directory)}: symbolic link loop (it leads back to ${this.display(real)})`);
        return;
      }
      if (walkedDirectories.has(real)) return;
      walkedDirectories.add(real);
      let entries;
      try {
        entries = readdirSync(directory, { withFileTypes: true });
      } catch (error) {
        this.problems.push(`cannot read directory ${this.display(directory)}: ${describeFsError(error)}`);
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const below = new Set(ancestors).add(real);
      for (const entry of entries) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
        const path = join(directory, entry.name);
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          try {
            const target = statSync(path);
            isDirectory = target.isDirectory();
            isFile = target.isFile();
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            // A loop is always worth saying; a dangling link only when it looks like a policy file.
            if (code === 'ELOOP' || accept(path)) this.problems.push(`cannot read ${this.display(path)}: ${describeFsError(error)}`);
            continue;
          }
        }
        if (isDirectory) visit(path, below);
        else if (!accept(path)) continue;
        else if (isFile) this.addFile(path, explicit);
        else this.problems.push(`cannot read ${this.display(path)}: ${describeFsError({ code: 'ENOTREGULAR' })}`);
      }
    };
    visit(root, new Set());
  }

  private display(absolutePath: string): string {
    const fromCwd = relative(this.cwd, absolutePath);
    if (fromCwd === '') return '.';
    if (fromCwd.startsWith('..') || isAbsolute(fromCwd)) return toSlashes(absolutePath);
    return toSlashes(fromCwd);
  }
}
