/**
 * A Group Policy backup's value is what the workspace compares, never the policy's bare
 * "enabled": a backup whose MinimumPINLength (2) Windows rejects contributes nothing for that
 * node, as the same value in an MDM file would (WHFB103 speaks for it in its own file).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GPO_BACKUP_ROOT } from '../../../scripts/fixtures/writeGpoBackupFixtures';
import { decodeFileBytes } from '../../../shared/decodeText';
import { getCatalog } from '../../../server/src/catalog/catalog';
import { registryPolAdapter } from '../../../server/src/formats/gpoRegistryPol';
import { fileFacts, NODE_TOPIC_PREFIX } from '../../../server/src/rules/crossFile/facts';
import { effectiveConfiguration } from '../../../server/src/rules/crossFile/effectiveConfiguration';

const catalog = getCatalog();
const BACKUP = '{9F2B4C83-1E5D-4A6B-B7C8-0D3E5F7A9B22}/DomainSysvol/GPO/Machine/registry.pol';

function backupFacts() {
  const path = join(GPO_BACKUP_ROOT, BACKUP);
  const text = decodeFileBytes(readFileSync(path));
  const model = registryPolAdapter.parse(text, 'registry-pol', catalog);
  return { model, facts: fileFacts(`file://${path}`, model, catalog) };
}

test('a backup value Windows rejects is not replaced by its policy\'s "enabled" across files', () => {
  const { model, facts } = backupFacts();
  const pin = model.settings.find((setting) => setting.node?.name === 'MinimumPINLength');
  assert.equal(String(pin?.value?.value), '2', 'the fixture sets MinimumPINLength 2');
  const sources = facts.topics.get(`${NODE_TOPIC_PREFIX}${pin!.node!.path}`) ?? [];
  assert.deepEqual(sources.map((source) => source.value), []);
  const entries = effectiveConfiguration([facts], { catalog, nameOf: (uri) => uri });
  assert.equal(entries.find((entry) => entry.node.name === 'MinimumPINLength'), undefined);
});

test('the backup\'s accepted values still apply as written, never as "enabled"', () => {
  const { model, facts } = backupFacts();
  const flag = model.settings.find((setting) => setting.node?.name === 'RequireSecurityDevice');
  assert.ok(flag?.node, 'the fixture sets RequireSecurityDevice');
  const sources = facts.topics.get(`${NODE_TOPIC_PREFIX}${flag.node.path}`) ?? [];
  assert.deepEqual(sources.map((source) => `${source.channel} ${source.value}`), ['group-policy true']);
});
