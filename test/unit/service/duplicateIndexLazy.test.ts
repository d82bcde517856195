/**
 * WHFB150 judges a document it has no index for (an open) without building one, and builds its
 * index when an edit of that document first asks for it. Whichever way a version is judged, its
 * findings must be the same: random edits (seeded, so a failure replays) of a file full of
 * duplicates across tenant spellings, dynamic-node instances and unresolved OMA-URIs, each version
 * judged once after the previous one (the open without an index, then the index built and updated)
 * and once alone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Prng } from '../../../scripts/lib/prng';
import { getCatalog } from '../../../server/src/catalog/catalog';
import { parsePolicyYaml } from '../../../server/src/formats/policyYamlParse';
import type { Finding, PolicyModel } from '../../../server/src/model/types';
import { duplicateRules } from '../../../server/src/rules/duplicateRules';
import { TENANT } from './helpers';

const OTHER_TENANT = '11111111-2222-3333-4444-555555555555';
const PFW = './Device/Vendor/MSFT/PassportForWork';
const PFX = './Device/Vendor/MSFT/ClientCertificateInstall/PFXCertInstall';

/** Entries that name few settings in many spellings, so most of them are duplicates. */
function entry(i: number): string {
  const tenant = [`{TenantId}`, TENANT, OTHER_TENANT][i % 3];
  const value = (i * 7) % 5;
  switch (i % 6) {
    case 0: return `  - omaUri: ${PFW}/${tenant}/Policies/UsePassportForWork\n    type: bool\n    value: ${value % 2 === 0 ? 'true' : 'false'}\n`;
    case 1: return `  - omaUri: ${PFW}/${tenant}/Policies/PINComplexity/MinimumPINLength\n    type: int\n    value: ${value % 2 === 0 ? '6' : '06'}\n`;
    case 2: return `  - omaUri: ${PFX}/${['pilot', 'lab', 'PILOT'][value % 3]}/ContainerName\n    type: string\n    value: c${value % 2}\n`;
    case 3: return `  - omaUri: ./Device/Vendor/MSFT/Unknown/Node${value % 3}\n    type: string\n    value: v${value % 2}\n`;
    case 4: return `  - omaUri: ./device/vendor/msft/unknown/NODE${value % 3} \n    type: string\n    value: v${(value + 1) % 2}\n`;
    default: return `  - omaUri: ${PFW}/${tenant}/Policies/RequireSecurityDevice\n    type: bool\n    value: ${value % 3 === 0 ? 'true' : 'false'}\n`;
  }
}

/** More settings than an edit may replace (MAX_REPLACED / 2), so a version judged alone gets no index. */
function baseText(count: number, withTenant: boolean): string {
  let text = `whfb: 1\n${withTenant ? `tenantId: ${TENANT}\n` : ''}deployment:\n  model: cloud\n  trust: cloud-kerberos\n  management: intune\nsettings:\n`;
  for (let i = 0; i < count; i++) text += entry(i);
  return text;
}

function edit(text: string, random: () => number): string {
  const settingsAt = text.indexOf('settings:\n') + 'settings:\n'.length;
  const kind = random();
  if (kind < 0.5) {
    // A value changed: the common keystroke, and the one that makes and takes away duplicates.
    const values = [...text.matchAll(/value: [^\n]*/g)];
    const chosen = values[Math.floor(random() * values.length)];
    const next = ['true', 'false', '6', '06', '7', 'c0', 'c1', 'v0', 'v1', ''][Math.floor(random() * 10)];
    return `${text.slice(0, chosen.index)}value: ${next}${text.slice(chosen.index + chosen[0].length)}`;
  }
  const starts = [...text.matchAll(/^ {2}- /gm)].map((match) => match.index).filter((at) => at >= settingsAt);
  const at = starts[Math.floor(random() * starts.length)];
  if (kind < 0.7) return `${text.slice(0, at)}${entry(Math.floor(random() * 60))}${text.slice(at)}`;
  if (kind < 0.85) {
    const end = text.indexOf('\n  - ', at + 1);
    return end < 0 ? text : `${text.slice(0, at)}${text.slice(end + 1)}`;
  }
  // A tenant spelled differently in one OMA-URI.
  const spelled = text.indexOf('/PassportForWork/', at);
  if (spelled < 0) return text;
  const from = spelled + '/PassportForWork/'.length;
  const to = text.indexOf('/', from);
  return `${text.slice(0, from)}${[TENANT, OTHER_TENANT, '{TenantId}'][Math.floor(random() * 3)]}${text.slice(to)}`;
}

const duplicateSetting = duplicateRules.find((rule) => rule.code === 'WHFB150')!;

function judged(model: PolicyModel): unknown {
  return JSON.parse(JSON.stringify(duplicateSetting.check(model, getCatalog()) as Finding[]));
}

/**
 * Each version judged after the last one (from `count` settings, with `idle` awaited after the
 * first: a large open builds its index then), then each alone: the same findings.
 */
async function assertSameWhicheverWay(count: number, edits: number, seed: number, idle: boolean): Promise<void> {
  const catalog = getCatalog();
  const source = new Prng(seed);
  const random = () => source.next();
  for (const withTenant of [true, false]) {
    let text = baseText(count, withTenant);
    let model = parsePolicyYaml(text, catalog);
    const texts = [text];
    const afterEdits = [judged(model)];
    if (idle) await new Promise((resolve) => setTimeout(resolve, 100));
    for (let step = 0; step < edits; step++) {
      text = edit(text, random);
      model = parsePolicyYaml(text, catalog, model);
      texts.push(text);
      afterEdits.push(judged(model));
    }
    let findings = 0;
    texts.forEach((version, index) => {
      const alone = judged(parsePolicyYaml(version, catalog));
      assert.deepStrictEqual(afterEdits[index], alone, `${count} settings, tenantId ${withTenant}, version ${index}`);
      findings += (alone as unknown[]).length;
    });
    assert.ok(findings > texts.length * count / 6, `the versions hold duplicates (${findings} findings)`);
  }
}

test('WHFB150 after random edits: the same findings whether a version is judged after the last one or alone', async () => {
  await assertSameWhicheverWay(300, 120, 20261203, false);
});

test('WHFB150 of a large file whose index was built after its open, then edited: the same findings as each version alone', async () => {
  await assertSameWhicheverWay(1_500, 15, 20261204, true);
});
