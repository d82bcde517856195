/**
 * package.json with its `%key%` placeholders resolved from package.nls.json: the English text
 * VS Code and the Marketplace show. Generators (the README settings table) and the tests read the
 * manifest through this, so they see what a user sees.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Nls = Record<string, string>;

const PLACEHOLDER = /^%([^%\s]+)%$/;

/** The key of a whole-string `%key%` placeholder, or undefined for literal text. */
export function placeholderKey(value: string): string | undefined {
  return PLACEHOLDER.exec(value)?.[1];
}

/** Every string of `value` with its placeholder replaced; an unknown key throws (a broken manifest). */
export function resolvePlaceholders<T>(value: T, nls: Nls): T {
  if (typeof value === 'string') {
    const key = placeholderKey(value);
    if (key === undefined) return value;
    if (!Object.prototype.hasOwnProperty.call(nls, key)) throw new Error(`package.json: %${key}% is not in package.nls.json`);
    return nls[key] as T;
  }
  if (Array.isArray(value)) return value.map((item) => resolvePlaceholders(item, nls)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolvePlaceholders(item, nls)])) as T;
  }
  return value;
}

export interface ManifestFiles {
  /** package.json as written, placeholders and all. */
  raw: any;
  nls: Nls;
  /** package.json as VS Code shows it in English. */
  resolved: any;
}

export function readManifest(root: string): ManifestFiles {
  const raw = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Nls;
  return { raw, nls, resolved: resolvePlaceholders(raw, nls) };
}
