/**
 * npm run generate            writes every generated file
 * npm run generate -- --check fails (exit 1) and names the files that are stale
 *
 * Data in, code out: the DDF (data/ddf) and the guides (data/guides) are the only data inputs;
 * the manifest (package.json, package.nls.json) and client/src give the README settings table and
 * the l10n bundle.
 * Output is deterministic (sorted, stable ids, no timestamps) so it is reproducible byte for byte.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildCatalog, splitCatalog } from './catalog/generateCatalog';
import { buildChecklists } from './checklists/generateChecklists';
import { buildGpoRegistry } from './catalog/gpoRegistry';
import { buildL10nBundle } from './manifest/generateL10nBundle';
import { buildReadmeSettings } from './manifest/generateSettingsTable';
import { buildRuleDocs } from './rules/generateRuleDocs';
import { buildConfigSchema } from './schema/generateConfigSchema';
import { buildSchema } from './schema/generateSchema';
import { buildValidators } from './schema/generateValidator';
import { buildSnippets } from './snippets/generateSnippets';
import type { GeneratedFile } from './generatedFile';

const root = resolve(__dirname, '..');
const check = process.argv.includes('--check');

function json(path: string, value: unknown): GeneratedFile {
  return { path, content: `${JSON.stringify(value, null, 2)}\n` };
}

const catalog = buildCatalog(root);
const checklists = buildChecklists(root, catalog);
const schema = buildSchema(catalog);
const catalogFiles = splitCatalog(catalog);
const files: GeneratedFile[] = [
  json('data/generated/catalog.json', catalogFiles.structure),
  json('data/generated/catalog-texts.json', catalogFiles.texts),
  json('data/generated/checklists.json', checklists),
  json('schemas/whfb-policy.schema.json', schema),
  buildValidators(schema),
  ...buildSnippets(root, catalog, checklists),
  buildRuleDocs(root),
  buildL10nBundle(root),
  buildReadmeSettings(root),
  buildConfigSchema(),
  buildGpoRegistry(root, catalog),
];

const stale: string[] = [];
for (const file of files) {
  const target = join(root, file.path);
  const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
  if (current === file.content) continue;
  if (check) {
    stale.push(file.path);
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    console.log(`wrote ${file.path}`);
  }
}

if (check && stale.length > 0) {
  console.error(`Generated files are stale; run "npm run generate" and commit:\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(check ? `generated files are up to date (${files.length} files)` : `${files.length} generated files checked`);
