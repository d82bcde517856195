/**
 * "WHfB: Insert setting" plans where a new entry goes: in a policy file from the parsed document
 * (the same plan as the service's "Add <setting>" fixes), in a custom profile on the text. Fuzzed
 * on mutated policy files and custom profiles with random cursors: the edit stays inside the
 * document, replaces nothing but whitespace or an empty `[]`, and on a well-formed document the
 * result is still well-formed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCatalog } from '../../server/src/catalog/catalog';
import { getLanguageService } from '../../server/src/service/languageService';
import { planJsonOmaSettingInsertion, planYamlSettingInsertion } from '../../server/src/features/insertionPoint';
import { isSettable, jsonOmaSettingSnippet, tenantGuidInText, yamlFlowSettingSnippet, yamlSettingSnippet } from '../../server/src/features/settingEntry';
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
  const brokeAtCursor: string[] = [];
  let noPlace = 0;
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
    if (!plan) {
      // `settings:` holds no list (a scalar or mapping after a mutation): the command says so and inserts nothing.
      if (mutations === 0) problems.push(`${where}: no place planned in an unmutated file`);
      noPlace += 1;
      continue;
    }
    if (!(plan.start >= 0 && plan.start <= plan.end && plan.end <= text.length)) {
      problems.push(`${where}: edit ${plan.start}-${plan.end} outside 0-${text.length}`);
      continue;
    }
    const replaced = text.slice(plan.start, plan.end);
    if (!/^[\s[\]]*$/.test(replaced)) problems.push(`${where}: replaces user text ${JSON.stringify(replaced)}`);
    const body = yaml ? (plan.flow ? yamlFlowSettingSnippet(node) : yamlSettingSnippet(node, plan.indent)) : jsonOmaSettingSnippet(node, plan.indent, tenantGuidInText(text));
    const result = text.slice(0, plan.start) + plan.before + renderSnippet(body) + plan.after + text.slice(plan.end);
    const uri = `file:///command-fuzz/${i}/${file.name.slice(file.name.lastIndexOf('/') + 1)}`;
    const input = (source: string) => ({ uri, languageId: file.languageId, version: 1, text: source });
    const syntax = (source: string) => service.validate(input(source)).filter((d) => d.code === 'WHFB001');
    // Well-formed means claimed as a policy AND free of syntax errors: a mutation can make a file
    // nobody claims (no diagnostics at all) although it no longer parses, and the inserted WHfB
    // setting then makes it claimed, so its old syntax error would look new.
    const claimed = service.detectFormat(input(text)) !== undefined;
    const before = syntax(text);
    service.forget(uri);
    if (claimed && before.length === 0) {
      const after = syntax(result);
      // A JSON document without a whole omaSettings array gets the object at the cursor, where the user put it.
      const atCursor = !yaml && plan.start === cursor && plan.before === '';
      if (after.length > 0) (atCursor ? brokeAtCursor : brokeSyntax).push(`${where}: the inserted entry breaks the document: ${after[0]!.message}`);
    }
    service.forget(uri);
  }
  t.diagnostic(`${CASES} cases; ${noPlace} with no list to insert into; Insert setting broke ${brokeSyntax.length} well-formed documents, and ${brokeAtCursor.length} JSON documents with no omaSettings array at a random cursor`);
  assert.deepEqual(problems, [], 'in every case the edit stays inside and replaces no user text; an unmutated file always has a place');
  // The place comes from the parsed document: no well-formed document, mutated or not, is broken.
  assert.deepEqual(brokeSyntax.slice(0, 10), [], `${brokeSyntax.length} well-formed documents broken by the insertion`);
});
