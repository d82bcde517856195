/**
 * Issue 10, points 4-6, 8, 10-14 (Group Policy half): the trust, enablement and Group Policy rules say
 * what the guides say, on MDM settings and Group Policy together, in the policy file and in the
 * export formats. Each test quotes the guide or DDF sentence it rests on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCatalog } from '../../../server/src/catalog/catalog';
import { RETIRED_RULES, RULES } from '../../../server/src/model/ruleCodes';
import { effectiveTrust } from '../../../server/src/rules/trustRules';
import type { Diagnostic } from '../../../server/src/lsp/protocolTypes';
import { brief, caret, service, TENANT, validate } from './helpers';

const P = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies';
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code).sort();
const only = (diagnostics: Diagnostic[], ...wanted: string[]) => diagnostics.filter((d) => wanted.includes(String(d.code)));

function policy(deployment: string, settings: [string, boolean | number][] = [], groupPolicy: [string, string, string?][] = []): string {
  const lines = [`whfb: 1`, `tenantId: ${TENANT}`, 'deployment:', ...deployment.trim().split('\n').map((line) => `  ${line.trim()}`)];
  if (settings.length === 0) lines.push('settings: []');
  else {
    lines.push('settings:');
    for (const [name, value] of settings) {
      const path = name.includes('/') ? name : `${P}/${name}`;
      lines.push(`  - omaUri: ${path}`, `    type: ${typeof value === 'boolean' ? 'bool' : 'int'}`, `    value: ${value}`);
    }
  }
  if (groupPolicy.length > 0) {
    lines.push('groupPolicy:');
    for (const [name, state, scope] of groupPolicy) lines.push(`  - policy: ${name}`, `    scope: ${scope ?? 'computer'}`, `    state: ${state}`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Point 4: WHFB131 no longer fires on valid configurations.
// ---------------------------------------------------------------------------------------------

test('point 4: cloud-only without UsePassportForWork gets no finding about enabling Windows Hello for Business', () => {
  // Cloud-only guide: "If you want to use Windows Hello for Business in a cloud-only environment with
  // its default settings, there's no extra configuration needed."
  // Configure guide: "Windows Hello for Business is enabled by default for devices that are Microsoft Entra joined."
  const text = policy('model: cloud-only\nmanagement: intune', [['RequireSecurityDevice', true]]);
  assert.deepEqual(validate(text).map(brief), []);
  assert.equal(getCatalog().byPath(`${P}/UsePassportForWork`)?.defaultValue?.toLowerCase(), 'true', 'the DDF default is True');
});

test('point 4: cloud Kerberos trust relying on the tenant-wide policy is advice (information), not an error', () => {
  // Cloud Kerberos trust guide: "If the Intune tenant-wide policy is enabled and configured to your
  // needs, you only need to enable the policy setting Use Cloud Trust For On Prem Auth."
  const text = policy('model: hybrid\ntrust: cloud-kerberos\nauthentication: password-hash-sync\nmanagement: intune', [['UseCloudTrustForOnPremAuth', true], ['RequireSecurityDevice', true]]);
  const diagnostics = validate(text);
  assert.deepEqual(codes(diagnostics), ['WHFB134']);
  assert.equal(diagnostics[0].severity, 3, 'information');
  assert.match(diagnostics[0].message, /tenant-wide policy/);
});

test('point 4 and 13: UsePassportForWork false is an error wherever the deployment block deploys WHfB, cloud-only included', () => {
  // Policy settings reference: "If you disable this policy setting, the device doesn't provision
  // Windows Hello for Business for any user".
  for (const deployment of ['model: cloud-only\nmanagement: intune', 'model: hybrid\ntrust: key\nmanagement: intune']) {
    const text = policy(deployment, [['UsePassportForWork', false], ['RequireSecurityDevice', true]]);
    const found = only(validate(text), 'WHFB131');
    assert.equal(found.length, 1, deployment);
    assert.equal(found[0].severity, 1, 'error');
    assert.match(found[0].message, /doesn't provision Windows Hello for Business for any user/);
  }
  // The same by Group Policy: "Use Windows Hello for Business" disabled.
  const gp = policy('model: on-premises\ntrust: key\nmanagement: group-policy', [], [['Use Windows Hello for Business', 'disabled'], ['Use a hardware security device', 'enabled']]);
  assert.deepEqual(only(validate(gp), 'WHFB131').map(brief), ['8:12-8:42 WHFB131']);
});

test('point 4: a Group Policy deployment without "Use Windows Hello for Business" is told the guide requires it', () => {
  // On-premises key trust guide: "There's 1 policy setting required to enable Windows Hello for Business in a key trust model: Use Windows Hello for Business".
  const text = policy('model: on-premises\ntrust: key\nmanagement: group-policy', [], [['Use a hardware security device', 'enabled']]);
  const found = only(validate(text), 'WHFB134');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /enable the Group Policy "Use Windows Hello for Business"/);
});

// ---------------------------------------------------------------------------------------------
// Points 5 and 11: what Windows does with every combination of trust flags, MDM and Group Policy.
// ---------------------------------------------------------------------------------------------

/**
 * The table, from the policy settings reference:
 * - Use certificate for on-premises authentication: "If you enable this policy setting, Windows Hello
 *   for Business enrolls a sign-in certificate that is used for on-premises authentication."
 * - Use cloud trust for on-premises authentication: "If you enable this policy setting, Windows Hello
 *   for Business uses a Kerberos ticket retrieved from authenticating to Microsoft Entra ID for
 *   on-premises authentication"; "If the certificate trust policy setting is enabled, it takes
 *   precedence over this policy setting."
 * - Both disabled or not configured: "Windows Hello for Business will use a key or a Kerberos ticket
 *   (depending on other policy settings)" / "uses a key or certificate (depending on other policy settings)": key trust.
 */
