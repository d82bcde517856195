/**
 * The text the Insert setting and Open reference commands get from the server: where an entry
 * goes, the entry written for a node, what a line references. (The commands ask for it over
 * whfb/planInsertSetting and whfb/referenceAt; test/protocol/commandRequests.test.ts drives those.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { getCatalog } from '../../../server/src/catalog/catalog';
import { indentRelativeToLine, planJsonOmaSettingInsertion, planYamlSettingInsertion, type Insertion } from '../../../server/src/features/insertionPoint';
import { linksInMarkdown, referenceAt, settingIdCandidates } from '../../../server/src/features/lineReferences';
import { jsonOmaSettingSnippet, nodeDetail, yamlSettingSnippet } from '../../../server/src/features/settingEntry';
import { candidateValues, isSettable, snippetLiteral } from '../../../server/src/formats/settingEntry';

const catalog = getCatalog();
const USE = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork';
const MIN_PIN = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/MinimumPINLength';
const KERBEROS = './Device/Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled';
const node = (path: string) => {
  const found = catalog.byPath(path) ?? catalog.resolve(path).node;
  assert.ok(found, path);
  return found;
};

/** What the editor inserts for a snippet when the user accepts every default: first choice, placeholder text. */
function expandSnippet(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i]!;
    if (ch === '\\' && i + 1 < snippet.length) { out += snippet[++i]; continue; }
    const choice = /^\$\{\d+\|((?:\\.|[^|\\])*?)(?:,(?:\\.|[^|\\])*)*\|\}/.exec(snippet.slice(i));
    if (choice) { out += choice[1]!.replace(/\\(.)/g, '$1'); i += choice[0].length - 1; continue; }
    const placeholder = /^\$\{\d+:/.exec(snippet.slice(i));
    if (placeholder) { i += placeholder[0].length - 1; continue; }
    if (ch === '}' ) continue; // the end of a placeholder (literal braces are escaped)
    out += ch;
  }
  return out;
}

function apply(text: string, insertion: Insertion | undefined, body: string): string {
  assert.ok(insertion, 'a place is planned');
  return text.slice(0, insertion.start) + expandSnippet(`${snippetLiteral(insertion.before)}${body}${snippetLiteral(insertion.after)}`) + text.slice(insertion.end);
}

test('inserted policy-file entries carry the DDF type and a value the node allows', () => {
  const bool = yamlSettingSnippet(node(USE), '  ');
  assert.equal(expandSnippet(bool), `  - omaUri: ${USE}\n    type: bool\n    value: true\n`);
  assert.match(bool, /\$\{1\|true,false\|\}/, 'a choice, DDF default ("True") first');
  assert.equal(expandSnippet(yamlSettingSnippet(node(MIN_PIN), '- '.slice(2))), `- omaUri: ${MIN_PIN}\n  type: int\n  value: 4\n`);
  assert.match(yamlSettingSnippet(node(KERBEROS), '  '), /type: int\n {4}value: \$\{1\|0,1\|\}/);
  assert.deepEqual(candidateValues(node(KERBEROS)), ['0', '1']);
  const settable = catalog.nodes.filter(isSettable);
  assert.ok(settable.length > 100 && settable.every((n) => !n.interior));
  assert.ok(nodeDetail(node(MIN_PIN)).startsWith('Minimum PIN length configures'));
});

test('insert into a policy file: after the entry under the cursor, at the end of settings, or a new settings list', () => {
  const file = [
    'whfb: 1',
    'tenantId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    'settings:',
    '  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork',
    '    type: bool',
    '    value: true',
    '  # whfb-ignore WHFB190',
    '  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/RequireSecurityDevice',
    '    type: bool',
    '    value: false',
    'groupPolicy: []',
    '',
  ].join('\n');
  const entry = (indent: string) => yamlSettingSnippet(node(MIN_PIN), indent);

  const cursorInFirst = file.indexOf('type: bool');
  const first = planYamlSettingInsertion(file, cursorInFirst);
  const afterFirst = apply(file, first, entry(first!.indent));
  const settings = (parseYaml(afterFirst) as { settings: { omaUri: string }[] }).settings;
  assert.deepEqual(settings.map((s) => s.omaUri.split('/').pop()), ['UsePassportForWork', 'MinimumPINLength', 'RequireSecurityDevice']);

  const atEnd = planYamlSettingInsertion(file, 0);
  const appended = parseYaml(apply(file, atEnd, entry(atEnd!.indent))) as { settings: { omaUri: string; type: string; value: number }[]; groupPolicy: unknown[] };
  assert.deepEqual(appended.settings[2], { omaUri: MIN_PIN, type: 'int', value: 4 });
  assert.deepEqual(appended.groupPolicy, []);

  const bare = 'whfb: 1\ntenantId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301';
  const created = planYamlSettingInsertion(bare, 3);
  assert.deepEqual((parseYaml(apply(bare, created, entry(created!.indent))) as { settings: unknown[] }).settings.length, 1);

  const flow = 'whfb: 1\nsettings: []\n';
  const fromFlow = planYamlSettingInsertion(flow, 0);
  assert.equal(apply(flow, fromFlow, entry(fromFlow!.indent)), `whfb: 1\nsettings:\n  - omaUri: ${MIN_PIN}\n    type: int\n    value: 4\n`);

  const columnZero = 'settings:\n- omaUri: x\n  type: bool\n  value: true\n';
  const zero = planYamlSettingInsertion(columnZero, 0);
  assert.equal(zero?.indent, '');
  assert.equal((parseYaml(apply(columnZero, zero, entry(zero!.indent))) as { settings: unknown[] }).settings.length, 2);
});

