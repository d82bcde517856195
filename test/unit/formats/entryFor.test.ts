/**
 * entryFor writes what the rules expect: every settable catalog node, inserted with its proposed
 * value in every format that holds OMA-URI entries, resolves to that node and gets no WHFB101
 * (unknown node), WHFB102 (type), WHFB103 (value) or WHFB106 (not settable) finding. The one
 * exception is a free-text node with no default: its entry has an empty value for the user to
 * fill in, and WHFB103 says it needs one. (The `bin` PFXCertBlob nodes once got `type: string`
 * from Insert setting and then WHFB102 "set type to base64".)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCatalog } from '../../../server/src/catalog/catalog';
import type { CatalogNode } from '../../../server/src/catalog/types';
import { detectFormat } from '../../../server/src/formats/detect';
import { entryFor, entrySnippetFor, isSettable, proposedValue } from '../../../server/src/formats/settingEntry';
import type { SourceFormat } from '../../../server/src/model/types';
import { entryTypeOf } from '../../../server/src/model/values';
import { runRules } from '../../../server/src/rules/runRules';

const TENANT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const CHECKED = new Set(['WHFB101', 'WHFB102', 'WHFB103', 'WHFB106']);

interface Container { format: SourceFormat; uri: string; wrap(entries: string[]): string; indent: number; separator: string }

const CONTAINERS: Container[] = [
  {
    format: 'whfb-yaml', uri: 'file:///work/all.whfb.yaml', indent: 2, separator: '',
    wrap: (entries) => `whfb: 1\ntenantId: ${TENANT}\nsettings:\n${entries.join('')}`,
  },
  {
    format: 'custom-profile-json', uri: 'file:///work/all.json', indent: 4, separator: ',\n',
    wrap: (entries) => `{\n  "@odata.type": "#microsoft.graph.windows10CustomConfiguration",\n  "displayName": "All nodes",\n  "omaSettings": [\n${entries.join(',\n')}\n  ]\n}\n`,
  },
  {
    format: 'custom-profile-yaml', uri: 'file:///work/all.yaml', indent: 2, separator: '',
    wrap: (entries) => `"@odata.type": "#microsoft.graph.windows10CustomConfiguration"\ndisplayName: All nodes\nomaSettings:\n${entries.join('')}`,
  },
  {
    format: 'syncml', uri: 'file:///work/all.xml', indent: 4, separator: '\n',
    wrap: (entries) => `<?xml version="1.0" encoding="utf-8"?>\n<SyncML xmlns="SYNCML:SYNCML1.2">\n  <SyncBody>\n${entries.join('\n')}\n    <Final/>\n  </SyncBody>\n</SyncML>\n`,
  },
];

/** Exports name a tenant GUID; our policy file writes {TenantId} and states tenantId. */
function withTenant(node: CatalogNode, format: SourceFormat): CatalogNode {
  return format === 'whfb-yaml' ? node : { ...node, path: node.path.replace('{TenantId}', TENANT) };
}

const catalog = getCatalog();
const settable = catalog.nodes.filter(isSettable);

for (const container of CONTAINERS) {
  test(`entryFor: every settable node in ${container.format} resolves and gets no ${[...CHECKED].join('/')} finding`, () => {
    const entries = settable.map((node, index) => entryFor(withTenant(node, container.format), container.format, undefined, { indent: container.indent, ...(container.format === 'syncml' ? { cmdId: index + 1 } : {}) }));
    assert.ok(entries.every((entry) => entry !== undefined), `${container.format} writes entries`);
    const text = container.wrap(entries as string[]);
    const detected = detectFormat({ uri: container.uri, text });
    assert.equal(detected?.format, container.format, 'the file is read as the format it was written in');
    const model = detected!.adapter.parse(text, container.format, catalog);
    assert.equal(model.settings.length, settable.length, 'one setting per inserted entry');
    const findings = runRules(model, catalog, { ruleSeverity: {} })!;
    const problems: string[] = [];
    model.settings.forEach((setting, index) => {
      const node = settable[index]!;
      if (setting.node?.path !== node.path) problems.push(`${node.path}: resolved to ${setting.node?.path ?? 'nothing'}`);
      const free = proposedValue(node) === '';
      for (const item of findings) {
        if (!CHECKED.has(item.code) || item.range.start < setting.range.start || item.range.start > setting.range.end) continue;
        if (free && item.code === 'WHFB103' && / needs a value/.test(item.message)) continue;
        problems.push(`${node.path} (${node.format}): ${item.code} ${item.message}`);
      }
    });
    assert.deepEqual(problems, []);
  });
}

test('the two bin nodes (PFXCertBlob) are written as base64 in every format', () => {
  const bin = catalog.nodes.filter((node) => node.format === 'bin' && isSettable(node));
  assert.ok(bin.length >= 2, `bin nodes: ${bin.map((node) => node.path).join(', ')}`);
  for (const node of bin) {
    assert.equal(entryTypeOf(node), 'base64');
    assert.match(entryFor(node, 'whfb-yaml')!, /\n {2}type: base64\n/);
    assert.match(entryFor(node, 'custom-profile-json')!, /"#microsoft\.graph\.omaSettingBase64"/);
    assert.match(entryFor(node, 'syncml')!, /<Format xmlns="syncml:metinf">bin<\/Format>/);
  }
});

test('entrySnippetFor (Insert setting, completion) writes the same types: a bin node is base64, the value tab stop 1', () => {
  const node = catalog.nodes.find((each) => each.format === 'bin' && isSettable(each))!;
  assert.match(entrySnippetFor(node, 'whfb-yaml', { indent: 2 })!, /^ {2}- omaUri: .*PFXCertBlob\n {4}type: base64\n {4}value: \$\{1:''\}\n$/);
  assert.match(entrySnippetFor(node, 'custom-profile-json')!, /"@odata\.type": "#microsoft\.graph\.omaSettingBase64"/);
  const flag = catalog.byPath('./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork')!;
  assert.equal(entrySnippetFor(flag, 'whfb-yaml', { flow: true }), '{ omaUri: "./Device/Vendor/MSFT/PassportForWork/{TenantId\\}/Policies/UsePassportForWork", type: bool, value: ${1|true,false|} \\}');
  assert.match(entrySnippetFor(flag, 'custom-profile-json', { tenantGuid: TENANT })!, new RegExp(`"omaUri": "\\./Device/Vendor/MSFT/PassportForWork/${TENANT}/Policies/UsePassportForWork"`));
});