const TABLE: { certificate: boolean | undefined; cloud: boolean | undefined; windows: 'certificate' | 'cloud-kerberos' | 'key' }[] = [];
for (const certificate of [undefined, false, true]) {
  for (const cloud of [undefined, false, true]) {
    TABLE.push({ certificate, cloud, windows: certificate ? 'certificate' : cloud ? 'cloud-kerberos' : 'key' });
  }
}

const WORDS = { 'cloud-kerberos': 'cloud Kerberos trust', certificate: 'certificate trust', key: 'key trust' };

for (const channel of ['mdm', 'group-policy'] as const) {
  for (const row of TABLE) {
    for (const trust of ['cloud-kerberos', 'certificate', 'key'] as const) {
      const label = `certificate ${row.certificate ?? 'unset'}, cloud ${row.cloud ?? 'unset'}`;
      test(`points 5 and 11 (${channel}): ${trust} deployment, ${label}: Windows uses ${WORDS[row.windows]}, and the findings say so`, () => {
        assert.equal(effectiveTrust(!!row.certificate, !!row.cloud), row.windows);
        const settings: [string, boolean][] = [['UsePassportForWork', true], ['RequireSecurityDevice', true]];
        const gp: [string, string][] = [['Use Windows Hello for Business', 'enabled'], ['Use a hardware security device', 'enabled']];
        if (row.certificate !== undefined) {
          settings.push(['UseCertificateForOnPremAuth', row.certificate]);
          gp.push(['Use certificate for on-premises authentication', row.certificate ? 'enabled' : 'disabled']);
        }
        if (row.cloud !== undefined) {
          settings.push(['UseCloudTrustForOnPremAuth', row.cloud]);
          gp.push(['Use cloud trust for on-premises authentication', row.cloud ? 'enabled' : 'disabled']);
        }
        const model = trust === 'cloud-kerberos' ? 'hybrid' : 'on-premises';
        const deployment = `model: ${model}\ntrust: ${trust}${channel === 'mdm' ? '\nmanagement: intune' : '\nmanagement: group-policy'}${trust === 'certificate' && model === 'hybrid' ? '\nauthentication: federated' : ''}`;
        const text = channel === 'mdm' ? policy(deployment.replace('on-premises', 'hybrid') + (trust === 'certificate' ? '\nauthentication: federated' : ''), settings) : policy(deployment, [], gp);
        const all = validate(text);
        const diagnostics = only(all, 'WHFB130', 'WHFB133');
        const trustFindings = diagnostics.filter((d) => d.code === 'WHFB130');
        if (channel === 'mdm' && trust === 'certificate' && row.certificate === undefined) {
          // Through Intune the tenant-wide policy may set it (hybrid certificate trust guide: "If the Intune
          // tenant-wide policy is enabled and configured to your needs, you can skip to Enroll"): advice, naming what Windows uses otherwise.
          assert.deepEqual(trustFindings, []);
          const advice = only(all, 'WHFB134');
          assert.equal(advice.length, 1);
          assert.match(advice[0].message, new RegExp(`without it, Windows uses ${WORDS[row.windows]}`));
        } else if (row.windows === trust) {
          assert.deepEqual(trustFindings, [], 'Windows uses the trust the deployment declares');
        } else {
          assert.ok(trustFindings.length > 0, 'a WHFB130 says Windows uses another trust');
          for (const finding of trustFindings) assert.match(finding.message, new RegExp(`Windows uses ${WORDS[row.windows]}`));
        }
        // Both on, outside cloud Kerberos trust: the cloud flag is overridden (warning), never "selects cloud Kerberos trust".
        const overridden = diagnostics.filter((d) => d.code === 'WHFB133');
        assert.equal(overridden.length, row.certificate && row.cloud && trust !== 'cloud-kerberos' ? 1 : 0);
        for (const finding of diagnostics) assert.doesNotMatch(finding.message, /selects cloud Kerberos trust/);
      });
    }
  }
}

