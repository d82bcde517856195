/**
 * catalog.resolve with a memo: several rules ask about the same OMA-URI on every validation, and a
 * 10,000-setting file is validated on every keystroke.
 */
import type { CatalogIndex, ResolvedOmaUri } from '../catalog/catalogIndex';

const MAX_ENTRIES = 50_000;
const memos = new WeakMap<CatalogIndex, Map<string, ResolvedOmaUri>>();

export function resolveOmaUri(catalog: CatalogIndex, omaUri: string): ResolvedOmaUri {
  let memo = memos.get(catalog);
  if (!memo) {
    memo = new Map();
    memos.set(catalog, memo);
  }
  let resolved = memo.get(omaUri);
  if (!resolved) {
    resolved = catalog.resolve(omaUri);
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(omaUri, resolved);
  }
  return resolved;
}
