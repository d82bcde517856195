/**
 * The rule x format matrix: for every check the design names, in every export format it applies to,
 * a fixture that triggers it (asserted by code AND range, and by the text the squiggle covers) and the
 * same file corrected, which must get no error and no warning. Fixtures: test/fixtures/matrix/<format>/
 * <CODE>[-variant]-{bad,good}.<ext>. The policy-YAML side of the matrix lives in test/unit/service/rules.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFileBytes } from '../../../shared/decodeText';
import { DiagnosticSeverity, type Diagnostic } from '../../../server/src/lsp/protocolTypes';
import { brief, service } from '../service/helpers';
import { FIXTURES } from './fixtures';

const MATRIX = join(FIXTURES, 'matrix');
const GUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const POLICIES = `./Device/Vendor/MSFT/PassportForWork/${GUID}/Policies`;

/** One (format, check): the diagnostic the bad file must get, and the text its range covers. */
interface MatrixCase {
  /** Rule code, optionally with a variant suffix naming a second way to trigger it ("WHFB102-choice"). */
  name: string;
  expected: string;
  covers: string;
  /** Set when the product does not report the check yet: the test is a todo with this reason. */
  todo?: string;
}

interface MatrixFormat {
  folder: string;
  extension: string;
  cases: MatrixCase[];
}