test('insert into a custom profile: a valid omaSettings object at the end of the array, with the tenant GUID the profile uses', () => {
  const tenant = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
  const profile = JSON.stringify({
    '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
    displayName: 'WHfB',
    omaSettings: [{ '@odata.type': '#microsoft.graph.omaSettingBoolean', omaUri: `./Device/Vendor/MSFT/PassportForWork/${tenant}/Policies/UsePassportForWork`, value: true }],
  }, null, 4);
  const at = planJsonOmaSettingInsertion(profile, 0);
  assert.equal(at.indent, '        ');
  const result = JSON.parse(apply(profile, at, jsonOmaSettingSnippet(node(MIN_PIN), at.indent, tenant))) as { omaSettings: Record<string, unknown>[] };
  assert.deepEqual(result.omaSettings[1], {
    '@odata.type': '#microsoft.graph.omaSettingInteger',
    displayName: 'MinimumPINLength',
    omaUri: `./Device/Vendor/MSFT/PassportForWork/${tenant}/Policies/PINComplexity/MinimumPINLength`,
    value: 4,
  });

  const empty = '{\n  "omaSettings": []\n}\n';
  const intoEmpty = planJsonOmaSettingInsertion(empty, 0);
  const fromEmpty = apply(empty, intoEmpty, jsonOmaSettingSnippet(node(KERBEROS), intoEmpty.indent));
  assert.equal((JSON.parse(fromEmpty) as { omaSettings: { value: number }[] }).omaSettings[0]!.value, 0);
  assert.match(fromEmpty, /\n {4}\{\n {6}"@odata.type"/);

  // Without a tenant GUID in the profile, {TenantId} is a tab stop to replace (Intune does not substitute it).
  assert.match(jsonOmaSettingSnippet(node(USE), ''), /PassportForWork\/\$\{2:\{TenantId\\\}\}\/Policies/);

  const noArray = '{ "a": 1 }';
  assert.deepEqual(planJsonOmaSettingInsertion(noArray, 5), { start: 5, end: 5, indent: '', before: '', after: '' });
  assert.equal(indentRelativeToLine('x\n    a\n      b', '    }'), 'x\na\n  b', 'the editor adds the line\'s indentation back');
});

test('insert into a Graph list of custom profiles: the profile under the cursor gets the object', () => {
  const list = JSON.stringify({
    value: [
      { displayName: 'BitLocker', omaSettings: [{ '@odata.type': '#microsoft.graph.omaSettingInteger', omaUri: './Device/Vendor/MSFT/Policy/Config/BitLocker/RequireDeviceEncryption', value: 1 }] },
      { displayName: 'WHfB', omaSettings: [{ '@odata.type': '#microsoft.graph.omaSettingBoolean', omaUri: USE, value: true }] },
    ],
  }, null, 2);
  const inWhfb = list.indexOf('"WHfB"');
  const plan = planJsonOmaSettingInsertion(list, inWhfb);
  const result = JSON.parse(apply(list, plan, jsonOmaSettingSnippet(node(KERBEROS), plan.indent))) as { value: { omaSettings: unknown[] }[] };
  assert.deepEqual(result.value.map((profile) => profile.omaSettings.length), [1, 2]);
  // Before the first profile, the first one is the only candidate.
  const atTop = planJsonOmaSettingInsertion(list, 0);
  const fromTop = JSON.parse(apply(list, atTop, jsonOmaSettingSnippet(node(KERBEROS), atTop.indent))) as { value: { omaSettings: unknown[] }[] };
  assert.deepEqual(fromTop.value.map((profile) => profile.omaSettings.length), [2, 1]);
});

test('open reference finds the OMA-URI, Settings Catalog id or Group Policy name on the line', () => {
  const line = `  - omaUri: ${USE}`;
  assert.deepEqual(referenceAt(line, 3), { kind: 'omaUri', text: USE });
  assert.deepEqual(referenceAt(`<LocURI>${KERBEROS}</LocURI>`, 20), { kind: 'omaUri', text: KERBEROS });
  const id = 'device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork_true';
  assert.deepEqual(referenceAt(`"settingDefinitionId": "${id}"`, 30), { kind: 'settingDefinitionId', text: id });
  assert.ok(settingIdCandidates(id).some((candidate) => catalog.bySettingsCatalogId(candidate)?.path === USE));
  assert.deepEqual(referenceAt('  - policy: "Use Windows Hello for Business"', 5), { kind: 'groupPolicy', text: 'Use Windows Hello for Business' });
  assert.equal(referenceAt('name: pilot', 2), undefined);
  assert.deepEqual(linksInMarkdown('[CSP](https://learn.microsoft.com/a) and [again](https://learn.microsoft.com/a) [g](https://x.test/b)'), [
    { title: 'CSP', href: 'https://learn.microsoft.com/a' },
    { title: 'g', href: 'https://x.test/b' },
  ]);
});

