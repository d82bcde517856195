/**
 * A first parse reads the settings entries in groups, one YAML parse per group; after an edit, the
 * entries it touched are parsed on their own. Typing in an entry and undoing it must give back
 * exactly the first model, for the YAML constructs whose meaning could depend on what surrounds an
 * entry, and across group boundaries.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCatalog } from '../../../server/src/catalog/catalog';
import { findSettingsBlock } from '../../../server/src/formats/policyYamlLayout';
import { parsePolicyYaml } from '../../../server/src/formats/policyYamlParse';
import type { PolicyModel } from '../../../server/src/model/types';
import { P, TENANT } from './helpers';

const HEAD = `whfb: 1\ntenantId: ${TENANT}\ndeployment:\n  model: hybrid\n  trust: cloud-kerberos\n  management: intune\n`;
const TAIL = 'groupPolicy:\n  - policy: Use biometrics\n    scope: computer\n    state: enabled\n';
const entry = (leaf: string, value: string, indent = '  '): string => `${indent}- omaUri: ${P}/${leaf}\n${indent}  type: chr\n${indent}  value: ${value}\n`;

const CASES: Record<string, string> = {
  'plain entries with ignore comments': `${HEAD}settings:\n${entry('A', 'x')}  # whfb-ignore WHFB150\n${entry('B', 'y')}${TAIL}`,
  'literal block scalars, in the middle and last, then blank lines': `${HEAD}settings:\n${entry('A', '|\n      one\n      two\n')}\n${entry('B', '|\n      last\n\n')}\n\n${TAIL}`,
  'keep-chomping block scalar last': `${HEAD}settings:\n${entry('A', 'x')}${entry('B', '|+\n      kept\n\n')}\n\n${TAIL}`,
  'folded and stripped scalars': `${HEAD}settings:\n${entry('A', '>-\n      folded\n      text\n')}${entry('B', 'x')}`,
  'multi-line plain and quoted scalars': `${HEAD}settings:\n${entry('A', 'first\n      second')}${entry('B', '"one\n      two"')}${TAIL}`,
  'flow collections over lines': `${HEAD}settings:\n${entry('A', '{ a: 1,\n      b: [2, 3] }')}${entry('B', '[x,\n      y]')}`,
  'comments at column 0 between and inside entries': `${HEAD}settings:\n# about A\n${entry('A', 'x')}# about B\n  - omaUri: ${P}/B\n# inside\n    type: int\n    value: 3\n${TAIL}`,
  'CRLF line ends': `${HEAD}settings:\n${entry('A', 'x')}${entry('B', '|\n      y\n')}${TAIL}`.replace(/\n/g, '\r\n'),
  'byte order mark': `\ufeff${HEAD}settings:\n${entry('A', 'x')}${entry('B', 'y')}`,
  'compact list at column 0': `${HEAD}settings:\n${entry('A', 'x', '')}${entry('B', 'y', '')}${TAIL}`,
  'empty and scalar entries': `${HEAD}settings:\n  -\n  - just text\n${entry('A', 'x')}  - [a, b]\n${TAIL}`,
  'tags': `${HEAD}settings:\n${entry('A', '!!str 1')}${entry('B', '!!int "2"')}`,
  'directives': `%YAML 1.2\n---\n${HEAD}settings:\n${entry('A', 'x')}${entry('B', 'y')}`,
  'a syntax error in one entry among many': `${HEAD}settings:\n${Array.from({ length: 300 }, (_, i) => entry(`N${i}`, i === 200 ? '"unclosed' : String(i))).join('')}${TAIL}`,
  'a quoted value running over the next dash line': `${HEAD}settings:\n${entry('A', '"one')}  - two"\n${entry('B', 'x')}${TAIL}`,
  'a shape error and an unknown key': `${HEAD}settings:\n${entry('A', 'x')}  - omaUri: 3\n    typo: 1\n${TAIL}`,
};

/** What a user can observe of a model. */
function plain(model: PolicyModel): unknown {
  return JSON.parse(JSON.stringify({ ...model, text: model.text.length }));
}

for (const [name, text] of Object.entries(CASES)) {
  test(`a first parse equals entries parsed on their own: ${name}`, () => {
    const catalog = getCatalog();
    const layout = findSettingsBlock(text);
    assert.ok(layout, 'the case has a settings block the entry split finds');
    const first = parsePolicyYaml(text, catalog);
    // A space at the end of each entry's first line, then undone: that entry and the next are parsed on their own.
    for (const start of layout.entryStarts) {
      const lineEnd = text.indexOf('\n', start);
      const at = text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
      const typed = `${text.slice(0, at)} ${text.slice(at)}`;
      const undone = parsePolicyYaml(text, catalog, parsePolicyYaml(typed, catalog, first));
      assert.deepEqual(plain(undone), plain(first), `after typing in the entry at offset ${start}`);
    }
  });
}

test('a first parse still reports every entry problem', () => {
  const model = parsePolicyYaml(CASES['a shape error and an unknown key'], getCatalog());
  const messages = model.findings.filter((item) => item.code === 'WHFB002').map((item) => item.message);
  assert.ok(messages.some((message) => /Unknown key "typo" in this settings entry/.test(message)), messages.join('\n'));
  assert.ok(messages.some((message) => /OmaUri must be text/.test(message)), messages.join('\n'));
});
