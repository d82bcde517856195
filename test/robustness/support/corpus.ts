/**
 * The valid (and deliberately broken) policy files the fuzzers start from: every file under
 * examples/ and test/fixtures/ except the unrelated and hostile ones, with the language id an
 * editor would give it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface SeedFile {
  /** Repository-relative, forward slashes (printed with failures). */
  name: string;
  uri: string;
  languageId: string;
  text: string;
}

const SKIPPED = new Set(['unrelated', 'hostile', 'node_modules']);

export function languageIdFor(path: string): string {
  const lower = path.toLowerCase();
  if (/\.whfb\.ya?ml$/.test(lower)) return 'whfb-yaml';
  if (lower.endsWith('.json')) return 'json';
  if (/\.ya?ml$/.test(lower)) return 'yaml';
  if (lower.endsWith('.xml')) return 'xml';
  if (lower.endsWith('.md')) return 'markdown';
  if (lower.endsWith('.ps1')) return 'powershell';
  return 'plaintext';
}

function walk(directory: string, out: string[]): void {
  let entries: string[];
  try {
    entries = readdirSync(directory).sort();
  } catch {
    return;
  }
  for (const entry of entries) {
    if (SKIPPED.has(entry)) continue;
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ya?ml|json|xml|md|ps1|txt)$/i.test(entry)) out.push(path);
  }
}

/** Every candidate file, sorted, so a seed picks the same file on every machine. */
export function seedFiles(): SeedFile[] {
  const paths: string[] = [];
  walk(join(REPO_ROOT, 'examples'), paths);
  walk(join(REPO_ROOT, 'test', 'fixtures'), paths);
  return paths.map((path) => {
    const name = relative(REPO_ROOT, path).split('\\').join('/');
    return { name, uri: `file:///fuzz/${name}`, languageId: languageIdFor(path), text: readFileSync(path, 'utf8') };
  });
}
