/**
 * Finds the configuration file that applies to a policy file: the nearest `.whfbrc.json` or
 * `whfb.config.json` in its folder or a folder above, stopping at the repository root (the first
 * folder with `.git`) or a stop folder the caller names (the editor's workspace folder). Files are
 * read as JSON data only, once per run or until the caller clears the cache (a watched change).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, parseRepoConfig, type RepoConfig } from './repoConfig';

export interface LoadedConfig {
  path: string;
  /** The folder ignore globs are relative to. */
  dir: string;
  config: RepoConfig;
  problems: string[];
}

/** A configuration is a few hundred bytes; a huge file is a mistake, not something to parse. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export function loadConfigFile(path: string): LoadedConfig {
  const absolute = resolve(path);
  const loaded = (config: RepoConfig, problems: string[]): LoadedConfig => ({ path: absolute, dir: dirname(absolute), config, problems });
  try {
    const size = statSync(absolute).size;
    if (size > MAX_CONFIG_BYTES) return loaded({ rules: {}, ignore: [] }, [`larger than 1 MiB (${size} bytes); it is not used`]);
    const { config, problems } = parseRepoConfig(readFileSync(absolute, 'utf8'));
    return loaded(config, problems);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return loaded({ rules: {}, ignore: [] }, [`cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`]);
  }
}

export class ConfigFinder {
  private readonly byFolder = new Map<string, LoadedConfig | null>();

  /** `isStopFolder`: a folder above which nothing is looked for (besides the repository root). */
  constructor(private readonly isStopFolder: (folder: string) => boolean = () => false) {}

  forFile(filePath: string): LoadedConfig | undefined {
    return this.forFolder(dirname(resolve(filePath))) ?? undefined;
  }

  /** Forget everything read: a configuration file was created, changed or deleted. */
  clear(): void {
    this.byFolder.clear();
  }

  private forFolder(folder: string): LoadedConfig | null {
    const cached = this.byFolder.get(folder);
    if (cached !== undefined) return cached;
    let found: LoadedConfig | null = null;
    const name = CONFIG_FILE_NAMES.find((candidate) => isFile(join(folder, candidate)));
    if (name) found = loadConfigFile(join(folder, name));
    else {
      const parent = dirname(folder);
      const atTop = parent === folder || existsSync(join(folder, '.git')) || this.isStopFolder(folder);
      if (!atTop) found = this.forFolder(parent);
    }
    this.byFolder.set(folder, found);
    return found;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
