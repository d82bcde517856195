/**
 * Issue 10, points 1, 2, 3, 7, 9 and the detector failure: each rule against the sentence of the
 * DDF or the guides it rests on, on files of the shape real exports have.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { registeredAdapters } from '../../../server/src/formats/detect';
import type { FormatAdapter } from '../../../server/src/formats/adapter';
import { getLanguageService } from '../../../server/src/service/languageService';
import { runCli } from '../../../server/src/cli/runCli';
import { runLintJob } from '../../../server/src/cli/lintJob';
import { ROOT, TENANT, validate } from './helpers';

const SHAPES = join(ROOT, 'test', 'fixtures', 'realworld-shapes');

function codesOf(text: string, uri: string, languageId?: string): string[] {
  const service = getLanguageService({}, { log: (message) => { throw new Error(message); } });
  return service.validate({ uri, languageId, version: 1, text }).map((d) => `${d.range.start.line + 1} ${d.code}: ${d.message}`);
}

function policy(settings: string, deployment = '  model: hybrid\n  trust: cloud-kerberos\n  management: intune\n'): string {
  return `whfb: 1\ntenantId: ${TENANT}\ndeployment:\n${deployment}settings:\n${settings}`;
}

function setting(omaUri: string, type: string, value: string): string {
  return `  - omaUri: ${omaUri}\n    type: ${type}\n    value: ${value}\n`;
}

const PFW = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies';
const BASE = setting(`${PFW}/UsePassportForWork`, 'bool', 'true') + setting(`${PFW}/RequireSecurityDevice`, 'bool', 'true');

// ---- Point 1: ADMX-backed Policy CSP settings ------------------------------------------------

/** A Settings Catalog policy with one WHfB setting and the given extra instances. */
function settingsCatalog(extra: string[]): string {
  const whfb = `{"settingInstance":{"@odata.type":"#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance","settingDefinitionId":"device_vendor_msft_passportforwork_{tenantid}","groupSettingCollectionValue":[{"children":[{"@odata.type":"#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance","settingDefinitionId":"device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork","choiceSettingValue":{"value":"device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork_true","children":[]}},{"@odata.type":"#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance","settingDefinitionId":"device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice","choiceSettingValue":{"value":"device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice_true","children":[]}}]}]}}`;
  return `{\n"@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicy",\n"name": "WHfB",\n"settings": [\n${[whfb, ...extra].join(',\n')}\n]\n}`;
}

function admxChoice(id: string, option: string, children = ''): string {
  return `{"settingInstance":{"@odata.type":"#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance","settingDefinitionId":"${id}","choiceSettingValue":{"value":"${id}_${option}","children":[${children}]}}}`;
}

test('point 1: ADMX-backed settings are Settings Catalog choices _1/_0 with children; Intune writes the <enabled/> payload', () => {
  // DDF: <MSFT:AllowedValues ValueType="ADMX"><MSFT:AdmxBacked Area=... Name="DefaultCredentialProvider" File="CredentialProviders.admx"/>
  // The <enabled/> form is what a raw OMA-URI needs; the Settings Catalog offers Enabled (_1) / Disabled (_0).
  const camera = 'device_vendor_msft_policy_config_devicelock_preventenablinglockscreencamera';
  const slideShow = 'device_vendor_msft_policy_config_devicelock_preventlockscreenslideshow';
  const provider = 'device_vendor_msft_policy_config_admx_credentialproviders_defaultcredentialprovider';
  const message = `{"@odata.type":"#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance","settingDefinitionId":"${provider}_defaultcredentialprovider_message","simpleSettingValue":{"@odata.type":"#microsoft.graph.deviceManagementConfigurationStringSettingValue","value":"{D6886603-9D2F-4EB2-B667-1971041FA96B}"}}`;
  const good = settingsCatalog([admxChoice(camera, '1'), admxChoice(slideShow, '0'), admxChoice(provider, '1', message)]);
  assert.deepEqual(codesOf(good, 'file:///exports/whfb.json', 'json'), []);

  const bad = settingsCatalog([admxChoice(camera, '2')]);
  const found = codesOf(bad, 'file:///exports/whfb.json', 'json');
  assert.equal(found.length, 1);
  assert.match(found[0]!, /WHFB103: PreventEnablingLockScreenCamera is an ADMX-backed policy, a choice in the Settings Catalog: its option is _1 \(Enabled\) or _0 \(Disabled\), not _2/);
});

