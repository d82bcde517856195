/**
 * The part of Node's `path` module (POSIX flavour) the checklist state store uses, for the web
 * build: there the store works on the paths of a workspace folder's URI (`/owner/repo/.whfb/...`),
 * which are always POSIX, and Node's module does not exist. scripts/build.mjs maps `node:path` to
 * this module in the web bundle only; the Node bundle keeps Node's own (win32 paths on Windows).
 * Semantics follow Node's path.posix for the absolute paths the store passes; the working
 * directory of a relative path is `/`.
 */
export const sep = '/';

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

export function normalize(path: string): string {
  const absolute = isAbsolute(path);
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
    } else {
      parts.push(part);
    }
  }
  const body = parts.join('/');
  return absolute ? `/${body}` : body || '.';
}

export function join(...paths: string[]): string {
  const joined = paths.filter((path) => path !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function resolve(...paths: string[]): string {
  let resolved = '';
  for (let i = paths.length - 1; i >= 0 && !isAbsolute(resolved); i--) {
    if (paths[i] !== '') resolved = resolved === '' ? paths[i] : `${paths[i]}/${resolved}`;
  }
  return normalize(`/${resolved}`);
}

export function relative(from: string, to: string): string {
  const fromParts = resolve(from).split('/').filter(Boolean);
  const toParts = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++;
  return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

function trimTrailingSlashes(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' && path.startsWith('/') ? '/' : trimmed;
}

export function dirname(path: string): string {
  const trimmed = trimTrailingSlashes(path);
  if (trimmed === '/') return '/';
  const slash = trimmed.lastIndexOf('/');
  if (slash === -1) return '.';
  if (slash === 0) return '/';
  return trimmed.slice(0, slash);
}

export function basename(path: string): string {
  const trimmed = trimTrailingSlashes(path);
  if (trimmed === '/') return '';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
