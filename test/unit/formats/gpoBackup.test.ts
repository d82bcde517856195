/**
 * Group Policy backups (Backup-GPO): gpreport.xml and registry.pol read into the one model, judged
 * by the same rules as MDM exports, claimed only when they hold Windows Hello for Business policies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { registryPolBytes } from '../../../scripts/fixtures/registryPolBytes';
import { GPO_BACKUP_POL_FILES, GPO_BACKUP_ROOT } from '../../../scripts/fixtures/writeGpoBackupFixtures';
import { isWalkedFileName } from '../../../server/src/cli/collectFiles';
import { decodeFileBytes } from '../../../shared/decodeText';
import { gpoReportAdapter } from '../../../server/src/formats/gpoReport';
import { registryPolAdapter } from '../../../server/src/formats/gpoRegistryPol';
import { brief, service } from '../service/helpers';
import { catalog } from './fixtures';

const CLOUD = '{3D6E9A12-7B4C-4E1F-8A5D-C2B0F9E7A111}';
const CERT = '{9F2B4C83-1E5D-4A6B-B7C8-0D3E5F7A9B22}';
const OTHER = '{C51A7E94-3F2D-4B8E-9C06-E1A2B3D4F533}';
const PASSPORT = 'SOFTWARE\\Policies\\Microsoft\\PassportForWork';
const languageService = service();

function input(relativePath: string) {
  const path = join(GPO_BACKUP_ROOT, relativePath);
  return { uri: `file://${path}`, version: 1, text: decodeFileBytes(readFileSync(path)) };
}

function polInput(records: Parameters<typeof registryPolBytes>[0], uri = 'file:///backup/{X}/DomainSysvol/GPO/Machine/registry.pol') {
  return { uri, version: 1, text: decodeFileBytes(registryPolBytes(records)) };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

test('the committed registry.pol fixtures are exactly what scripts/fixtures/writeGpoBackupFixtures.ts writes', () => {
  for (const [path, records] of Object.entries(GPO_BACKUP_POL_FILES)) {
    assert.ok(readFileSync(join(GPO_BACKUP_ROOT, path)).equals(registryPolBytes(records)), `${path} is stale: run npx tsx scripts/fixtures/writeGpoBackupFixtures.ts`);
  }
});

test('a Backup-GPO folder: the WHfB GPOs\' gpreport.xml and registry.pol are claimed, Backup.xml, bkupInfo.xml, manifest.xml and the unrelated GPO are not', () => {
  const claimed = walk(GPO_BACKUP_ROOT).sort().map((path) => [relative(GPO_BACKUP_ROOT, path).replace(/\\/g, '/'), languageService.detectFormat(input(relative(GPO_BACKUP_ROOT, path))) ?? '-']);
  assert.deepEqual(claimed, [
    ['manifest.xml', '-'],
    [`${CLOUD}/Backup.xml`, '-'],
    [`${CLOUD}/DomainSysvol/GPO/Machine/registry.pol`, 'registry-pol'],
    [`${CLOUD}/bkupInfo.xml`, '-'],
    [`${CLOUD}/gpreport.xml`, 'gpo-report-xml'],
    [`${CERT}/Backup.xml`, '-'],
    [`${CERT}/DomainSysvol/GPO/Machine/registry.pol`, 'registry-pol'],
    [`${CERT}/DomainSysvol/GPO/User/registry.pol`, 'registry-pol-user'],
    [`${CERT}/bkupInfo.xml`, '-'],
    [`${CERT}/gpreport.xml`, 'gpo-report-xml'],
    [`${OTHER}/Backup.xml`, '-'],
    [`${OTHER}/DomainSysvol/GPO/Machine/registry.pol`, '-'],
    [`${OTHER}/bkupInfo.xml`, '-'],
    [`${OTHER}/gpreport.xml`, '-'],
  ]);
});

test('the clean cloud Kerberos trust GPO gets no diagnostic in either file', () => {
  assert.deepEqual(languageService.validate(input(`${CLOUD}/gpreport.xml`)).map(brief), []);
  assert.deepEqual(languageService.validate(input(`${CLOUD}/DomainSysvol/GPO/Machine/registry.pol`)).map(brief), []);
});

test('gpreport.xml (UTF-16 with BOM, CRLF): the policies become Group Policy entries and MDM settings, and the rules judge them there', () => {
  const doc = input(`${CERT}/gpreport.xml`);
  const diagnostics = languageService.validate(doc);
  const lines = doc.text.split('\n');
  const covered = diagnostics.map((d) => `${d.code} ${lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character)}`);
  assert.deepEqual(covered.sort(), ['WHFB103 2', 'WHFB133 Use cloud trust for on-premises authentication']);
  const cloud = diagnostics.find((d) => d.code === 'WHFB133')!;
  assert.match(cloud.message, /Group Policy "Use certificate for on-premises authentication" is enabled/);

  const model = gpoReportAdapter.parse(doc.text, 'gpo-report-xml', catalog);
  assert.deepEqual(model.groupPolicy.map((e) => `${e.scope?.value}: ${e.policy.value} = ${e.state?.value}`), [
    'computer: Use Windows Hello for Business = Enabled',
    'computer: Use cloud trust for on-premises authentication = Enabled',
    'computer: Use certificate for on-premises authentication = Enabled',
    'computer: Use a hardware security device = Enabled',
    'computer: Minimum PIN length = Enabled',
    'computer: Certificate Services Client - Auto-Enrollment = Enabled',
    'user: Use Windows Hello for Business = Enabled',
    'user: Use certificate for on-premises authentication = Enabled',
  ]);
  assert.deepEqual(model.settings.map((s) => `${s.node!.path.replace(/^.*PassportForWork\/(\{TenantId\}\/Policies\/)?/, '')}=${String(s.value!.value)} (${s.groupPolicy!.policy.value})`), [
    'UsePassportForWork=true (Use Windows Hello for Business)',
    'DisablePostLogonProvisioning=false (Use Windows Hello for Business)',
    'UseCloudTrustForOnPremAuth=true (Use cloud trust for on-premises authentication)',
    'UseCertificateForOnPremAuth=true (Use certificate for on-premises authentication)',
    'RequireSecurityDevice=true (Use a hardware security device)',
    'ExcludeSecurityDevices/TPM12=false (Use a hardware security device)',
    'PINComplexity/MinimumPINLength=2 (Minimum PIN length)',
    'UsePassportForWork=true (Use Windows Hello for Business)',
  ]);
  assert.equal(model.settings.at(-1)!.node!.path, './User/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork');
});

test('registry.pol: findings stand on the record\'s bytes and name the Group Policy', () => {
  const doc = input(`${CERT}/DomainSysvol/GPO/Machine/registry.pol`);
  const bytes = readFileSync(join(GPO_BACKUP_ROOT, `${CERT}/DomainSysvol/GPO/Machine/registry.pol`));
  const model = registryPolAdapter.parse(doc.text, 'registry-pol', catalog);
  const findings = languageService.validate(doc);
  assert.deepEqual(findings.map((d) => d.code).sort(), ['WHFB103', 'WHFB133']);
  const pin = model.settings.find((s) => s.node?.name === 'MinimumPINLength')!;
  assert.equal(bytes.readUInt32LE(pin.value!.range.start), 2);
  assert.equal(bytes.subarray(model.groupPolicy.find((e) => e.policy.value.startsWith('Use cloud'))!.policy.range.start, model.groupPolicy.find((e) => e.policy.value.startsWith('Use cloud'))!.policy.range.end).toString('utf16le'), 'UseCloudTrustForOnPremAuth');
  const user = registryPolAdapter.parse(input(`${CERT}/DomainSysvol/GPO/User/registry.pol`).text, 'registry-pol-user', catalog);
  assert.deepEqual(user.groupPolicy.map((e) => `${e.scope?.value}: ${e.policy.value}`), ['user: Use Windows Hello for Business', 'user: Use certificate for on-premises authentication']);
  assert.equal(user.settings[0]!.node!.scope, 'user');
});

test('registry.pol: a policy disabled by its value, a "**del." of a policy value, soft values and unknown values', () => {
  const doc = polInput([
    { key: PASSPORT, value: 'Enabled', type: 'REG_DWORD', data: 0 },
    { key: `${PASSPORT}\\PINComplexity`, value: 'Digits', type: 'REG_DWORD', data: 2 },
    { key: `${PASSPORT}\\PINComplexity`, value: '**del.History', type: 'REG_SZ', data: ' ' },
    { key: `${PASSPORT}\\PINComplexity`, value: '**soft.MaximumPINLength', type: 'REG_DWORD', data: 64 },
    { key: PASSPORT, value: 'SomethingNew', type: 'REG_DWORD', data: 1 },
  ]);
  const model = registryPolAdapter.parse(doc.text, 'registry-pol', catalog);
  assert.deepEqual(model.groupPolicy.map((e) => `${e.policy.value} = ${e.state?.value}`), ['Use Windows Hello for Business = Disabled', 'Require digits = Disabled', 'Maximum PIN length = Enabled']);
  assert.deepEqual(model.settings.map((s) => `${s.node!.name}=${String(s.value!.value)}`), ['UsePassportForWork=false', 'Digits=2', 'MaximumPINLength=64']);
});

test('registry.pol: a policy value of the wrong registry type is reported, naming the key and value', () => {
  const diagnostics = languageService.validate(polInput([{ key: PASSPORT, value: 'UseCloudTrustForOnPremAuth', type: 'REG_SZ', data: '1' }]));
  assert.deepEqual(diagnostics.map((d) => d.code), ['WHFB102']);
  assert.match(diagnostics[0]!.message, /PassportForWork\\UseCloudTrustForOnPremAuth is written as REG_SZ; Group Policy "Use cloud trust for on-premises authentication" writes a REG_DWORD/);
});

test('a truncated WHfB registry.pol is still claimed and gets WHFB001 at the byte where it ends', () => {
  const bytes = registryPolBytes([{ key: PASSPORT, value: 'Enabled', type: 'REG_DWORD', data: 1 }, { key: PASSPORT, value: 'UseCloudTrustForOnPremAuth', type: 'REG_DWORD', data: 1 }]);
  // Cut inside the first value name (the key names PassportForWork), and inside the last record's data.
  for (const cut of [8 + 2 + (PASSPORT.length + 1) * 2 + 2 + 6, bytes.length - 5]) {
    const doc = { uri: 'file:///b/Machine/registry.pol', version: 1, text: decodeFileBytes(bytes.subarray(0, cut)) };
    assert.equal(languageService.detectFormat(doc), 'registry-pol', `cut at ${cut}`);
    const diagnostics = languageService.validate(doc);
    assert.deepEqual(diagnostics.map((d) => d.code), ['WHFB001'], `cut at ${cut}`);
    assert.match(diagnostics[0]!.message, /registry\.pol is truncated at byte/);
  }
});

test('a GPO-delivered setting is the Group Policy side: WHFB160 (Group Policy and MDM both) does not fire inside a GPO', () => {
  const codes = languageService.validate(input(`${CLOUD}/gpreport.xml`)).map((d) => d.code);
  assert.ok(!codes.includes('WHFB160'));
});

test('other Group Policy reports, other registry.pol files and unrelated XML get nothing', () => {
  const report = readFileSync(join(GPO_BACKUP_ROOT, `${OTHER}/gpreport.xml`));
  assert.equal(languageService.detectFormat({ uri: 'file:///r/gpreport.xml', version: 1, text: decodeFileBytes(report) }), undefined);
  assert.equal(languageService.detectFormat(polInput([{ key: 'Software\\Policies\\Microsoft\\Windows\\System', value: 'AllowDomainPINLogon', type: 'REG_DWORD', data: 0 }])), undefined);
  assert.equal(languageService.detectFormat(polInput([{ key: 'Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\Kerberos\\Parameters', value: 'CloudKerberosTicketRetrievalEnabled', type: 'REG_DWORD', data: 1 }])), undefined);
  assert.equal(languageService.detectFormat({ uri: 'file:///r/pom.xml', version: 1, text: '<project><name>Windows Hello for Business</name></project>' }), undefined);
});

test('hover on a Group Policy name in gpreport.xml explains the setting and its MDM node', () => {
  const doc = input(`${CLOUD}/gpreport.xml`);
  const lines = doc.text.split('\n');
  const line = lines.findIndex((text) => text.includes('<q1:Name>Use cloud trust for on-premises authentication</q1:Name>'));
  const hover = languageService.hover(doc, { line, character: lines[line]!.indexOf('Use cloud') + 3 });
  const value = (hover?.contents as { value: string }).value;
  assert.match(value, /Use cloud trust for on-premises authentication/);
  assert.match(value, /PassportForWork\/\{TenantId\}\/Policies\/UseCloudTrustForOnPremAuth/);
});

test('a gpreport.xml that is not well-formed XML gets WHFB001 rather than silence', () => {
  const text = decodeFileBytes(readFileSync(join(GPO_BACKUP_ROOT, `${CLOUD}/gpreport.xml`))).replace('</q1:State>', '</q1:Stat>');
  const diagnostics = languageService.validate({ uri: 'file:///r/gpreport.xml', version: 1, text });
  assert.deepEqual(diagnostics.map((d) => d.code), ['WHFB001']);
});

test('a directory walk picks up registry.pol files by name', () => {
  assert.ok(isWalkedFileName('registry.pol'));
  assert.ok(isWalkedFileName('Registry.pol'));
  assert.ok(!isWalkedFileName('comment.cmtx.pol'));
});