test('point 5: a cloud Kerberos policy whose Group Policy enables certificate trust is told certificate trust takes precedence', () => {
  // Cloud Kerberos trust guide: "If the Use certificate for on-premises authentication policy is
  // enabled, certificate trust takes precedence over cloud Kerberos trust. Ensure that the machines
  // that you want to enable cloud Kerberos trust have this policy not configured."
  const text = policy('model: hybrid\ntrust: cloud-kerberos\nauthentication: password-hash-sync\nmanagement: intune',
    [['UsePassportForWork', true], ['UseCloudTrustForOnPremAuth', true], ['RequireSecurityDevice', true]],
    [['Use certificate for on-premises authentication', 'enabled']]);
  const found = only(validate(text), 'WHFB130');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /Group Policy "Use certificate for on-premises authentication" is enabled: certificate trust takes precedence over cloud Kerberos trust/);
  assert.match(found[0].message, /not configured/);
});

test('point 5: an on-premises certificate trust Group Policy file that enables cloud trust gets a finding', () => {
  const text = policy('model: on-premises\ntrust: certificate\nmanagement: group-policy', [], [
    ['Use Windows Hello for Business', 'enabled'],
    ['Use certificate for on-premises authentication', 'enabled'],
    ['Use cloud Kerberos trust for on-premises authentication', 'enabled'],
    ['Certificate Services Client - Auto-Enrollment', 'enabled'],
    ['Use a hardware security device', 'enabled'],
  ]);
  const diagnostics = validate(text);
  assert.deepEqual(codes(diagnostics), ['WHFB133']);
  assert.match(diagnostics[0].message, /certificate trust takes precedence/);
  assert.equal(diagnostics[0].severity, 2, 'warning');
});

test('point 5: Group Policy decides a flag MDM also sets ("the conflicting CSP settings aren\'t applied until the group policy settings are cleared")', () => {
  const text = policy('model: hybrid\ntrust: cloud-kerberos\nauthentication: password-hash-sync\nmanagement: both',
    [['UsePassportForWork', true], ['UseCloudTrustForOnPremAuth', true], ['RequireSecurityDevice', true]],
    [['Use cloud trust for on-premises authentication', 'disabled']]);
  const found = only(validate(text), 'WHFB130');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /Group Policy "Use cloud trust for on-premises authentication" is disabled: Windows uses key trust/);
});

test('point 5: a Group Policy deployment that keeps its GPO elsewhere (no groupPolicy block) is not judged on missing policies', () => {
  const text = policy('model: on-premises\ntrust: certificate\nmanagement: group-policy');
  assert.deepEqual(validate(text).map(brief), []);
});

test('point 5: the generated on-premises templates (Group Policy only) are trust-checked and clean', () => {
  const templates = require('../../../data/generated/policy-templates.json') as Record<string, string>;
  for (const [id, text] of Object.entries(templates)) {
    const problems = validate(text).filter((d) => d.severity !== 3 && d.code !== 'WHFB104');
    assert.deepEqual(problems.map(brief), [], id);
  }
  // Remove "Use certificate for on-premises authentication" from the on-premises certificate template: WHFB130.
  const broken = templates['on-premises-certificate-trust'].replace(/ {2}- policy: Use certificate for on-premises authentication\n.*\n.*\n/, '');
  assert.deepEqual(codes(validate(broken).filter((d) => d.code === 'WHFB130')), ['WHFB130']);
});

