/**
 * "WHfB: Insert setting" decides on the text alone where a new entry goes (the document may not
 * parse while it is edited). Fuzzed on mutated policy files and custom profiles with random
 * cursors: the edit stays inside the document, replaces nothing but whitespace or an empty `[]`,
 * and on a well-formed document the result is still well-formed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCatalog } from '../../server/src/catalog/catalog';
import { getLanguageService } from '../../server/src/service/languageService';
import { planJsonOmaSettingInsertion, planYamlSettingInsertion } from '../../client/src/commands/insertionPoint';
import { isSettable, jsonOmaSettingSnippet, tenantGuidInText, yamlSettingSnippet } from '../../client/src/commands/settingEntry';
import { seedFiles } from './support/corpus';
import { mutate } from './support/mutate';
import { fuzzConfig, Prng, sessionSeed } from './support/prng';
import { renderSnippet } from './support/snippet';

const config = fuzzConfig();
const CASES = Math.ceil(2_000 * config.scale);

test(`Insert setting: ${CASES} mutated documents and cursors, edits inside and the result well-formed (FUZZ_SEED=${config.masterSeed})`, (t) => {
  const service = getLanguageService();
  const nodes = getCatalog().nodes.filter(isSettable);
  const files = seedFiles().filter((file) => {
    const format = service.detectFormat({ ...file, version: 0 });
    return format === 'whfb-yaml' || format === 'custom-profile-json';
  });
  const problems: string[] = [];
  const brokeSyntax: string[] = [];
  for (let i = 0; i < CASES && problems.length < 10; i++) {
    const prng = new Prng(sessionSeed(config.masterSeed, i));
    const file = prng.pick(files);
    let text = file.text;
    const mutations = prng.int(0, 3);
    for (let m = 0; m < mutations; m++) text = mutate(text, prng).text;
    const cursor = prng.int(0, text.length);
    const node = prng.pick(nodes);
    const yaml = file.languageId === 'whfb-yaml';
    const plan = yaml ? planYamlSettingInsertion(text, cursor) : planJsonOmaSettingInsertion(text, cursor);
    const where = `case ${i} (FUZZ_SEED=${config.masterSeed}, ${file.name}, ${mutations} mutations, cursor ${cursor})`;
    if (!(plan.start >= 0 && plan.start <= plan.end && plan.end <= text.length)) {
      problems.push(`${where}: edit ${plan.start}-${plan.end} outside 0-${text.length}`);
      continue;
    }
    const replaced = text.slice(plan.start, plan.end);
    if (!/^[\s[\]]*$/.test(replaced)) problems.push(`${where}: replaces user text ${JSON.stringify(replaced)}`);
    const body = yaml ? yamlSettingSnippet(node, plan.indent) : jsonOmaSettingSnippet(node, plan.indent, tenantGuidInText(text));
    const result = text.slice(0, plan.start) + plan.before + renderSnippet(body) + plan.after + text.slice(plan.end);
    const uri = `file:///command-fuzz/${i}/${file.name.slice(file.name.lastIndexOf('/') + 1)}`;
    const syntax = (source: string) => service.validate({ uri, languageId: file.languageId, version: 1, text: source }).filter((d) => d.code === 'WHFB001');
    const before = syntax(text);
    service.forget(uri);
    if (before.length === 0) {
      const after = syntax(result);
      if (after.length > 0) (mutations === 0 ? problems : brokeSyntax).push(`${where}: the inserted entry breaks the document: ${after[0]!.message}`);
    }
    service.forget(uri);
  }
  assert.deepEqual(problems, [], 'on the unmutated files and in every case, the edit stays inside and replaces no user text');
  // Mutated but well-formed documents: report, do not fail (the command plans on text alone).
  t.diagnostic(`${CASES} cases; Insert setting broke ${brokeSyntax.length} mutated (but well-formed) documents${brokeSyntax.length > 0 ? `, e.g. ${brokeSyntax.slice(0, 3).join(' | ')}` : ''}`);
});