const MATRIX_TABLE: MatrixFormat[] = [
  {
    folder: 'settings-catalog', extension: 'json', cases: [
      { name: 'WHFB101', expected: '33:40-33:111 WHFB101', covers: 'device_vendor_msft_passportforwork_{tenantid}_policies_enablepinrecovry' },
      { name: 'WHFB102', expected: '35:34-35:98 WHFB102', covers: '#microsoft.graph.deviceManagementConfigurationStringSettingValue' },
      { name: 'WHFB102-choice', expected: '35:28-35:115 WHFB102', covers: 'device_vendor_msft_passportforwork_{tenantid}_policies_pincomplexity_minimumpinlength_6' },
      { name: 'WHFB103', expected: '36:27-36:28 WHFB103', covers: '2' },
      { name: 'WHFB120', expected: '36:27-36:29 WHFB120', covers: '12' },
      { name: 'WHFB133', expected: '35:110-35:114 WHFB133', covers: 'true' },
      { name: 'WHFB150', expected: '44:27-44:28 WHFB150', covers: '8' },
      { name: 'WHFB171', expected: '11:32-11:80 WHFB171', covers: 'device_vendor_msft_passportforwork_usebiometrics' },
    ],
  },
  {
    folder: 'intunecd-settings-catalog', extension: 'yaml', cases: [
      { name: 'WHFB101', expected: '23:35-23:106 WHFB101', covers: 'device_vendor_msft_passportforwork_{tenantid}_policies_enablepinrecovry' },
      { name: 'WHFB102', expected: '25:32-25:96 WHFB102', covers: '#microsoft.graph.deviceManagementConfigurationStringSettingValue' },
      { name: 'WHFB102-choice', expected: '25:23-25:110 WHFB102', covers: 'device_vendor_msft_passportforwork_{tenantid}_policies_pincomplexity_minimumpinlength_6' },
      { name: 'WHFB103', expected: '26:23-26:24 WHFB103', covers: '2' },
      { name: 'WHFB120', expected: '26:23-26:25 WHFB120', covers: '12' },
      { name: 'WHFB133', expected: '25:105-25:109 WHFB133', covers: 'true' },
      { name: 'WHFB150', expected: '31:23-31:24 WHFB150', covers: '8' },
      { name: 'WHFB171', expected: '9:27-9:75 WHFB171', covers: 'device_vendor_msft_passportforwork_usebiometrics' },
    ],
  },
  {
    folder: 'custom-profile', extension: 'json', cases: [
      { name: 'WHFB101', expected: '20:17-20:116 WHFB101', covers: `${POLICIES}/EnablePinRecovry` },
      { name: 'WHFB102', expected: '18:22-18:55 WHFB102', covers: '#microsoft.graph.omaSettingString' },
      { name: 'WHFB103', expected: '21:15-21:16 WHFB103', covers: '2' },
      { name: 'WHFB104', expected: '20:54-20:77 WHFB104', covers: 'contoso.onmicrosoft.com' },
      { name: 'WHFB105', expected: '20:54-20:64 WHFB105', covers: '{TenantId}' },
      { name: 'WHFB106', expected: '20:17-20:65 WHFB106', covers: './Device/Vendor/MSFT/PassportForWork/SecurityKey' },
      { name: 'WHFB120', expected: '21:15-21:17 WHFB120', covers: '12' },
      { name: 'WHFB133', expected: '21:15-21:19 WHFB133', covers: 'true' },
      { name: 'WHFB150', expected: '27:15-27:16 WHFB150', covers: '8' },
      { name: 'WHFB171', expected: '20:17-20:67 WHFB171', covers: './Device/Vendor/MSFT/PassportForWork/UseBiometrics' },
      { name: 'WHFB180', expected: '21:16-21:20 WHFB180', covers: '****' },
      { name: 'WHFB181', expected: '21:16-21:48 WHFB181', covers: 'Xk9vQ2mLp7RtZ4wNb8Hc3JfYs6Ge1DaU' },
    ],
  },
  {
    folder: 'intunecd-custom-profile', extension: 'yaml', cases: [
      { name: 'WHFB101', expected: '14:12-14:111 WHFB101', covers: `${POLICIES}/EnablePinRecovry` },
      { name: 'WHFB102', expected: '12:20-12:53 WHFB102', covers: '#microsoft.graph.omaSettingString' },
      { name: 'WHFB103', expected: '15:11-15:12 WHFB103', covers: '2' },
      { name: 'WHFB104', expected: '14:49-14:72 WHFB104', covers: 'contoso.onmicrosoft.com' },
      { name: 'WHFB105', expected: '14:49-14:59 WHFB105', covers: '{TenantId}' },
      { name: 'WHFB106', expected: '14:12-14:60 WHFB106', covers: './Device/Vendor/MSFT/PassportForWork/SecurityKey' },
      { name: 'WHFB120', expected: '15:11-15:13 WHFB120', covers: '12' },
      { name: 'WHFB133', expected: '15:11-15:15 WHFB133', covers: 'true' },
      { name: 'WHFB150', expected: '19:11-19:12 WHFB150', covers: '8' },
      { name: 'WHFB171', expected: '14:12-14:62 WHFB171', covers: './Device/Vendor/MSFT/PassportForWork/UseBiometrics' },
      { name: 'WHFB180', expected: '15:12-15:16 WHFB180', covers: '****' },
      { name: 'WHFB181', expected: '15:11-15:43 WHFB181', covers: 'Xk9vQ2mLp7RtZ4wNb8Hc3JfYs6Ge1DaU' },
    ],
  },
  {
    folder: 'syncml', extension: 'syncml.xml', cases: [
      { name: 'WHFB101', expected: '32:18-32:117 WHFB101', covers: `${POLICIES}/EnablePinRecovry` },
      { name: 'WHFB102', expected: '35:40-35:43 WHFB102', covers: 'chr' },
      { name: 'WHFB103', expected: '37:14-37:15 WHFB103', covers: '2' },
      { name: 'WHFB104', expected: '32:55-32:78 WHFB104', covers: 'contoso.onmicrosoft.com' },
      { name: 'WHFB106', expected: '32:18-32:66 WHFB106', covers: './Device/Vendor/MSFT/PassportForWork/SecurityKey' },
      { name: 'WHFB120', expected: '37:14-37:16 WHFB120', covers: '12' },
      { name: 'WHFB133', expected: '37:14-37:18 WHFB133', covers: 'true' },
      { name: 'WHFB150', expected: '49:14-49:15 WHFB150', covers: '8' },
      { name: 'WHFB171', expected: '32:18-32:68 WHFB171', covers: './Device/Vendor/MSFT/PassportForWork/UseBiometrics' },
    ],
  },
  {
    folder: 'identity-protection', extension: 'json', cases: [
      { name: 'WHFB002', expected: '14:34-14:43 WHFB002', covers: 'sometimes' },
      { name: 'WHFB103', expected: '12:22-12:23 WHFB103', covers: '2' },
      { name: 'WHFB120', expected: '12:22-12:24 WHFB120', covers: '12' },
    ],
  },
  {
    folder: 'intunecd-identity-protection', extension: 'yaml', cases: [
      { name: 'WHFB103', expected: '7:18-7:19 WHFB103', covers: '2' },
      { name: 'WHFB120', expected: '7:18-7:20 WHFB120', covers: '12' },
    ],
  },
  {
    folder: 'enrollment', extension: 'json', cases: [
      { name: 'WHFB002', expected: '13:12-13:14 WHFB002', covers: 'on' },
      { name: 'WHFB103', expected: '18:25-18:28 WHFB103', covers: '800' },
      { name: 'WHFB120', expected: '8:22-8:24 WHFB120', covers: '12' },
    ],
  },
  {
    folder: 'intunecd-enrollment', extension: 'yaml', cases: [
      { name: 'WHFB002', expected: '17:7-17:9 WHFB002', covers: 'on' },
      { name: 'WHFB103', expected: '5:21-5:24 WHFB103', covers: '800' },
    ],
  },
  {
    folder: 'intents', extension: 'json', cases: [
      { name: 'WHFB002', expected: '41:23-41:101 WHFB002', covers: 'deviceConfiguration--windowsIdentityProtectionConfiguration_pinRecoveryEnabeld' },
      { name: 'WHFB103', expected: '43:15-43:17 WHFB103', covers: '60' },
      { name: 'WHFB120', expected: '22:15-22:17 WHFB120', covers: '12' },
    ],
  },
  {
    folder: 'intunecd-intents', extension: 'yaml', cases: [
      { name: 'WHFB103', expected: '13:9-13:10 WHFB103', covers: '2' },
      { name: 'WHFB120', expected: '13:9-13:11 WHFB120', covers: '12' },
    ],
  },
  {
    folder: 'markdown', extension: 'md', cases: [
      { name: 'WHFB101', expected: '5:31-5:130 WHFB101', covers: `${POLICIES}/EnablePinRecovry` },
      { name: 'WHFB104', expected: '5:68-5:91 WHFB104', covers: 'contoso.onmicrosoft.com' },
      { name: 'WHFB171', expected: '5:31-5:81 WHFB171', covers: './Device/Vendor/MSFT/PassportForWork/UseBiometrics' },
    ],
  },
  {
    folder: 'powershell', extension: 'ps1', cases: [
      { name: 'WHFB101', expected: '3:14-3:113 WHFB101', covers: `${POLICIES}/EnablePinRecovry` },
      { name: 'WHFB104', expected: '3:51-3:74 WHFB104', covers: 'contoso.onmicrosoft.com' },
      { name: 'WHFB171', expected: '3:14-3:64 WHFB171', covers: './Device/Vendor/MSFT/PassportForWork/UseBiometrics' },
    ],
  },
  {
    // Group Policy reports (Backup-GPO's gpreport.xml, UTF-16 with BOM and CRLF as Windows writes it).
    folder: 'gpo-report', extension: 'gpreport.xml', cases: [
      { name: 'WHFB103', expected: '33:22-33:23 WHFB103', covers: '2' },
      { name: 'WHFB120', expected: '33:22-33:24 WHFB120', covers: '12' },
      { name: 'WHFB133', expected: '33:19-33:65 WHFB133', covers: 'Use cloud trust for on-premises authentication' },
    ],
  },
  {
    // SyncML commands without the <SyncML> envelope, as Fleet keeps Windows profiles (WHFB150: in one <Atomic>).
    folder: 'syncml-fragment', extension: 'xml', cases: [
      { name: 'WHFB101', expected: '26:14-26:113 WHFB101', covers: `${POLICIES}/EnablePinRecovry` },
      { name: 'WHFB102', expected: '29:36-29:39 WHFB102', covers: 'chr' },
      { name: 'WHFB103', expected: '31:10-31:11 WHFB103', covers: '2' },
      { name: 'WHFB104', expected: '26:51-26:74 WHFB104', covers: 'contoso.onmicrosoft.com' },
      { name: 'WHFB106', expected: '26:14-26:62 WHFB106', covers: './Device/Vendor/MSFT/PassportForWork/SecurityKey' },
      { name: 'WHFB150', expected: '43:12-43:13 WHFB150', covers: '8' },
      { name: 'WHFB171', expected: '26:14-26:64 WHFB171', covers: './Device/Vendor/MSFT/PassportForWork/UseBiometrics' },
    ],
  },
  {
    // PowerShell that builds policies: OMA hashtables ($TenantId segments) and Graph JSON in here-strings.
    folder: 'powershell-graph', extension: 'ps1', cases: [
      { name: 'WHFB101', expected: '21:25-21:105 WHFB101', covers: './Device/Vendor/MSFT/PassportForWork/$($TenantId)/Policies/RequireSecurityDevise' },
      { name: 'WHFB102', expected: '25:25-25:58 WHFB102', covers: '#microsoft.graph.omaSettingString' },
      { name: 'WHFB103', expected: '28:24-28:25 WHFB103', covers: '2' },
      { name: 'WHFB103-custom-herestring', expected: '23:15-23:16 WHFB103', covers: '2' },
      { name: 'WHFB103-settings-catalog-herestring', expected: '28:133-28:134 WHFB103', covers: '2' },
      { name: 'WHFB104', expected: '15:62-15:85 WHFB104', covers: 'contoso.onmicrosoft.com' },
      { name: 'WHFB150', expected: '34:24-34:25 WHFB150', covers: '8' },
      { name: 'WHFB171', expected: '21:25-21:75 WHFB171', covers: './Device/Vendor/MSFT/PassportForWork/UseBiometrics' },
    ],
  },
  {
    // Microsoft365DSC configurations: custom policy OmaSettings, Settings Catalog, Account protection, Identity protection.
    folder: 'dsc-powershell', extension: 'ps1', cases: [
      { name: 'WHFB101', expected: '41:30-41:134 WHFB101', covers: `${POLICIES}/RequireSecurityDevise` },
      { name: 'WHFB102', expected: '52:33-52:66 WHFB102', covers: '#microsoft.graph.omaSettingString' },
      { name: 'WHFB103', expected: '51:28-51:29 WHFB103', covers: '2' },
      { name: 'WHFB103-account-protection', expected: '34:35-34:36 WHFB103', covers: '2' },
      { name: 'WHFB103-identity-protection', expected: '33:59-33:60 WHFB103', covers: '2' },
      { name: 'WHFB103-settings-catalog', expected: '56:55-56:56 WHFB103', covers: '2' },
      { name: 'WHFB002-graph-value', expected: '31:60-31:69 WHFB002', covers: 'sometimes' },
    ],
  },
];

