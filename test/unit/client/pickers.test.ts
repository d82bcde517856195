/**
 * The pickers (issue 12 point 8): the model picker's short names, its one line on when to choose a
 * model and the guides' recommendation; Insert setting grouped by relevance to the policy's model,
 * with type and default in the description.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogItem, Checklists } from '../../../shared/protocol';
import { modelPicks, shortModelName } from '../../../client/src/commands/modelPicks';
import { groupSettingPicks, guideSettingPaths, settingPickDescription } from '../../../client/src/commands/settingPickGroups';
import { catalogItems } from '../../../server/src/features/insertSettingPlan';
import { getCatalog } from '../../../server/src/catalog/catalog';

const ROOT = join(__dirname, '..', '..', '..');
const checklists = JSON.parse(readFileSync(join(ROOT, 'data', 'generated', 'checklists.json'), 'utf8')) as Checklists;
const model = (id: string) => checklists.models.find((m) => m.id === id)!;

test('model picker: short names that can be told apart, each with a line on when to choose it', () => {
  const picks = modelPicks(checklists, 'hybrid-key-trust');
  const names = checklists.models.map(shortModelName);
  assert.equal(new Set(names).size, names.length);
  assert.ok(names.every((name) => name.length <= 32 && !/guide$/i.test(name)), names.join(', '));
  assert.deepEqual(names.slice().sort(), ['Cloud Kerberos trust (hybrid)', 'Cloud-only', 'Hybrid certificate trust', 'Hybrid key trust', 'On-premises certificate trust', 'On-premises key trust']);
  for (const pick of picks) assert.match(pick.detail ?? '', /^For organizations using /, pick.id);
  assert.match(picks.find((p) => p.id === 'hybrid-key-trust')!.description ?? '', /current/);
  assert.equal(picks.find((p) => p.id === 'hybrid-key-trust')!.picked, true);
});

test('model picker: cloud Kerberos trust, and only it, is marked as the guides\' recommendation for hybrid', () => {
  const recommended = modelPicks(checklists).filter((pick) => /recommendation/.test(pick.description ?? ''));
  assert.deepEqual(recommended.map((pick) => pick.id), ['hybrid-cloud-kerberos-trust']);
  assert.match(recommended[0].label, /^\$\(star-full\) Cloud Kerberos trust/);
  assert.match(model('hybrid-cloud-kerberos-trust').choose ?? '', /recommended choice/);
});

const items: CatalogItem[] = catalogItems(getCatalog());

test('Insert setting: the settings the policy\'s guide configures come first, then PassportForWork, then the rest, deprecated last', () => {
  const kerberos = model('hybrid-cloud-kerberos-trust');
  const groups = groupSettingPicks(items, kerberos);
  assert.match(groups[0].label, /^Settings your guide configures \(Cloud Kerberos trust/);
  const first = groups[0].items.map((item) => item.name);
  assert.ok(first.includes('UseCloudTrustForOnPremAuth') && first.includes('UsePassportForWork'), first.join(', '));
  assert.ok(groups[0].items.every((item) => guideSettingPaths(kerberos).has(item.path.toLowerCase())));
  assert.equal(groups[1].label, 'Windows Hello for Business (PassportForWork)');
  assert.ok(groups[1].items.every((item) => /PassportForWork/.test(item.path)));
  const last = groups[groups.length - 1];
  if (items.some((item) => item.deprecated)) assert.ok(last.label === 'Deprecated' && last.items.every((item) => item.deprecated));
  assert.equal(groups.reduce((n, group) => n + group.items.length, 0), items.length, 'every setting is listed once');
  // No model: no "your guide" group, PassportForWork first.
  assert.equal(groupSettingPicks(items, undefined)[0].label, 'Windows Hello for Business (PassportForWork)');
});

test('Insert setting: each setting shows its type and default', () => {
  const pinLength = items.find((item) => /PINComplexity\/MinimumPINLength$/.test(item.path) && item.path.startsWith('./Device'))!;
  assert.equal(settingPickDescription(pinLength), `int · default ${pinLength.defaultValue}`);
  assert.ok(pinLength.defaultValue, 'MinimumPINLength has a default');
  const use = items.find((item) => /Policies\/UsePassportForWork$/.test(item.path))!;
  assert.match(settingPickDescription(use), /^bool/);
  // Booleans as the entry writes them, not the DDF's "True"/"False".
  const booleanDefaults = items.filter((item) => item.type === 'bool' && item.defaultValue !== undefined);
  assert.ok(booleanDefaults.length > 0, 'some boolean settings have a default');
  for (const item of booleanDefaults) assert.match(settingPickDescription(item), /^bool · default (true|false)$/, item.path);
});
