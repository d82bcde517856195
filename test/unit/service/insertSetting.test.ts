/**
 * "Add <setting>" quick fixes and the "Insert setting" command plan the new entry's place with one
 * module (formats/policyYamlInsert.ts), from the parsed entries: odd but well-formed files around the
 * end of the `settings:` list stay well-formed (robustness defect R-5).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { planYamlSettingInsertion } from '../../../server/src/features/insertionPoint';
import type { Diagnostic } from '../../../server/src/lsp/protocolTypes';
import { applyEdits, service, TENANT } from './helpers';

const URI = 'file:///work/insert.whfb.yaml';
const P = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies';
const HEAD = `whfb: 1\ntenantId: ${TENANT}\ndeployment:\n  model: hybrid\n  trust: key\n  management: intune\n`;
const ENTRY = (indent = '  ') => `${indent}- omaUri: ${P}/RequireSecurityDevice\n${indent}  type: bool\n${indent}  value: true\n`;

const wellFormed = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'WHFB001' || d.code === 'WHFB002').map((d) => `${d.code} ${d.message}`);

/** Applies "Add UsePassportForWork = true" (WHFB134) and returns the result and its diagnostics. */
function addUsePassportForWork(text: string): { fixed: string; before: Diagnostic[]; after: Diagnostic[] } {
  const ls = service();
  const before = ls.validate({ uri: URI, version: 1, text });
  assert.deepEqual(before.filter((d) => d.code === 'WHFB001'), [], 'the case parses to start with');
  const diagnostic = before.find((d) => d.code === 'WHFB134');
  assert.ok(diagnostic, 'WHFB134 is reported');
  const action = ls.codeActions({ uri: URI, version: 1, text }, diagnostic.range, [diagnostic]).find((a) => a.title === 'Add UsePassportForWork = true');
  assert.ok(action, 'the fix is offered');
  const fixed = applyEdits(text, action.edit.changes[URI]!);
  return { fixed, before, after: ls.validate({ uri: URI, version: 2, text: fixed }) };
}

const settingsOf = (text: string) => (parseYaml(text) as { settings: { omaUri: string; type: string; value: unknown }[] }).settings;
const leaf = (path: string) => path.split('/').pop();

const CASES: Record<string, string> = {
  'a comment at column 0 after the last entry': `${HEAD}settings:\n${ENTRY()}# the end\n`,
  'a comment line indented past the entry': `${HEAD}settings:\n${ENTRY()}        # deep comment\ngroupPolicy: []\n`,
  'a top-level key right after the list': `${HEAD}settings:\n${ENTRY()}groupPolicy:\n  - policy: Use biometrics\n    scope: computer\n    state: enabled\n`,
  'no line end after the last entry': `${HEAD}settings:\n${ENTRY().replace(/\n$/, '')}`,
  'CRLF line ends': `${HEAD}settings:\n${ENTRY()}groupPolicy: []\n`.replace(/\n/g, '\r\n'),
  'CRLF and no final line end': `${HEAD}settings:\n${ENTRY()}`.replace(/\n/g, '\r\n').replace(/\r\n$/, ''),
  'a list at column 0': `${HEAD}settings:\n${ENTRY('')}# trailing\n`,
  'a `-` alone on its line': `${HEAD}settings:\n  -\n    omaUri: ${P}/RequireSecurityDevice\n    type: bool\n    value: true\n`,
  'a literal block value last, then blank lines': `${HEAD}settings:\n  - omaUri: ${P}/RequireSecurityDevice\n    type: bool\n    value: true\n  - omaUri: ./Device/Vendor/MSFT/Policy/Config/DeviceLock/AccountLockoutPolicy\n    type: string\n    value: |\n      one\n      two\n\n\ngroupPolicy: []\n`,
  'a trailing comment on the last value': `${HEAD}settings:\n${ENTRY().replace(/\n$/, '  # keep\n')}`,
  'a flow list': `${HEAD}settings: [{ omaUri: "${P}/RequireSecurityDevice", type: bool, value: true }]\n`,
  'an empty flow list with a comment': `${HEAD}settings: []  # none yet\ngroupPolicy: []\n`,
  'a settings key with only comments under it': `${HEAD}settings:\n  # none yet\ngroupPolicy: []\n`,
  'no settings key': HEAD.replace(/\n$/, ''),
};

for (const [name, text] of Object.entries(CASES)) {
  test(`"Add UsePassportForWork = true" keeps the file well-formed: ${name}`, () => {
    const { fixed, before, after } = addUsePassportForWork(text);
    // Two cases start with a shape error the fix itself resolves (no list, no settings key).
    assert.deepEqual(wellFormed(after).filter((problem) => !wellFormed(before).includes(problem)), [], `no new syntax or shape error:\n${fixed}`);
    assert.deepEqual(wellFormed(after), [], `the result is well-formed:\n${fixed}`);
    assert.deepEqual(after.filter((d) => d.code === 'WHFB134'), [], 'the finding is gone');
    const settings = settingsOf(fixed);
    assert.equal(leaf(settings[settings.length - 1]!.omaUri), 'UsePassportForWork', 'the new entry is the last one');
    assert.equal(settings[settings.length - 1]!.value, true);
    if (text.includes('\r\n')) assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/, 'a CRLF file keeps CRLF line ends');
  });
}

test('the new entry takes the existing entries\' indentation and goes right after the last one', () => {
  const { fixed } = addUsePassportForWork(`${HEAD}settings:\n${ENTRY('    ')}# the end\n`);
  assert.ok(fixed.endsWith(`${ENTRY('    ')}    - omaUri: ${P}/UsePassportForWork\n      type: bool\n      value: true\n# the end\n`), fixed);
  const { fixed: columnZero } = addUsePassportForWork(`${HEAD}settings:\n${ENTRY('')}`);
  assert.ok(columnZero.endsWith(`${ENTRY('')}- omaUri: ${P}/UsePassportForWork\n  type: bool\n  value: true\n`), columnZero);
});

test('a settings value that is no list gets no "Add" fix (its shape error comes first)', () => {
  const ls = service();
  const text = `${HEAD}settings:\n  policy: x\n`;
  const diagnostics = ls.validate({ uri: URI, version: 1, text });
  const diagnostic = diagnostics.find((d) => d.code === 'WHFB134');
  assert.ok(diagnostic);
  assert.deepEqual(ls.codeActions({ uri: URI, version: 1, text }, diagnostic.range, [diagnostic]).map((a) => a.title).filter((t) => t.startsWith('Add ')), []);
  assert.equal(planYamlSettingInsertion(text, 0), undefined, 'the command has no place either (it says so)');
});

test('the Insert setting command plans the same place as the quick fix, or after the entry under the cursor', () => {
  const text = `${HEAD}settings:\n${ENTRY()}  # whfb-ignore WHFB150\n${ENTRY().replace('RequireSecurityDevice', 'UseBiometrics')}  type: bool\n`;
  // The stray `  type: bool` after the last entry is a top-level key to the parser: the entry goes before it.
  const atEnd = planYamlSettingInsertion(text, 0);
  const lastEntryEnd = text.lastIndexOf('  type: bool\n');
  assert.deepEqual(atEnd && { start: atEnd.start, end: atEnd.end, indent: atEnd.indent }, { start: lastEntryEnd, end: lastEntryEnd, indent: '  ' });
  // In the first entry: after it, before the comment that belongs to the next one.
  const inFirst = planYamlSettingInsertion(text, text.indexOf('type: bool'));
  assert.equal(inFirst?.start, text.indexOf('  # whfb-ignore'));
});
