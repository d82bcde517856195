/**
 * Where the checklist state file lives: `whfb.checklist.stateFile` resolved against the workspace
 * folder. The setting may come from an untrusted workspace, so a path that leaves the folder is
 * refused rather than written to.
 */
import { isAbsolute, relative, resolve } from 'node:path';

export const DEFAULT_STATE_FILE = '.whfb/checklist.json';

export type StateFileLocation = { ok: true; path: string } | { ok: false; path: string; message: string };

export function resolveStateFilePath(folder: string, setting: unknown): StateFileLocation {
  const fallback = resolve(folder, DEFAULT_STATE_FILE);
  if (setting === undefined || setting === null || (typeof setting === 'string' && setting.trim() === '')) return { ok: true, path: fallback };
  if (typeof setting !== 'string') return { ok: false, path: fallback, message: `whfb.checklist.stateFile must be a path; using ${DEFAULT_STATE_FILE}.` };
  const path = resolve(folder, setting.trim());
  const inside = relative(folder, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return { ok: false, path: fallback, message: `whfb.checklist.stateFile "${setting}" is outside the workspace folder; using ${DEFAULT_STATE_FILE}.` };
  }
  return { ok: true, path };
}
