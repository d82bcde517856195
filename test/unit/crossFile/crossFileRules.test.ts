/**
 * The cross-file rules (WHFB300-WHFB305) over every pair of formats that can express each case:
 * the finding stands in the file it should, names the other file in its message, and its related
 * location points at the other file's setting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { Diagnostic } from '../../../server/src/lsp/protocolTypes';
import { EXTENSION, FORMATS, LANGUAGE, TENANT, WITH_ASSIGNMENTS, writePolicy, type PolicySpec, type WrittenFormat } from './policyWriters';

interface Written { format: WrittenFormat; spec: PolicySpec; name: string }

function lint(...files: Written[]): Map<string, Diagnostic[]> {
  const service = getLanguageService();
  const docs = files.map((file) => ({ uri: `file:///repo/policies/${file.name}${EXTENSION[file.format]}`, languageId: LANGUAGE[file.format], version: 1, text: writePolicy(file.format, file.spec) }));
  const { refused } = service.indexFiles(docs);
  assert.deepEqual(refused, []);
  return new Map(docs.map((doc) => [doc.uri.slice('file:///repo/policies/'.length), service.crossFileDiagnostics(doc.uri)]));
}

function only(found: Map<string, Diagnostic[]>, code: string): Map<string, Diagnostic[]> {
  return new Map([...found].map(([name, list]) => [name, list.filter((item) => item.code === code)]));
}

function assertPointsAt(diagnostic: Diagnostic, otherName: string): void {
  assert.ok(diagnostic.message.includes(otherName), `the message names ${otherName}: ${diagnostic.message}`);
  const related = diagnostic.relatedInformation ?? [];
  assert.ok(related.some((item) => item.location.uri.endsWith(`/${otherName}`)), `related points at ${otherName}: ${JSON.stringify(related)}`);
}

const pairs = FORMATS.flatMap((a) => FORMATS.map((b) => [a, b] as const));

test('WHFB300: the same setting with different values in two files, in every pair of formats', () => {
  for (const [a, b] of pairs) {
    const found = only(lint(
      { format: a, name: 'a', spec: { settings: [{ name: 'RequireSecurityDevice', value: true }] } },
      { format: b, name: 'b', spec: { settings: [{ name: 'RequireSecurityDevice', value: false }] } },
    ), 'WHFB300');
    const [first, second] = [`a${EXTENSION[a]}`, `b${EXTENSION[b]}`];
    assert.equal(found.get(first)?.length, 1, `${a} / ${b}`);
    assert.equal(found.get(second)?.length, 1, `${a} / ${b}`);
    assertPointsAt(found.get(first)![0]!, second);
    assertPointsAt(found.get(second)![0]!, first);
    assert.match(found.get(first)![0]!.message, /if their assignments overlap/);
  }
});

test('WHFB300: the same value in two files is no conflict', () => {
  for (const [a, b] of pairs) {
    const found = only(lint(
      { format: a, name: 'a', spec: { settings: [{ name: 'MinimumPINLength', value: 8 }] } },
      { format: b, name: 'b', spec: { settings: [{ name: 'MinimumPINLength', value: 8 }] } },
    ), 'WHFB300');
    assert.deepEqual([...found.values()].flat(), [], `${a} / ${b}`);
  }
});

test('a value the device would reject (WHFB103 in its own file) contradicts nothing in another file', () => {
  for (const [a, b] of pairs) {
    const found = lint(
      { format: a, name: 'a', spec: { settings: [{ name: 'MinimumPINLength', value: 2 }, { name: 'MaximumPINLength', value: 1000 }] } },
      { format: b, name: 'b', spec: { settings: [{ name: 'MinimumPINLength', value: 8 }, { name: 'MaximumPINLength', value: 10 }] } },
    );
    assert.deepEqual([...found.values()].flat().map((item) => item.code), [], `${a} / ${b}`);
  }
});

test('WHFB300: assignments decide whether two exports meet', () => {
  const cases: { left: PolicySpec['assignments']; right: PolicySpec['assignments']; conflict: boolean; words?: RegExp }[] = [
    { left: [{ kind: 'all-devices' }], right: [{ kind: 'all-devices' }], conflict: true, words: /both are assigned to All devices/ },
    { left: [{ kind: 'all-devices' }], right: [{ kind: 'group', id: 'g1' }], conflict: true, words: /one is assigned to All devices/ },
    { left: [{ kind: 'group', id: 'g1' }], right: [{ kind: 'group', id: 'G1' }], conflict: true, words: /group g1/ },
    { left: [{ kind: 'group', id: 'g1' }], right: [{ kind: 'group', id: 'g2' }], conflict: false },
    { left: [{ kind: 'all-devices' }, { kind: 'exclude', id: 'pilot' }], right: [{ kind: 'group', id: 'pilot' }], conflict: false },
    { left: [], right: [{ kind: 'all-devices' }], conflict: false },
    { left: undefined, right: [{ kind: 'all-devices' }], conflict: true, words: /if their assignments overlap/ },
  ];
  for (const a of WITH_ASSIGNMENTS) {
    for (const b of WITH_ASSIGNMENTS) {
      for (const item of cases) {
        const found = only(lint(
          { format: a, name: 'a', spec: { settings: [{ name: 'MinimumPINLength', value: 6 }], ...(item.left ? { assignments: item.left } : {}) } },
          { format: b, name: 'b', spec: { settings: [{ name: 'MinimumPINLength', value: 8 }], ...(item.right ? { assignments: item.right } : {}) } },
        ), 'WHFB300');
        const list = [...found.values()].flat();
        assert.equal(list.length, item.conflict ? 2 : 0, `${a} / ${b}: ${JSON.stringify(item)}`);
        if (item.words) assert.match(list[0]!.message, item.words);
      }
    }
  }
});

test('WHFB300: files of two tenants never conflict', () => {
  const found = only(lint(
    { format: 'custom-profile-json', name: 'a', spec: { settings: [{ name: 'RequireSecurityDevice', value: true }] } },
    { format: 'syncml', name: 'b', spec: { tenant: '11111111-2222-3333-4444-555555555555', settings: [{ name: 'RequireSecurityDevice', value: false }] } },
  ), 'WHFB300');
  assert.deepEqual([...found.values()].flat(), []);
});

test('WHFB301: certificate trust in one file and cloud Kerberos trust in another, in every pair of formats', () => {
  for (const [a, b] of pairs) {
    const found = only(lint(
      { format: a, name: 'cert', spec: { settings: [{ name: 'UseCertificateForOnPremAuth', value: true }] } },
      { format: b, name: 'cloud', spec: { settings: [{ name: 'UseCloudTrustForOnPremAuth', value: true }] } },
    ), 'WHFB301');
    const certificate = found.get(`cert${EXTENSION[a]}`) ?? [];
    assert.equal(certificate.length, 1, `${a} / ${b}`);
    assert.deepEqual(found.get(`cloud${EXTENSION[b]}`), [], 'the finding stands where the winning value is');
    assertPointsAt(certificate[0]!, `cloud${EXTENSION[b]}`);
    assert.match(certificate[0]!.message, /certificate trust takes precedence over cloud Kerberos trust/);
  }
});

test('WHFB301: Group Policy certificate trust in a policy file against cloud trust in an export', () => {
  for (const b of FORMATS) {
    const found = only(lint(
      { format: 'whfb-yaml', name: 'gpo', spec: { settings: [], groupPolicy: [{ policy: 'Use certificate for on-premises authentication', state: 'enabled' }] } },
      { format: b, name: 'cloud', spec: { settings: [{ name: 'UseCloudTrustForOnPremAuth', value: true }] } },
    ), 'WHFB301');
    assert.equal(found.get('gpo.whfb.yaml')?.length, 1, b);
  }
});

test('WHFB302: Windows Hello for Business enabled in one file and disabled in another, in every pair of formats', () => {
  for (const [a, b] of pairs) {
    const found = only(lint(
      { format: a, name: 'on', spec: { settings: [{ name: 'UsePassportForWork', value: true }] } },
      { format: b, name: 'off', spec: { settings: [{ name: 'UsePassportForWork', value: false }] } },
    ), 'WHFB302');
    // Two MDM policies: a conflict, so both sides carry it.
    assert.equal(found.get(`on${EXTENSION[a]}`)?.length, 1, `${a} / ${b}`);
    assert.equal(found.get(`off${EXTENSION[b]}`)?.length, 1, `${a} / ${b}`);
    assertPointsAt(found.get(`on${EXTENSION[a]}`)![0]!, `off${EXTENSION[b]}`);
    assert.deepEqual([...lint(
      { format: a, name: 'on', spec: { settings: [{ name: 'UsePassportForWork', value: true }] } },
      { format: b, name: 'off', spec: { settings: [{ name: 'UsePassportForWork', value: false }] } },
    ).values()].flat().filter((item) => item.code === 'WHFB300'), [], 'not also WHFB300');
  }
});

test('WHFB302: a disabled Group Policy wins over MDM enabling Windows Hello for Business', () => {
  for (const b of FORMATS) {
    const found = only(lint(
      { format: 'whfb-yaml', name: 'gpo', spec: { settings: [], groupPolicy: [{ policy: 'Use Windows Hello for Business', state: 'disabled' }] } },
      { format: b, name: 'intune', spec: { settings: [{ name: 'UsePassportForWork', value: true }] } },
    ), 'WHFB302');
    assert.equal(found.get('gpo.whfb.yaml')?.length, 1, b);
    assert.deepEqual(found.get(`intune${EXTENSION[b]}`), [], b);
    assert.match(found.get('gpo.whfb.yaml')![0]!.message, /this one wins \(Group Policy wins over the PassportForWork CSP\)/);
  }
});

test('WHFB303: the PIN minimum in one file above the maximum in another, in every pair of formats', () => {
  for (const [a, b] of pairs) {
    const found = only(lint(
      { format: a, name: 'min', spec: { settings: [{ name: 'MinimumPINLength', value: 10 }] } },
      { format: b, name: 'max', spec: { settings: [{ name: 'MaximumPINLength', value: 8 }] } },
    ), 'WHFB303');
    assert.equal(found.get(`min${EXTENSION[a]}`)?.length, 1, `${a} / ${b}`);
    assertPointsAt(found.get(`min${EXTENSION[a]}`)![0]!, `max${EXTENSION[b]}`);
    const fine = only(lint(
      { format: a, name: 'min', spec: { settings: [{ name: 'MinimumPINLength', value: 6 }] } },
      { format: b, name: 'max', spec: { settings: [{ name: 'MaximumPINLength', value: 8 }] } },
    ), 'WHFB303');
    assert.deepEqual([...fine.values()].flat(), []);
  }
});

test('WHFB304: Group Policy in a policy file against the same MDM setting in another file', () => {
  for (const b of FORMATS) {
    const found = only(lint(
      { format: 'whfb-yaml', name: 'gpo', spec: { settings: [], groupPolicy: [{ policy: 'Use a hardware security device', state: 'enabled' }] } },
      { format: b, name: 'intune', spec: { settings: [{ name: 'RequireSecurityDevice', value: true }] } },
    ), 'WHFB304');
    assert.equal(found.get('gpo.whfb.yaml')?.length, 1, b);
    assertPointsAt(found.get('gpo.whfb.yaml')![0]!, `intune${EXTENSION[b]}`);
    assert.match(found.get('gpo.whfb.yaml')![0]!.message, /Group Policy wins/);
  }
});

test('WHFB305: two tenant ids in one folder', () => {
  const other = '11111111-2222-3333-4444-555555555555';
  for (const a of ['whfb-yaml', 'custom-profile-json', 'syncml'] as const) {
    for (const b of ['whfb-yaml', 'custom-profile-yaml', 'syncml'] as const) {
      const found = only(lint(
        { format: a, name: 'a', spec: { settings: [{ name: 'RequireSecurityDevice', value: true }] } },
        { format: b, name: 'b', spec: { tenant: other, settings: [{ name: 'RequireSecurityDevice', value: true }] } },
      ), 'WHFB305');
      assert.deepEqual(found.get(`a${EXTENSION[a]}`), [], `${a} / ${b}`);
      assert.equal(found.get(`b${EXTENSION[b]}`)?.length, 1, `${a} / ${b}`);
      assert.equal(found.get(`b${EXTENSION[b]}`)![0]!.severity, 3);
      assertPointsAt(found.get(`b${EXTENSION[b]}`)![0]!, `a${EXTENSION[a]}`);
    }
  }
  const same = only(lint(
    { format: 'whfb-yaml', name: 'a', spec: { tenant: TENANT, settings: [] } },
    { format: 'syncml', name: 'b', spec: { settings: [{ name: 'RequireSecurityDevice', value: true }] } },
  ), 'WHFB305');
  assert.deepEqual([...same.values()].flat(), []);
});

test('an edit re-judges the file and its partners; a removed file takes its findings along', () => {
  const service = getLanguageService();
  const a = { uri: 'file:///repo/a.json', languageId: 'json', version: 1, text: writePolicy('custom-profile-json', { settings: [{ name: 'RequireSecurityDevice', value: true }] }) };
  const b = { uri: 'file:///repo/b.json', languageId: 'json', version: 1, text: writePolicy('custom-profile-json', { settings: [{ name: 'RequireSecurityDevice', value: true }] }) };
  service.indexFiles([a, b]);
  assert.deepEqual(service.crossFileDiagnostics(a.uri), []);
  const edited = { ...b, version: 2, text: writePolicy('custom-profile-json', { settings: [{ name: 'RequireSecurityDevice', value: false }] }) };
  const { changed } = service.indexFiles([edited]);
  assert.deepEqual(changed.sort(), [a.uri, b.uri]);
  assert.equal(service.crossFileDiagnostics(a.uri).length, 1);
  assert.equal(service.indexedDiagnostics(b.uri).filter((item) => item.code === 'WHFB300').length, 1);
  assert.deepEqual(service.unindexFiles([b.uri]).sort(), [a.uri, b.uri]);
  assert.deepEqual(service.crossFileDiagnostics(a.uri), []);
});

test('# whfb-ignore and the user\'s rule severities apply to cross-file findings', () => {
  const service = getLanguageService({ ruleSeverity: { WHFB300: 'warning' } });
  const a = { uri: 'file:///repo/a.whfb.yaml', languageId: 'whfb-yaml', version: 1, text: writePolicy('whfb-yaml', { settings: [{ name: 'RequireSecurityDevice', value: true }] }).replace('  - omaUri', '  # whfb-ignore WHFB300\n  - omaUri') };
  const b = { uri: 'file:///repo/b.whfb.yaml', languageId: 'whfb-yaml', version: 1, text: writePolicy('whfb-yaml', { settings: [{ name: 'RequireSecurityDevice', value: false }] }) };
  service.indexFiles([a, b]);
  assert.deepEqual(service.crossFileDiagnostics(a.uri), []);
  assert.deepEqual(service.crossFileDiagnostics(b.uri).map((item) => item.severity), [2]);
});

test('the index is bounded: files beyond the limit are refused', () => {
  const service = getLanguageService({ maxIndexedFiles: 1 });
  const doc = (name: string) => ({ uri: `file:///repo/${name}.json`, languageId: 'json', version: 1, text: writePolicy('custom-profile-json', { settings: [{ name: 'RequireSecurityDevice', value: true }] }) });
  assert.deepEqual(service.indexFiles([doc('a'), doc('b')]).refused, ['file:///repo/b.json']);
  assert.deepEqual(service.indexedFiles(), ['file:///repo/a.json']);
});

test('the rule reference examples: each bad folder gets its code, each good folder does not', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const root = join(__dirname, '..', '..', 'fixtures', 'crossfile');
  const languageOf = (file: string): string => (file.endsWith('.whfb.yaml') ? 'whfb-yaml' : file.endsWith('.json') ? 'json' : file.endsWith('.xml') ? 'xml' : 'yaml');
  for (const folder of readdirSync(root)) {
    const [code, kind] = folder.split('-') as [string, string];
    const service = getLanguageService();
    const docs = readdirSync(join(root, folder)).map((file) => ({ uri: pathToFileURL(join(root, folder, file)).href, languageId: languageOf(file), version: 1, text: readFileSync(join(root, folder, file), 'utf8') }));
    service.indexFiles(docs);
    const codes = docs.flatMap((doc) => service.crossFileDiagnostics(doc.uri).map((item) => item.code));
    if (kind === 'bad') assert.ok(codes.includes(code), `${folder}: ${codes.join(', ')}`);
    else assert.ok(!codes.includes(code), `${folder}: ${codes.join(', ')}`);
  }
});
