/**
 * The repository configuration (.whfbrc.json / whfb.config.json) of each open document, for the
 * language server: the nearest file in the document's folder or above, up to its workspace
 * folder or repository root (the same file whfb-lint uses for it). Read as JSON data only, kept
 * until the client reports a change of a configuration file (workspace/didChangeWatchedFiles).
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigFinder, type LoadedConfig } from '../config/findConfig';
import { CONFIG_FILE_NAMES } from '../config/repoConfig';
import type { RepositoryConfigSource } from './startServer';

export class RepoConfigs implements RepositoryConfigSource {
  private workspaceFolders = new Set<string>();
  private finder = new ConfigFinder((folder) => this.workspaceFolders.has(folder));
  private readonly reported = new Set<string>();

  constructor(private readonly log: (message: string) => void) {}

  setWorkspaceFolders(uris: readonly string[]): void {
    this.workspaceFolders = new Set(uris.map(toPath).filter((path): path is string => path !== undefined));
    this.changed();
  }

  /** The configuration for a document on disk; none for untitled documents and other schemes. */
  forDocument(uri: string): LoadedConfig | undefined {
    const path = toPath(uri);
    if (!path) return undefined;
    const loaded = this.finder.forFile(path);
    if (loaded && loaded.problems.length > 0 && !this.reported.has(loaded.path)) {
      this.reported.add(loaded.path);
      for (const problem of loaded.problems) this.log(`whfb: configuration ${loaded.path}: ${problem}`);
    }
    return loaded;
  }

  relativePath(loaded: LoadedConfig, uri: string): string {
    return relative(loaded.dir, toPath(uri) ?? '');
  }

  /** Whether a watched-file event concerns a configuration file. */
  static isConfigFile(uri: string): boolean {
    const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
    return (CONFIG_FILE_NAMES as readonly string[]).includes(name);
  }

  changed(): void {
    this.finder.clear();
    this.reported.clear();
  }
}

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
