/**
 * The requests behind the client's commands, over stdio against the real server: the client
 * bundle holds no catalog, parser or generated data, so Insert setting, Open reference, New
 * policy and the checklist view get what they show from these answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import {
  CATALOG_ITEMS_REQUEST, CHECKLISTS_REQUEST, PLAN_INSERT_SETTING_REQUEST, POLICY_TEMPLATE_REQUEST, REFERENCE_AT_REQUEST,
  type CatalogItem, type Checklists, type PlanInsertSettingResult, type ReferenceLink,
} from '../../shared/protocol';
import checklistsJson from '../../data/generated/checklists.json';
import templates from '../../data/generated/policy-templates.json';
import { LspTestClient, PULL_CAPABILITIES } from './lspTestClient';
import { CLEAN_POLICY } from './policies';

const TIMEOUT = { timeout: 60_000 };
const MIN_PIN = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/MinimumPINLength';
const USE = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork';

function applySnippetAsText(text: string, plan: PlanInsertSettingResult): string {
  assert.ok(!('error' in plan), 'error' in plan ? plan.error : '');
  // Tab stops and choices resolve to their first value, as accepting the snippet as offered does.
  const inserted = plan.snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\\([\\$}])/g, '$1');
  return text.slice(0, plan.start) + inserted + text.slice(plan.end);
}

test('whfb/catalogItems lists the settable nodes, deprecated last; whfb/planInsertSetting places a valid entry', TIMEOUT, async () => {
  const { client } = await LspTestClient.start({ capabilities: PULL_CAPABILITIES });
  try {
    const items = await client.request(CATALOG_ITEMS_REQUEST, null) as CatalogItem[];
    assert.ok(items.length > 50, `${items.length} items`);
    const minPin = items.find((item) => item.path === MIN_PIN);
    assert.ok(minPin && /PIN/.test(minPin.detail), JSON.stringify(minPin));
    const firstDeprecated = items.findIndex((item) => item.deprecated);
    assert.ok(firstDeprecated < 0 || items.slice(firstDeprecated).every((item) => item.deprecated));

    const uri = 'file:///work/insert.whfb.yaml';
    const document = { uri, languageId: 'whfb-yaml', version: 1, text: CLEAN_POLICY };
    const plan = await client.request(PLAN_INSERT_SETTING_REQUEST, { document, offset: CLEAN_POLICY.length, path: MIN_PIN }) as PlanInsertSettingResult;
    const after = parseYaml(applySnippetAsText(CLEAN_POLICY, plan));
    const added = after.settings[after.settings.length - 1];
    assert.deepEqual({ omaUri: added.omaUri, type: added.type }, { omaUri: MIN_PIN, type: 'int' });

    const profile = '{\n  "omaSettings": []\n}\n';
    const jsonPlan = await client.request(PLAN_INSERT_SETTING_REQUEST, { document: { uri: 'untitled:Untitled-1', languageId: 'json', version: 1, text: profile }, offset: 0, path: USE }) as PlanInsertSettingResult;
    const setting = JSON.parse(applySnippetAsText(profile, jsonPlan)).omaSettings[0];
    assert.equal(setting['@odata.type'], '#microsoft.graph.omaSettingBoolean');

    const notAList = await client.request(PLAN_INSERT_SETTING_REQUEST, { document: { ...document, text: 'whfb: 1\nsettings: 3\n' }, offset: 0, path: MIN_PIN }) as PlanInsertSettingResult;
    assert.ok('error' in notAList && /not a list/.test(notAList.error));
    const unknown = await client.request(PLAN_INSERT_SETTING_REQUEST, { document, offset: 0, path: './Device/Vendor/MSFT/Nothing' }) as PlanInsertSettingResult;
    assert.ok('error' in unknown);
    assert.equal(await client.request(PLAN_INSERT_SETTING_REQUEST, { document: 'junk' }), null);
  } finally {
    client.kill();
  }
});

test('whfb/referenceAt answers the CSP reference and guide sections of what is under the cursor, or of a settings-view setting', TIMEOUT, async () => {
  const { client } = await LspTestClient.start({ capabilities: PULL_CAPABILITIES });
  try {
    const document = { uri: 'file:///work/reference.whfb.yaml', languageId: 'whfb-yaml', version: 1, text: CLEAN_POLICY };
    const line = CLEAN_POLICY.split('\n').findIndex((text) => text.includes('Policies/UsePassportForWork'));
    const links = await client.request(REFERENCE_AT_REQUEST, { document, position: { line, character: 20 } }) as ReferenceLink[];
    assert.equal(links[0]?.kind, 'csp');
    assert.match(links[0]!.href, /^https:\/\/learn\.microsoft\.com\/.*passportforwork-csp/i);
    assert.deepEqual(await client.request(REFERENCE_AT_REQUEST, { setting: { written: USE, path: USE } }), links.filter((link) => link.kind !== 'hover'));
    // The deployment block names no node: the hover's guide links answer.
    const modelLine = CLEAN_POLICY.split('\n').findIndex((text) => text.includes('model: hybrid'));
    const hoverLinks = await client.request(REFERENCE_AT_REQUEST, { document, position: { line: modelLine, character: 10 } }) as ReferenceLink[];
    assert.ok(hoverLinks.length > 0 && hoverLinks.every((link) => link.kind === 'hover' && link.href.startsWith('https://')), JSON.stringify(hoverLinks));
    assert.deepEqual(await client.request(REFERENCE_AT_REQUEST, { document: { ...document, text: 'nothing here\n' }, position: { line: 0, character: 0 } }), []);
    assert.deepEqual(await client.request(REFERENCE_AT_REQUEST, { nonsense: true }), []);
  } finally {
    client.kill();
  }
});

test('whfb/checklists and whfb/policyTemplate answer the generated guide data', TIMEOUT, async () => {
  const { client } = await LspTestClient.start({ capabilities: PULL_CAPABILITIES });
  try {
    assert.deepEqual(await client.request(CHECKLISTS_REQUEST, null) as Checklists, checklistsJson);
    for (const [model, template] of Object.entries(templates)) {
      assert.equal(await client.request(POLICY_TEMPLATE_REQUEST, { model }), template, model);
    }
    assert.equal(await client.request(POLICY_TEMPLATE_REQUEST, { model: 'toString' }), null);
    assert.equal(await client.request(POLICY_TEMPLATE_REQUEST, {}), null);
  } finally {
    client.kill();
  }
});
