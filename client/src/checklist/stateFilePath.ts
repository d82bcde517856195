/**
 * Where the checklist state file lives: `whfb.checklist.stateFile` resolved against the workspace
 * folder. The setting may come from an untrusted workspace, so a path that leaves the folder is
 * refused rather than written to, and so is one that leaves it through a symbolic link
 * (realStateFilePath, checked before every read and write).
 */
import * as l10n from '@vscode/l10n';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { errorCode, type StateFs } from './stateFs';

export const DEFAULT_STATE_FILE = '.whfb/checklist.json';

export type StateFileLocation = { ok: true; path: string } | { ok: false; path: string; message: string };

export function resolveStateFilePath(folder: string, setting: unknown): StateFileLocation {
  const fallback = resolve(folder, DEFAULT_STATE_FILE);
  if (setting === undefined || setting === null || (typeof setting === 'string' && setting.trim() === '')) return { ok: true, path: fallback };
  if (typeof setting !== 'string') return { ok: false, path: fallback, message: l10n.t('whfb.checklist.stateFile must be a path; using {0}.', DEFAULT_STATE_FILE) };
  const path = resolve(folder, setting.trim());
  const inside = relative(folder, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return { ok: false, path: fallback, message: l10n.t('whfb.checklist.stateFile "{0}" is outside the workspace folder; using {1}.', setting, DEFAULT_STATE_FILE) };
  }
  return { ok: true, path };
}

/** What the store may touch for one operation: the state file's real path, or why nothing may be touched. */
export type RealStateFile = { ok: true; path: string } | { ok: false; code: string; message: string };

type LinkResolver = Pick<StateFs, 'realpath' | 'isSymbolicLink'>;

function isWithin(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside));
}

/**
 * Resolves every symbolic link in the state file's path (the file and each parent) and refuses a
 * path that then leaves the workspace folder: a committed `.whfb -> /elsewhere`, or a setting
 * `docs/.bashrc` with `docs -> $HOME`, would otherwise have the store read, lock, rename and write
 * files outside the workspace. Run before every operation, since a link may appear at any time (a
 * git pull). Parts that do not exist yet are kept as names under the deepest real parent, where the
 * store creates them; a dangling link among them is refused (its target could be created anywhere).
 * Without a workspace folder (or a file system that has no links) the path is only resolved.
 */
export async function realStateFilePath(fs: LinkResolver, file: string, workspaceFolder?: string): Promise<RealStateFile> {
  if (!fs.realpath) return { ok: true, path: file };
  const refuse = (code: string, message: string): RealStateFile => ({ ok: false, code, message });
  let realFolder: string | undefined;
  if (workspaceFolder !== undefined) {
    if (!isWithin(workspaceFolder, file) || relative(workspaceFolder, file) === '') {
      return refuse('EOUTSIDE', l10n.t('The checklist state file {0} is outside the workspace folder {1}: it is neither read nor written.', file, workspaceFolder));
    }
    realFolder = await fs.realpath(workspaceFolder);
  }
  const missing: string[] = [];
  let existing = file;
  let real: string | undefined;
  for (;;) {
    try {
      real = await fs.realpath(existing);
      break;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ELOOP') return refuse('ELOOP', l10n.t('The checklist state file {0} cannot be resolved: its path has a symbolic link loop. Remove the loop; ticks are kept in this window until then.', file));
      // Anything else (a parent that is a file, a permission or disk error) is the store's to report.
      if (code !== 'ENOENT') throw error;
      if (await fs.isSymbolicLink?.(existing).catch(() => false)) {
        return refuse('EDANGLING', l10n.t('The checklist state file {0} goes through {1}, a symbolic link to something that does not exist: it is neither read nor written. Remove the link, or create what it points to inside the workspace folder.', file, existing));
      }
      const parent = dirname(existing);
      if (parent === existing) return refuse('ENOENT', l10n.t('The checklist state file {0} has no existing parent folder.', file));
      missing.unshift(basename(existing));
      existing = parent;
    }
  }
  const path = missing.length > 0 ? join(real, ...missing) : real;
  if (realFolder !== undefined && (!isWithin(realFolder, path) || path === realFolder)) {
    return refuse('EOUTSIDE', l10n.t('The checklist state file {0} is a symbolic link (or goes through one) to {1}, outside the workspace folder {2}: it is neither read nor written, so nothing outside the workspace is changed. Remove the link, or point whfb.checklist.stateFile at a file inside the folder. Ticks are kept in this window until then.', file, path, String(workspaceFolder)));
  }
  return { ok: true, path };
}
