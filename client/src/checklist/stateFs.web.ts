/**
 * stateFs.ts for the web build: no local disk. The store there always gets vscode.workspace.fs
 * (workspaceStateFs.ts, chosen by stateLocation.web.ts) or memory; `nodeStateFs`, the default of a
 * store given no file system, refuses with a reason instead of being absent.
 */
import * as l10n from '@vscode/l10n';
import { fsError, type StateFs } from './stateFsBase';

export { errorCode, MAX_STATE_FILE_BYTES, MemoryStateFs, type StateFs } from './stateFsBase';

const noDisk = async (path: string): Promise<never> => {
  throw Object.assign(fsError('ENOSYS', path), { message: l10n.t('ENOSYS: {0}: there is no local disk in VS Code for the Web; the checklist uses the workspace\'s file system', path) });
};

export const nodeStateFs: StateFs = {
  readFile: noDisk,
  writeFileDurable: noDisk,
  rename: noDisk,
  unlink: noDisk,
  mkdirp: noDisk,
  createExclusive: noDisk,
  mtimeMs: noDisk,
  readdir: noDisk,
};
