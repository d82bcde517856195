/**
 * The committed catalog with every node's texts, as the generator built it: catalog.json and
 * catalog-texts.json joined (scripts/catalog/generateCatalog.ts joinCatalog), for the tests that
 * hand it to the other generators or check its links.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog, CatalogTexts, DocumentedCatalog } from '../../server/src/catalog/types';
import { joinCatalog } from '../../scripts/catalog/generateCatalog';

export function readGeneratedCatalog(root: string): DocumentedCatalog {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(root, 'data/generated', file), 'utf8'));
  return joinCatalog(read('catalog.json') as Catalog, read('catalog-texts.json') as CatalogTexts);
}