test('point 1: IntuneCD YAML of the same policy passes; the raw OMA-URI form still needs <enabled/> or <disabled/>', () => {
  const intunecd = readFileSync(join(SHAPES, 'intunecd-whfb-with-lockscreen-admx.yaml'), 'utf8');
  assert.deepEqual(codesOf(intunecd, 'file:///backup/Settings Catalog/whfb.yaml', 'yaml'), []);

  const raw = policy(BASE
    + setting('./Device/Vendor/MSFT/Policy/Config/ADMX_CredentialProviders/DefaultCredentialProvider', 'string', `'<enabled/><data id="DefaultCredentialProvider_Message" value="{D6886603-9D2F-4EB2-B667-1971041FA96B}"/>'`)
    + setting('./Device/Vendor/MSFT/Policy/Config/DeviceLock/PreventEnablingLockScreenCamera', 'string', '"1"'));
  const found = validate(raw).map((d) => `${d.code}: ${d.message}`);
  assert.deepEqual(found.filter((m) => m.startsWith('WHFB103')), [
    'WHFB103: PreventEnablingLockScreenCamera is an ADMX-backed policy: an OMA-URI value must be <enabled/> (with its <data id=... value=.../> elements) or <disabled/>, or Windows rejects it.',
  ]);
});

// ---- Point 2: list nodes -----------------------------------------------------------------------

test('point 2: DeviceUnlock GroupA/GroupB are comma-separated lists of GUIDs, each item checked', () => {
  // DDF GroupA: "Contains a list of providers by GUID that are to be considered for the first step of authentication"
  // Guide (configure device unlock factors): "Configure a comma separated list of credential provider GUIDs"
  const unlock = './Device/Vendor/MSFT/PassportForWork/DeviceUnlock';
  const good = policy(BASE
    + setting(`${unlock}/GroupA`, 'string', "'{D6886603-9D2F-4EB2-B667-1971041FA96B},{8AF662BF-65A0-4D0A-A540-A338A999D36F}'")
    + setting(`${unlock}/GroupB`, 'string', "'{27FBDB57-B613-4AF2-9D7E-4FA7A66C21AD}'"));
  assert.deepEqual(validate(good).filter((d) => d.code === 'WHFB103'), []);

  const bad = policy(BASE + setting(`${unlock}/GroupA`, 'string', "'{D6886603-9D2F-4EB2-B667-1971041FA96B},D6886603,'"));
  const messages = validate(bad).filter((d) => d.code === 'WHFB103').map((d) => d.message);
  assert.equal(messages.length, 1);
  assert.match(messages[0]!, /^GroupA is a comma-separated list whose items match .*; "D6886603", an empty item do not\. Windows rejects the value\.$/);
});

