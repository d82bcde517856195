/** WorkspaceFiles on Node's file system: a bounded, non-recursive-stack walk, and reads through the CLI's decoding. */
// `promises` of node:fs, read at the first call: importing node:fs/promises would load Node's
// promise file system (and the readline modules it pulls in) while the server starts.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeFileBytes } from '../../../shared/decodeText';
import type { WorkspaceFiles } from './workspaceFiles';

const POLICY_NAME = /\.(json|ya?ml|xml)$/i;
const SKIPPED = new Set(['node_modules', '.git']);

export const nodeWorkspaceFiles: WorkspaceFiles = {
  async list(folders, isExcluded, limit, signal) {
    const uris: string[] = [];
    for (const folder of folders) {
      let root: string;
      try {
        root = fileURLToPath(folder);
      } catch {
        continue;
      }
      const pending: string[] = [''];
      while (pending.length > 0) {
        if (signal.cancelled) return { uris, truncated: false };
        const relativeDir = pending.pop()!;
        let entries;
        try {
          entries = await fs.readdir(join(root, relativeDir), { withFileTypes: true });
        } catch {
          continue;
        }
        for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
          const relativePath = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
          if (entry.isDirectory()) {
            if (!SKIPPED.has(entry.name) && !isExcluded(folder, relativePath)) pending.push(relativePath);
          } else if (entry.isFile() && POLICY_NAME.test(entry.name) && !isExcluded(folder, relativePath)) {
            if (uris.length >= limit) return { uris, truncated: true };
            uris.push(pathToFileURL(join(root, relativePath)).href);
          }
        }
      }
    }
    return { uris, truncated: false };
  },

  async read(uri, maxBytes) {
    try {
      const path = fileURLToPath(uri);
      const info = await fs.stat(path);
      if (!info.isFile() || info.size > maxBytes) return undefined;
      return decodeFileBytes(await fs.readFile(path));
    } catch {
      return undefined;
    }
  },
};
