/**
 * Whether a run may need a worker thread, told from its command line before the files are
 * collected, so that cli.ts can start one while this thread collects them (parallelLint.ts). A
 * guess on the safe side of cost: a run it misses starts its worker later, as it always did; a run
 * it takes for large and is not stops the worker it started.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { GlobMatcher, hasGlobCharacters } from '../config/glob';
import { parseArgs } from './args';
import { SKIPPED_DIRECTORIES } from './collectFiles';
import { MIN_FILES_PER_THREAD } from './lintWorkerStart';

/**
 * Whether a command line may name enough files for a second thread, before they are collected:
 * file names, and entries below its directories and globs' base directories, counted until there
 * are enough (node_modules and .git are not walked, as collectFiles does not walk them). Not for
 * --help, --version or a usage error.
 */
export function mayNeedWorkers(argv: readonly string[], cwd: string): boolean {
  if (availableParallelism() < 2) return false;
  let patterns: string[];
  try {
    const options = parseArgs(argv);
    if (options.help || options.version) return false;
    patterns = options.patterns;
  } catch {
    return false;
  }
  const enough = 2 * MIN_FILES_PER_THREAD;
  let seen = 0;
  const directories: string[] = [];
  for (const pattern of patterns) {
    const path = resolve(cwd, hasGlobCharacters(pattern) ? new GlobMatcher(pattern).base : pattern);
    if (isDirectory(path)) directories.push(path);
    else seen++;
  }
  while (seen < enough && directories.length > 0) {
    const directory = directories.pop()!;
    for (const entry of entriesOf(directory)) {
      if (!entry.isDirectory()) seen++;
      else if (!SKIPPED_DIRECTORIES.has(entry.name)) directories.push(join(directory, entry.name));
    }
  }
  return seen >= enough;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

function entriesOf(directory: string): Dirent[] {
  try {
    return readdirSync(directory, { withFileTypes: true });
  } catch {
    return [];
  }
}