test('point 11: exports without a deployment block: both flags on is a warning that Windows uses certificate trust', () => {
  const profile = JSON.stringify({
    '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
    displayName: 'WHfB',
    omaSettings: [
      { '@odata.type': '#microsoft.graph.omaSettingBoolean', displayName: 'cert', omaUri: `./Device/Vendor/MSFT/PassportForWork/${TENANT}/Policies/UseCertificateForOnPremAuth`, value: true },
      { '@odata.type': '#microsoft.graph.omaSettingBoolean', displayName: 'cloud', omaUri: `./Device/Vendor/MSFT/PassportForWork/${TENANT}/Policies/UseCloudTrustForOnPremAuth`, value: true },
    ],
  }, null, 2);
  const diagnostics = validate(profile, 'file:///work/whfb-profile.json');
  assert.deepEqual(codes(diagnostics), ['WHFB133']);
  assert.match(diagnostics[0].message, /Windows uses certificate trust and ignores UseCloudTrustForOnPremAuth/);
});

// ---------------------------------------------------------------------------------------------
// Point 6: certificate trust auto-enrollment.
// ---------------------------------------------------------------------------------------------

test('point 6: "Certificate Services Client - Auto-Enrollment" is a known Group Policy and is in the certificate trust templates and snippets', () => {
  // On-premises and hybrid certificate trust guides, Group Policy table: "Computer Configuration\Windows
  // Settings\Security Settings\Public Key Policies | Certificate Services Client - Auto-Enrollment".
  const info = getCatalog().groupPolicy('certificate services client - auto-enrollment');
  assert.equal(info?.name, 'Certificate Services Client - Auto-Enrollment');
  assert.equal(info?.location, 'Windows Settings > Security Settings > Public Key Policies');
  assert.deepEqual(info?.scopes, ['computer', 'user']);
  const templates = require('../../../data/generated/policy-templates.json') as Record<string, string>;
  assert.match(templates['on-premises-certificate-trust'], /- policy: Certificate Services Client - Auto-Enrollment\n/);
  const snippets = require('../../../snippets/whfb-yaml.json') as Record<string, { body: string[] }>;
  for (const name of ['Hybrid certificate trust: Group Policy', 'On-premises certificate trust: Group Policy']) {
    assert.ok(snippets[name].body.includes('- policy: Certificate Services Client - Auto-Enrollment'), name);
  }
  const text = policy('model: on-premises\ntrust: certificate\nmanagement: group-policy', [], [
    ['Use Windows Hello for Business', 'enabled'], ['Use certificate for on-premises authentication', 'enabled'],
    ['Certificate Services Client - Auto-Enrollment', 'enabled', 'user'], ['Use a hardware security device', 'enabled'],
  ]);
  assert.deepEqual(validate(text).map(brief), []);
});

// ---------------------------------------------------------------------------------------------
// Point 8: WHFB132 is retired.
// ---------------------------------------------------------------------------------------------

test('point 8: WHFB132 is retired, reserved, and reported nowhere', () => {
  // Cloud Kerberos trust guide: "There are two policy settings required to configure Windows Hello for
  // Business in a cloud Kerberos trust model: Use Windows Hello for Business, Use cloud trust for
  // on-premises authentication". CloudKerberosTicketRetrievalEnabled is neither.
  assert.ok(RETIRED_RULES.some((rule) => rule.code === 'WHFB132'));
  assert.ok(!RULES.some((rule) => rule.code === 'WHFB132'));
  const text = policy('model: hybrid\ntrust: cloud-kerberos\nauthentication: password-hash-sync\nmanagement: intune',
    [['UsePassportForWork', true], ['UseCloudTrustForOnPremAuth', true], ['RequireSecurityDevice', true], ['./Device/Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled', 0]]);
  assert.deepEqual(validate(text).map(brief), []);
  assert.deepEqual(validate(text.replace(/ {2}- omaUri: \.\/Device\/Vendor\/MSFT\/Policy\/Config\/Kerberos.*\n.*\n.*\n/, '')).map(brief), []);
});

// ---------------------------------------------------------------------------------------------
// Point 10: WHFB160 and MDMWinsOverGP.
// ---------------------------------------------------------------------------------------------

const KERBEROS = './Device/Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled';
const MDM_WINS = './Device/Vendor/MSFT/Policy/Config/ControlPolicyConflict/MDMWinsOverGP';

