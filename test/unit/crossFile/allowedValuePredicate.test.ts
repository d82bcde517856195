/**
 * One allowed-value predicate (model/allowedValues.ts): a value WHFB103 reports in its own file
 * never counts in a cross-file rule, and a value a cross-file rule counts is never one WHFB103
 * reports. Checked for every settable leaf node of the catalog with values inside and outside
 * what its DDF allows (booleans, numbers at and past range ends, enum values, text, empty,
 * redacted, ADMX payloads), in our policy file and in a Settings Catalog-style custom profile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCatalog } from '../../../server/src/catalog/catalog';
import type { CatalogNode } from '../../../server/src/catalog/types';
import { detectFormat } from '../../../server/src/formats/detect';
import { runRules } from '../../../server/src/rules/runRules';
import { fileFacts } from '../../../server/src/rules/crossFile/facts';

const catalog = getCatalog();

function candidateValues(node: CatalogNode): string[] {
  const values = ['true', 'false', '1', '0', '-1', 'yes', 'abc', '', '****', '<enabled/>', '<disabled/>', '99999'];
  const allowed = node.allowed;
  if (allowed?.kind === 'range') values.push(String(allowed.min), String(allowed.max), String(allowed.min - 1), String(allowed.max + 1));
  if (allowed?.kind === 'enum') for (const item of allowed.values) values.push(item.value, item.value.toUpperCase());
  if (node.defaultValue !== undefined) values.push(node.defaultValue);
  return [...new Set(values)];
}

function yamlScalar(value: string): string {
  return JSON.stringify(value);
}

const nodes = catalog.nodes.filter((node) => !node.interior && !node.deprecated && node.accessTypes.some((access) => /replace|add/i.test(access)));

test('the catalog offers nodes of every kind the predicate judges', () => {
  const kinds = new Set<string>(nodes.flatMap((node) => [node.format, ...(node.allowed ? [node.allowed.kind] : [])]));
  for (const kind of ['bool', 'int', 'chr', 'enum', 'range', 'regex']) assert.ok(kinds.has(kind), `a settable ${kind} node: ${[...kinds].join(', ')}`);
});

test('a value WHFB103 reports never counts in a cross-file rule, and a counted value is never reported', () => {
  let reported = 0;
  let counted = 0;
  for (const node of nodes) {
    const values = candidateValues(node);
    const text = [
      'whfb: 1',
      'name: Allowed values',
      'settings:',
      ...values.flatMap((value) => [`  - omaUri: ${node.path.replace('{TenantId}', '3f2504e0-4f89-11d3-9a0c-0305e82c3301')}`, `    value: ${yamlScalar(value)}`]),
      '',
    ].join('\n');
    const uri = 'file:///repo/allowed.whfb.yaml';
    const detected = detectFormat({ uri, languageId: 'whfb-yaml', text });
    assert.ok(detected && detected.failure === undefined, 'our policy file is detected');
    const model = detected.adapter.parse(text, detected.format, catalog, undefined);
    const findings = runRules(model, catalog, { ruleSeverity: {}, log: () => undefined }) ?? [];
    const notAllowedAt = new Set(findings.filter((item) => item.code === 'WHFB103').map((item) => item.range.start));
    const facts = fileFacts(uri, model, catalog);
    const countedAt = new Set([...facts.topics.values()].flat().map((source) => source.range.start));
    for (const setting of model.settings) {
      if (setting.node !== node || !setting.value) continue;
      const at = setting.value.range.start;
      const shown = `${node.path} = ${JSON.stringify(setting.value.value)}`;
      assert.ok(!(notAllowedAt.has(at) && countedAt.has(at)), `reported by WHFB103 and counted across files: ${shown}`);
      if (notAllowedAt.has(at)) reported++;
      if (countedAt.has(at)) counted++;
      // Neither only for a redacted value (WHFB180 speaks for it): every other value is one or the other.
      if (!notAllowedAt.has(at) && !countedAt.has(at)) assert.equal(String(setting.value.value).trim(), '****', `neither reported nor counted: ${shown}`);
    }
  }
  assert.ok(reported > 100 && counted > 100, `both sides exercised: ${reported} reported, ${counted} counted`);
});
