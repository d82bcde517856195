/**
 * The built language service leaves its editor features and the export formats' parsers to
 * dist/service-features.js, which it requires on first use (scripts/serviceSplit.mjs), so the
 * server's start compiles less before the first diagnostics. The first diagnostics of a policy file
 * never load it; a hover or an export file does; and the answers are the language service's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getLanguageService } from '../../server/src/service/languageService';
import { ensureBuilt, REPO_ROOT, SERVICE_BUNDLE } from './ensureBuilt';

const FEATURES_BUNDLE = join(dirname(SERVICE_BUNDLE), 'service-features.js');
const load = createRequire(__filename);
const featuresLoaded = (): boolean => load.cache[FEATURES_BUNDLE] !== undefined;

function documentOf(path: string, languageId: string) {
  const file = join(REPO_ROOT, path);
  return { uri: pathToFileURL(file).href, languageId, version: 1, text: readFileSync(file, 'utf8') };
}

test('the built service loads its features and export formats on first use, and answers as the service does', () => {
  ensureBuilt();
  const built = (load(SERVICE_BUNDLE) as { getLanguageService: typeof getLanguageService }).getLanguageService(undefined, { log: () => undefined });
  const source = getLanguageService(undefined, { log: () => undefined });

  const policy = documentOf('examples/hybrid-key-trust.whfb.yaml', 'whfb-yaml');
  assert.deepEqual(built.validate(policy), source.validate(policy));
  assert.equal(featuresLoaded(), false, 'the diagnostics of a policy file need none of dist/service-features.js');

  const onOmaUri = { line: 12, character: 50 };
  const hover = built.hover(policy, onOmaUri);
  assert.ok(hover, 'a hover on the OMA-URI');
  assert.deepEqual(hover, source.hover(policy, onOmaUri));
  assert.equal(featuresLoaded(), true, 'the first hover loads it');
  assert.deepEqual(built.complete(policy, onOmaUri), source.complete(policy, onOmaUri));

  const syncml = documentOf('test/fixtures/syncml/whfb-cloud-kerberos.syncml.xml', 'xml');
  assert.equal(built.detectFormat(syncml), 'syncml');
  assert.deepEqual(built.validate(syncml), source.validate(syncml));
});
