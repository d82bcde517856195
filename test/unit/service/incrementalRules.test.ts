/**
 * The rules over an edited 2,000-setting policy must report exactly what a fresh service reports
 * for the same text: what the rules remember between versions (per node, per tenant spelling, per
 * message) must never leak a stale finding. Random edits with a fixed seed, so a failure replays.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Prng } from '../../../scripts/lib/prng';
import { getLanguageService } from '../../../server/src/service/languageService';
import { TENANT } from './helpers';

function prng(seed: number): () => number {
  const source = new Prng(seed);
  return () => source.next();
}

const OTHER_TENANT = '11111111-2222-3333-4444-555555555555';
const TENANTS = ['{TenantId}', TENANT, TENANT.toUpperCase(), OTHER_TENANT, '{not-a-guid}'];

/** Leaves with values that fit, values that do not, and the type the DDF wants. */
const LEAVES: { leaf: string; type: string; values: string[] }[] = [
  { leaf: 'Policies/UsePassportForWork', type: 'bool', values: ['true', 'false', '1', '"TRUE"', 'maybe', '2'] },
  { leaf: 'Policies/RequireSecurityDevice', type: 'bool', values: ['true', 'false', '0', 'yes'] },
  { leaf: 'Policies/PINComplexity/MinimumPINLength', type: 'int', values: ['4', '6', '12', '3', '200', '"8"', 'x'] },
  { leaf: 'Policies/PINComplexity/MaximumPINLength', type: 'int', values: ['127', '10', '4', '5', '300'] },
  { leaf: 'Policies/PINComplexity/Digits', type: 'int', values: ['0', '1', '2', '3', '"1"', '7'] },
  { leaf: 'Policies/PINComplexity/UppercaseLetters', type: 'int', values: ['0', '1', '2', '9'] },
  { leaf: 'Policies/UseCloudTrustForOnPremAuth', type: 'bool', values: ['true', 'false'] },
  { leaf: 'Policies/UseCertificateForOnPremAuth', type: 'bool', values: ['false', 'true'] },
  { leaf: 'Policies/PINComplexity/Expiration', type: 'int', values: ['0', '730', '731', '-1'] },
  { leaf: 'Policies/UsePassportForWrok', type: 'bool', values: ['true'] },
  { leaf: 'Policies/UsePassportForWork', type: 'string', values: ['"hunter2-Secret-Value-aB9xQ7zLmP3"', '"****"'] },
];

function entry(random: () => number, index: number): string {
  const { leaf, type, values } = LEAVES[Math.floor(random() * LEAVES.length)];
  const tenant = TENANTS[Math.floor(random() * TENANTS.length)];
  const root = random() < 0.1 ? './Vendor/MSFT' : './Device/Vendor/MSFT';
  const value = values[Math.floor(random() * values.length)];
  const ignore = index % 97 === 5 ? '  # whfb-ignore WHFB103\n' : '';
  return `${ignore}  - omaUri: ${root}/PassportForWork/${tenant}/${leaf}\n    type: ${type}\n    value: ${value}\n`;
}

function policy(random: () => number, count: number): string {
  let text = `whfb: 1\ntenantId: ${TENANT}\ndeployment:\n  model: hybrid\n  trust: cloud-kerberos\n  management: intune\n  minimumOsBuild: "10.0.19041"\nsettings:\n`;
  for (let index = 0; index < count; index++) text += entry(random, index);
  return `${text}groupPolicy:\n  - policy: Use biometrics\n    scope: computer\n    state: enabled\n`;
}

/** One random edit of the kinds a user makes: a value, an entry added or removed, a typo, the header. */
function edit(random: () => number, text: string): string {
  const settingsAt = text.indexOf('settings:\n');
  const kind = random();
  const at = settingsAt + 10 + Math.floor(random() * Math.max(1, text.length - settingsAt - 10));
  if (kind < 0.4) {
    const valueAt = text.indexOf('value: ', at);
    if (valueAt < 0) return text;
    const end = text.indexOf('\n', valueAt);
    const { values } = LEAVES[Math.floor(random() * LEAVES.length)];
    return `${text.slice(0, valueAt)}value: ${values[Math.floor(random() * values.length)]}${text.slice(end)}`;
  }
  if (kind < 0.55) {
    const entryAt = text.indexOf('\n  - omaUri:', at);
    if (entryAt < 0) return text;
    return `${text.slice(0, entryAt + 1)}${entry(random, 1)}${text.slice(entryAt + 1)}`;
  }
  if (kind < 0.7) {
    const entryAt = text.indexOf('\n  - omaUri:', at);
    const nextAt = entryAt < 0 ? -1 : text.indexOf('\n  - omaUri:', entryAt + 1);
    if (nextAt < 0) return text;
    return text.slice(0, entryAt) + text.slice(nextAt);
  }
  if (kind < 0.8) {
    const tenantAt = text.indexOf('/PassportForWork/', at);
    if (tenantAt < 0) return text;
    const start = tenantAt + '/PassportForWork/'.length;
    const end = text.indexOf('/', start);
    return `${text.slice(0, start)}${TENANTS[Math.floor(random() * TENANTS.length)]}${text.slice(end)}`;
  }
  if (kind < 0.88) {
    // A character typed or deleted anywhere in the settings: a typo in a node name, a broken entry.
    return random() < 0.5 ? `${text.slice(0, at)}x${text.slice(at)}` : text.slice(0, at) + text.slice(at + 1);
  }
  // The context the per-setting rules depend on: tenantId, minimumOsBuild, trust.
  const header = [
    [/tenantId: .*\n/, `tenantId: ${[TENANT, OTHER_TENANT, '{bad}', ''][Math.floor(random() * 4)]}\n`],
    [/minimumOsBuild: .*\n/, `minimumOsBuild: "${['10.0.19041', '10.0.22621', '10.0.26100', '10.0.17763'][Math.floor(random() * 4)]}"\n`],
    [/trust: .*\n/, `trust: ${['cloud-kerberos', 'key', 'certificate'][Math.floor(random() * 3)]}\n`],
  ] as const;
  const [pattern, replacement] = header[Math.floor(random() * header.length)];
  return text.replace(pattern, replacement);
}

test('validation after 200 random edits of a 2,000-setting policy equals a fresh service on the same text', () => {
  const random = prng(20261127);
  const uri = 'file:///work/large.whfb.yaml';
  const editing = getLanguageService();
  let text = policy(random, 2000);
  let version = 1;
  editing.validate({ uri, version, text });
  let withFindings = 0;
  for (let step = 0; step < 200; step++) {
    text = edit(random, text);
    version += 1;
    const incremental = editing.validate({ uri, version, text });
    const fresh = getLanguageService().validate({ uri, version, text });
    assert.deepEqual(incremental, fresh, `step ${step}: the edited document's diagnostics differ from a fresh service's`);
    if (fresh.length > 0) withFindings += 1;
  }
  assert.ok(withFindings > 150, 'the edits keep the policy full of findings to compare');
});
