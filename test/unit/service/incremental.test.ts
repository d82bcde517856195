/**
 * The incremental parse (re-parse only the settings entries an edit touched) must build exactly the
 * model a full parse builds, for any edit. Random edits with a fixed seed, so a failure replays.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Prng } from '../../../scripts/lib/prng';
import { getCatalog } from '../../../server/src/catalog/catalog';
import { parsePolicyYaml } from '../../../server/src/formats/policyYamlParse';
import type { PolicyModel } from '../../../server/src/model/types';
import { P, TENANT } from './helpers';

function prng(seed: number): () => number {
  const source = new Prng(seed);
  return () => source.next();
}

const LEAVES = ['UsePassportForWork', 'RequireSecurityDevice', 'PINComplexity/MinimumPINLength', 'PINComplexity/MaximumPINLength', 'UseCloudTrustForOnPremAuth', 'PINComplexity/Digits'];

function baseText(count: number): string {
  let text = `whfb: 1\ntenantId: ${TENANT}\ndeployment:\n  model: hybrid\n  trust: cloud-kerberos\n  management: intune\nsettings:\n`;
  for (let i = 0; i < count; i++) {
    const leaf = LEAVES[i % LEAVES.length];
    const int = leaf.startsWith('PIN');
    if (i % 7 === 3) text += '  # whfb-ignore WHFB150\n';
    text += `  - omaUri: ${P}/${leaf}\n    type: ${int ? 'int' : 'bool'}\n    value: ${int ? 4 + (i % 9) : 'true'}\n`;
  }
  return `${text}groupPolicy:\n  - policy: Use biometrics\n    scope: computer\n    state: enabled\n`;
}

const SNIPPETS = ['x', '1', ' ', ':', '-', '\n', '\n  - ', '\n    ', '#', "'", '"', 'value: 9', `\n  - omaUri: ${P}/UsePassportForWork\n    type: bool\n    value: false`, '&a ', '*a', '\t', '[', '{'];

/** The model without identity: what a user can observe. */
function plain(model: PolicyModel): unknown {
  return JSON.parse(JSON.stringify({ ...model, text: model.text.length }));
}

test('incremental parse equals a full parse after random edits (seeded)', () => {
  const catalog = getCatalog();
  const random = prng(20261127);
  let text = baseText(60);
  let model = parsePolicyYaml(text, catalog);
  let reused = 0;
  for (let step = 0; step < 250; step++) {
    const settingsStart = text.indexOf('settings:');
    // Most edits land in the settings list, where the incremental path applies.
    const inSettings = random() < 0.85 && settingsStart >= 0;
    const from = inSettings ? settingsStart + 10 : 0;
    const at = from + Math.floor(random() * Math.max(1, text.length - from));
    const kind = random();
    let next: string;
    if (kind < 0.45) {
      next = text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
    } else if (kind < 0.8) {
      next = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 12)));
    } else {
      const valueAt = text.indexOf('value: ', at);
      if (valueAt < 0) continue;
      const end = text.indexOf('\n', valueAt);
      next = `${text.slice(0, valueAt)}value: ${Math.floor(random() * 200)}${text.slice(end < 0 ? text.length : end)}`;
    }
    const incremental = parsePolicyYaml(next, catalog, model);
    const full = parsePolicyYaml(next, catalog);
    assert.deepEqual(plain(incremental), plain(full), `step ${step}: incremental and full parse differ`);
    if (incremental.settings.length > 0 && model.settings[0] === incremental.settings[0]) reused += 1;
    // Now and then start over, so the file does not drift into something that is not a policy.
    if (step % 50 === 49) {
      text = baseText(40 + step % 30);
      model = parsePolicyYaml(text, catalog);
    } else {
      text = next;
      model = incremental;
    }
  }
  assert.ok(reused > 40, `the incremental path reused untouched entries only ${reused} times`);
});

test('an edit inside one entry re-parses that entry and keeps the others', () => {
  const catalog = getCatalog();
  const text = baseText(30);
  const model = parsePolicyYaml(text, catalog);
  const at = text.indexOf('value: 9');
  assert.ok(at > 0);
  const next = `${text.slice(0, at)}value: 10${text.slice(at + 'value: 9'.length)}`;
  const updated = parsePolicyYaml(next, catalog, model);
  assert.equal(updated.settings.length, model.settings.length);
  assert.equal(updated.settings[0], model.settings[0], 'an entry before the edit is reused as is');
  const changed = updated.settings.find((setting) => setting.value?.value === 10);
  assert.ok(changed, 'the edited entry carries the new value');
  const last = updated.settings[updated.settings.length - 1];
  assert.equal(next.slice(last.range.start, last.range.start + 7), 'omaUri:', 'entries after the edit are shifted to their new offsets');
});