test('point 2: the catalog knows every list node from the DDF (MSFT:List, the description) or the guide', async () => {
  const catalog = JSON.parse(readFileSync(join(ROOT, 'data', 'generated', 'catalog.json'), 'utf8')) as { nodes: { path: string; list?: { delimiter: string; source: string } }[] };
  const lists = Object.fromEntries(catalog.nodes.filter((n) => n.list && n.path.startsWith('./Device/')).map((n) => [n.path.replace(/^.*\/MSFT\//, ''), n.list!.delimiter]));
  assert.deepEqual(lists, {
    'ClientCertificateInstall/SCEP/{UniqueID}/Install/AADKeyIdentifierList': ';',
    'ClientCertificateInstall/SCEP/{UniqueID}/Install/EKUMapping': '+',
    'PassportForWork/DeviceUnlock/GroupA': ',',
    'PassportForWork/DeviceUnlock/GroupB': ',',
    'Policy/Config/Authentication/ConfigureWebSignInAllowedUrls': ';',
    'Policy/Config/Authentication/ConfigureWebcamAccessDomainNames': ';',
    'Policy/Config/Kerberos/UPNNameHints': '\uF000',
  });
});

// ---- Point 3: WHFB181 and which files are WHfB policies ---------------------------------------

test('point 3: a credential provider GUID is no secret; a plain-text password still is', () => {
  const text = policy(BASE
    + setting('./Device/Vendor/MSFT/Policy/Config/ADMX_CredentialProviders/DefaultCredentialProvider', 'string', `'<enabled/><data id="DefaultCredentialProvider_Message" value="{60b78e88-ead8-445c-9cfd-0b87f74ea6cd}"/>'`)
    + setting('./Device/Vendor/MSFT/PassportForWork/DeviceUnlock/GroupA', 'string', "'{D6886603-9D2F-4EB2-B667-1971041FA96B}'")
    + setting('./Device/Vendor/MSFT/ClientCertificateInstall/PFXCertInstall/lab/ContainerName', 'string', 'contoso-whfb-lab')
    + setting('./Device/Vendor/MSFT/ClientCertificateInstall/PFXCertInstall/lab/PFXCertPassword', 'string', "'Lab-Pfx#2024!'"));
  const secrets = validate(text).filter((d) => d.code === 'WHFB181');
  assert.equal(secrets.length, 1);
  assert.equal(text.split('\n')[secrets[0]!.range.start.line], "    value: 'Lab-Pfx#2024!'");
});

test('point 3: a Settings Catalog file holding only CredentialProviders/Authentication settings is not a WHfB policy', () => {
  // Decision (formats/whfbPolicy.ts): an export is a WHfB policy when it names a node of a CSP whose
  // nodes the WHfB guides document (PassportForWork); Policy CSP areas appear in every baseline.
  const text = readFileSync(join(SHAPES, 'sc-credential-providers-only.json'), 'utf8');
  const service = getLanguageService();
  const doc = { uri: 'file:///exports/sign-in-options.json', languageId: 'json', version: 1, text };
  assert.equal(service.detectFormat(doc), undefined);
  assert.deepEqual(service.validate(doc), []);
});

// ---- Point 7: WHFB170 per servicing branch -------------------------------------------------------

function withBuild(build: string, settings: string): string[] {
  const text = policy(BASE + settings, `  model: hybrid\n  trust: cloud-kerberos\n  management: intune\n  minimumOsBuild: ${build}\n`);
  return validate(text).filter((d) => d.code === 'WHFB170').map((d) => d.message);
}

const CLOUD_TRUST = setting(`${PFW}/UseCloudTrustForOnPremAuth`, 'bool', 'true');
const POST_LOGON = setting(`${PFW}/DisablePostLogonProvisioning`, 'bool', 'false');

test('point 7: UseCloudTrustForOnPremAuth (DDF "10.0.22621, 10.0.22000.527, 10.0.19044.1566") per branch', () => {
  // Guide (deploy/index.md): "Windows 10 21H2, with KB5010415 and later" / "Windows 11 21H2, with KB5010414 and later".
  assert.deepEqual(withBuild('10.0.19045', CLOUD_TRUST), [], '22H2 is serviced together with 21H2');
  assert.deepEqual(withBuild('10.0.19045.3803', CLOUD_TRUST), []);
  assert.deepEqual(withBuild('10.0.19044.1566', CLOUD_TRUST), []);
  assert.deepEqual(withBuild('10.0.22631', CLOUD_TRUST), []);
  assert.deepEqual(withBuild('10.0.26100', CLOUD_TRUST), []);
  assert.match(withBuild('10.0.19041', CLOUD_TRUST)[0]!, /^UseCloudTrustForOnPremAuth needs Windows 10\.0\.22621, 10\.0\.22000\.527, 10\.0\.19044\.1566 or later .*minimumOsBuild 10\.0\.19041 is older/);
  assert.match(withBuild('10.0.19044.1288', CLOUD_TRUST)[0]!, /minimumOsBuild 10\.0\.19044\.1288 is older/);
  assert.match(withBuild('10.0.22000.194', CLOUD_TRUST)[0]!, /minimumOsBuild 10\.0\.22000\.194 is older/);
  assert.match(withBuild('10.0.19044', CLOUD_TRUST)[0]!, /needs Windows 10\.0\.19044\.1566 or later on the 19044 branch .*names no revision/);
});

test('point 7: DisablePostLogonProvisioning is on every build newer than the branches the DDF lists', () => {
  // DDF: "99.9.99999, 10.0.22621.3374, 10.0.22000.2899, 10.0.20348.2402, 10.0.19041.4239"
  assert.deepEqual(withBuild('10.0.26100', POST_LOGON), []);
  assert.deepEqual(withBuild('10.0.22621.3374', POST_LOGON), []);
  assert.match(withBuild('10.0.22621.2861', POST_LOGON)[0]!, /is older/);
});

test('point 7: a node the DDF lists only for Insider builds (99.9.99999) says so', () => {
  const attest = setting('./Device/Vendor/MSFT/ClientCertificateInstall/SCEP/cert1/Install/AttestPrivateKey', 'int', '1');
  const [message] = withBuild('10.0.26100', attest);
  assert.match(message!, /^AttestPrivateKey exists only on Windows Insider builds \(the DDF lists 99\.9\.99999 and no released build\)/);
});

// ---- Point 9: WHFB120 ----------------------------------------------------------------------------

const MIN = (scope: string) => `./${scope}/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/MinimumPINLength`;
const MAX = (scope: string) => `./${scope}/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/MaximumPINLength`;

test('point 9: the minimum PIN length must be less than the maximum, in the values that apply together', () => {
  // DDF MinimumPINLength: "The largest number you can configure must be less than the number configured in
  // the Maximum PIN length policy setting" and "If the above specified conditions for the minimum PIN length
  // are not met, default values will be used for both the maximum and minimum PIN lengths."
  // Configure guide: "If there's a conflicting device policy and user policy, the user policy takes precedence."
  const pin = (settings: string) => validate(policy(BASE + settings)).filter((d) => d.code === 'WHFB120').map((d) => d.message);
  const [equal] = pin(setting(MIN('Device'), 'int', '8') + setting(MAX('Device'), 'int', '8'));
  assert.equal(equal, 'MinimumPINLength (8) is equal to MaximumPINLength (8) (device scope): the minimum must be less than the maximum, otherwise Windows ignores both and uses the default values for the minimum and maximum PIN lengths. Lower the minimum or raise the maximum.');
  assert.deepEqual(pin(setting(MIN('Device'), 'int', '6') + setting(MAX('Device'), 'int', '8')), []);
  // A user-scoped maximum applies with the device-scoped minimum.
  assert.match(pin(setting(MIN('Device'), 'int', '10') + setting(MAX('User'), 'int', '8'))[0]!, /MinimumPINLength \(10\) is greater than MaximumPINLength \(8\) \(user scope, which takes precedence, with the device scope for the other\)/);
  // The user scope overrides a device minimum that would have clashed: only the device pair is reported.
  assert.deepEqual(pin(setting(MIN('Device'), 'int', '6') + setting(MAX('Device'), 'int', '12') + setting(MIN('User'), 'int', '8')), []);
});

// ---- detect.ts: a detector that throws -----------------------------------------------------------

const throwing: FormatAdapter = {
  formats: ['settings-catalog-json'],
  detect() { throw new Error('detector exploded'); },
  parse() { throw new Error('never called'); },
  renderFix() { throw new Error('never called'); },
};

test('a detector that throws is an internal error for that file: logged, and a diagnostic in the editor', () => {
  const logged: string[] = [];
  const service = getLanguageService({}, { log: (message) => logged.push(message), adapters: [throwing, ...registeredAdapters()] });
  const doc = { uri: 'file:///exports/whfb.json', languageId: 'json', version: 1, text: '{"settings": []}' };
  assert.equal(service.detectFormat(doc), 'settings-catalog-json', 'the file is not dropped as "not a policy"');
  const diagnostics = service.validate(doc);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.severity, 1, 'an error, never a clean file');
  assert.match(diagnostics[0]!.message, /could not check this file: detecting its format .* failed with an internal error \(detector exploded\)/);
  assert.ok(logged.some((line) => line.includes('detector exploded')), 'logged with its stack');
});

test('whfb-lint exits 2 and names the file when a detector throws', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const file = join(SHAPES, 'sc-pin-length-equal.json');
  const code = await runCli([file], { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), cwd: ROOT, isTty: false, env: {} },
    async (job) => runLintJob(job, (log) => getLanguageService({}, { log, adapters: [throwing, ...registeredAdapters()] })));
  assert.equal(code, 2);
  assert.match(err.join(''), /sc-pin-length-equal\.json.*detector exploded/);
});