test('point 10: a Policy CSP setting beside its Group Policy: Group Policy wins unless MDMWinsOverGP is 1', () => {
  // Configure guide: "MDMWinsOverGP only applies to policies in the Policy CSP, while the Windows Hello
  // for Business policies are in the PassportForWork CSP." DDF (MDMWinsOverGP = 1): "The MDM policy is used and the GP policy is blocked."
  const base = (extra: [string, number][]) => policy('model: hybrid\ntrust: cloud-kerberos\nauthentication: password-hash-sync\nmanagement: intune',
    [['UsePassportForWork', true], ['UseCloudTrustForOnPremAuth', true], ['RequireSecurityDevice', true], [KERBEROS, 1], ...extra],
    [['Allow retrieving the Azure AD Kerberos Ticket Granting Ticket during logon', 'enabled']]);
  const without = only(validate(base([])), 'WHFB160');
  assert.equal(without.length, 1);
  assert.match(without[0].message, /MDMWinsOverGP is not 1, so Group Policy wins/);
  assert.match(without[0].message, /ControlPolicyConflict\/MDMWinsOverGP to 1/);
  assert.deepEqual(only(validate(base([[MDM_WINS, 1]])), 'WHFB160'), [], 'MDM wins: no warning');
  assert.deepEqual(only(validate(base([[MDM_WINS, 0]])), 'WHFB160').length, 1);
  assert.deepEqual(only(validate(base([[MDM_WINS, 1]])), 'WHFB101', 'WHFB103'), [], 'MDMWinsOverGP is a node the catalog knows');
});

test('point 10: a PassportForWork setting beside its Group Policy still warns, MDMWinsOverGP or not', () => {
  // Configure guide: "If you mix GPO and CSP policy settings, the conflicting CSP settings aren't applied until the group policy settings are cleared."
  const text = policy('model: hybrid\ntrust: key\nmanagement: intune',
    [['UsePassportForWork', true], ['RequireSecurityDevice', true], [MDM_WINS, 1]],
    [['Use a hardware security device', 'enabled']]);
  const found = only(validate(text), 'WHFB160');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /aren't applied until the group policy settings are cleared/);
  assert.doesNotMatch(found[0].message, /always/);
});

// ---------------------------------------------------------------------------------------------
// Point 12: WHFB161 accepts the names admins see.
// ---------------------------------------------------------------------------------------------

test('point 12: the guides\' names, the Group Policy editor\'s names and ADMX names are accepted; a typo gets "did you mean"', () => {
  const names = [
    'Use cloud Kerberos trust for on-premises authentication', // cloud Kerberos trust guide's table
    'Use cloud trust for on-premises authentication', // policy settings reference, Passport.adml
    'Allow retrieving the Azure AD Kerberos Ticket Granting Ticket during logon', // Kerberos.adml
    'Use forest search order', // Kerberos.adml / KDC.adml
    'Turn off smart card emulation', // policy settings reference (Group Policy only)
    'Certificate Services Client - Auto-Enrollment', // certificate trust guides
    'MSPassport_UsePassportForWork', // ADMX policy name
    'CloudKerberosTicketRetrievalEnabled', // the DDF's GpMapping name
  ];
  for (const name of names) {
    const text = policy('model: hybrid\ntrust: key\nmanagement: group-policy', [], [['Use Windows Hello for Business', 'enabled'], ['Use a hardware security device', 'enabled'], [name, 'enabled']]);
    assert.deepEqual(only(validate(text), 'WHFB161'), [], name);
  }
  const typo = policy('model: hybrid\ntrust: key\nmanagement: group-policy', [], [['Allow retrieving the Azure AD Kerberos Ticket Granting Ticket during logn', 'enabled']]);
  const found = only(validate(typo), 'WHFB161');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /Did you mean "Allow retrieving the Azure AD Kerberos Ticket Granting Ticket during logon"\?/);
});

// ---------------------------------------------------------------------------------------------
// Point 13: values that defeat the deployment.
// ---------------------------------------------------------------------------------------------