const languageService = service();

function fixturePath(format: MatrixFormat, name: string, kind: 'bad' | 'good'): string {
  return join(MATRIX, format.folder, `${name}-${kind}.${format.extension}`);
}

function validateFixture(path: string): { text: string; diagnostics: Diagnostic[] } {
  // As whfb-lint reads it: a UTF-16 gpreport.xml is decoded like any file.
  const text = decodeFileBytes(readFileSync(path));
  return { text, diagnostics: languageService.validate({ uri: `file://${path}`, version: 1, text }) };
}

function coveredText(text: string, diagnostic: Diagnostic): string {
  const lines = text.split('\n');
  const { start, end } = diagnostic.range;
  if (start.line !== end.line) return `${lines[start.line]!.slice(start.character)}\n${lines[end.line]!.slice(0, end.character)}`;
  return lines[start.line]!.slice(start.character, end.character);
}

for (const format of MATRIX_TABLE) {
  for (const matrixCase of format.cases) {
    const title = `${format.folder} ${matrixCase.name}: the bad file is flagged where the user wrote the mistake, the corrected one is clean`;
    if (matrixCase.todo) {
      test.todo(`${title} (${matrixCase.todo})`);
      continue;
    }
    test(title, () => {
      const bad = validateFixture(fixturePath(format, matrixCase.name, 'bad'));
      assert.deepEqual(bad.diagnostics.map(brief), [matrixCase.expected]);
      assert.equal(coveredText(bad.text, bad.diagnostics[0]!), matrixCase.covers);

      const good = validateFixture(fixturePath(format, matrixCase.name, 'good'));
      const serious = good.diagnostics.filter((diagnostic) => diagnostic.severity <= DiagnosticSeverity.Warning);
      assert.deepEqual(serious.map((diagnostic) => `${brief(diagnostic)} ${diagnostic.message}`), []);
    });
  }
}

test('every matrix fixture on disk has a row in the table, and every row has its bad and good file', () => {
  const expected = new Set<string>();
  for (const format of MATRIX_TABLE) {
    for (const matrixCase of format.cases) {
      for (const kind of ['bad', 'good'] as const) {
        const path = fixturePath(format, matrixCase.name, kind);
        assert.ok(existsSync(path), `missing ${path}`);
        expected.add(path);
      }
    }
  }
  const onDisk = readdirSync(MATRIX).flatMap((folder) => readdirSync(join(MATRIX, folder)).map((file) => join(MATRIX, folder, file)));
  assert.deepEqual(onDisk.filter((path) => !expected.has(path)), []);
});