test('point 13: RequireSecurityDevice false gets WHFB190 on the value, with the checklist path', () => {
  // Policy settings reference: "If you disable or don't configure this policy setting, the TPM is still
  // preferred, but all devices can provision Windows Hello for Business using software if the TPM is
  // nonfunctional or unavailable." Deployment guides: "Another optional, but recommended, policy setting is: Use a hardware security device".
  const text = policy('model: hybrid\ntrust: key\nmanagement: intune', [['UsePassportForWork', true], ['RequireSecurityDevice', false]]);
  const found = only(validate(text), 'WHFB190');
  assert.deepEqual(found.map(brief), ['12:11-12:16 WHFB190']);
  assert.deepEqual((found[0].data as { paths?: string[] }).paths, [`${P}/RequireSecurityDevice`]);
  assert.match(found[0].message, /provision Windows Hello for Business in software/);
});

test('point 13: DisablePostLogonProvisioning true gets WHFB135, in the policy file and a Settings Catalog export', () => {
  // Policy settings reference: "If you select Don't start Windows Hello provisioning after sign-in,
  // Windows Hello for Business doesn't automatically start provisioning after the user has signed in"
  // and "Select the option ... when you use a non-Microsoft solution to provision Windows Hello for Business".
  const text = policy('model: cloud-only\nmanagement: intune', [['UsePassportForWork', true], ['DisablePostLogonProvisioning', true], ['RequireSecurityDevice', true]]);
  const found = only(validate(text), 'WHFB135');
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 2);
  assert.deepEqual((found[0].data as { paths?: string[] }).paths, [`${P}/DisablePostLogonProvisioning`]);
  assert.match(found[0].message, /doesn't automatically start provisioning/);
  assert.deepEqual(only(validate(text.replace(/DisablePostLogonProvisioning\n {4}type: bool\n {4}value: true/, 'DisablePostLogonProvisioning\n    type: bool\n    value: false')), 'WHFB135'), []);
});

// ---------------------------------------------------------------------------------------------
// Point 14 (Group Policy half): hovers show the editor's path and display name.
// ---------------------------------------------------------------------------------------------

function hoverText(marked: string): string {
  const { text, position } = caret(marked);
  const hover = service().hover({ uri: 'file:///work/h.whfb.yaml', version: 1, text }, position);
  const contents = hover?.contents as { value?: string } | undefined;
  return contents?.value ?? '';
}

test('point 14: a Group Policy entry\'s hover shows the editor path and display name, not internal names', () => {
  const head = policy('model: hybrid\ntrust: key\nmanagement: group-policy', [], [['Use Windows Hello for Business', 'enabled']]);
  const kerberos = hoverText(`${head}  - policy: CloudKerberosTicketRetrieval|Enabled\n    scope: computer\n    state: enabled\n`);
  assert.match(kerberos, /\*\*Group Policy: Allow retrieving the Azure AD Kerberos Ticket Granting Ticket during logon\*\*/);
  assert.match(kerberos, /Computer Configuration \\?> Administrative Templates \\?> System \\?> Kerberos/);
  assert.doesNotMatch(kerberos, /~AT~/);
  const forest = hoverText(`${head}  - policy: Use forest search| order\n    scope: computer\n    state: enabled\n`);
  assert.match(forest, /Computer Configuration \\?> Administrative Templates \\?> System \\?> Kerberos/);
  const whfb = hoverText(`${head}  - policy: Use Windows Hello| for Business\n    scope: user\n    state: enabled\n`);
  assert.match(whfb, /Computer Configuration \\?> Administrative Templates \\?> Windows Components \\?> Windows Hello for Business/);
  assert.match(whfb, /User Configuration \\?> Administrative Templates \\?> Windows Components \\?> Windows Hello for Business/);
  const enrollment = hoverText(`${head}  - policy: Certificate Services Client -| Auto-Enrollment\n    scope: computer\n    state: enabled\n`);
  assert.match(enrollment, /Computer Configuration \\?> Windows Settings \\?> Security Settings \\?> Public Key Policies/);
  assert.match(enrollment, /Group Policy only/);
});

test('point 14: an OMA-URI hover names its Group Policy by editor path, not `Kerberos~AT~System~kerberos`', () => {
  const text = hoverText(`whfb: 1\nsettings:\n  - omaUri: ./Device/Vendor/MSFT/Policy/Config/Kerberos/AllowForest|SearchOrder\n    type: string\n    value: x\n`);
  assert.match(text, /\*\*Group Policy:\*\* Use forest search order \\?\(Computer Configuration \\?> Administrative Templates \\?> System \\?> Kerberos\\?\)/);
  assert.doesNotMatch(text, /~AT~|ForestSearch \(/);
});
