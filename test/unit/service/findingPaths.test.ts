/**
 * Every diagnostic about a setting names it by catalog path in its data (`data.paths`), so the
 * client links diagnostics to settings without reading messages: the checklist view.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic, Position, Range } from '../../../server/src/lsp/protocolTypes';
import { fixture, ROOT, service, TENANT } from './helpers';

const POLICIES = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies';

function paths(diagnostic: Diagnostic): string[] | undefined {
  const data = diagnostic.data as { paths?: string[] } | undefined;
  return data?.paths;
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const inside = (position: Position, range: Range) => before(range.start, position) && before(position, range.end);

const FIXTURES: [string, string][] = [
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'whfb-yaml')).map((name): [string, string] => [`whfb-yaml/${name}`, 'whfb-yaml']),
  ['custom-profile/broken-types.json', 'json'],
  ['settings-catalog/broken.json', 'json'],
  ['intunecd/broken-custom-profile.yaml', 'yaml'],
  ['syncml/broken.syncml.xml', 'xml'],
  ['text/broken-runbook.md', 'markdown'],
];

test('every finding standing on a settings entry carries that entry\'s catalog path, in every format', () => {
  let checked = 0;
  for (const [file, languageId] of FIXTURES) {
    const ls = service();
    const document = { uri: `file:///work/${file.split('/').pop()}`, languageId, version: 1, text: readFileSync(join(ROOT, 'test', 'fixtures', file), 'utf8') };
    const diagnostics = ls.validate(document);
    const summary = ls.policySummary(document);
    for (const setting of summary?.settings ?? []) {
      if (!setting.path) continue;
      for (const problem of setting.problems) {
        const diagnostic = diagnostics.find((d) => d.code === problem.code && d.message === problem.message && inside(d.range.start, setting.range));
        assert.ok(diagnostic, `${file}: ${problem.code} is a diagnostic`);
        assert.ok(paths(diagnostic)?.some((path) => path.toLowerCase() === setting.path!.toLowerCase()), `${file}: ${problem.code} "${problem.message}" names ${setting.path}: ${JSON.stringify(diagnostic.data)}`);
        checked += 1;
      }
    }
  }
  assert.ok(checked > 20, `${checked} findings on entries checked`);
});

test('a finding about a missing setting names the setting it asks for, and keeps its quick fix', () => {
  const ls = service();
  const text = `whfb: 1\ntenantId: ${TENANT}\ndeployment:\n  model: hybrid\n  trust: cloud-kerberos\n  management: intune\nsettings: []\n`;
  const doc = { uri: 'file:///work/missing.whfb.yaml', version: 1, text };
  const diagnostics = ls.validate(doc);
  const byCode = (code: string) => diagnostics.find((d) => d.code === code);
  assert.deepEqual(paths(byCode('WHFB130')!), [`${POLICIES}/UseCloudTrustForOnPremAuth`]);
  assert.equal(byCode('WHFB132'), undefined, 'WHFB132 is retired');
  // UsePassportForWork and RequireSecurityDevice exist in both scopes: either satisfies the rule.
  assert.deepEqual(paths(byCode('WHFB134')!)?.sort(), [`${POLICIES}/UsePassportForWork`, POLICIES.replace('./Device/', './User/') + '/UsePassportForWork'].sort());
  assert.ok(paths(byCode('WHFB190')!)?.includes(`${POLICIES}/RequireSecurityDevice`));
  // The quick fix is built on request from the finding (its data is not sent with the diagnostic).
  const trust = byCode('WHFB130')!;
  const fix = ls.codeActions(doc, trust.range, [trust]).find((action) => action.title === 'Add UseCloudTrustForOnPremAuth = true');
  assert.ok(fix, 'the quick fix is still offered');
  assert.equal(fix.kind, 'quickfix');
  assert.deepEqual(fix.diagnostics, [trust]);
  const [edit] = fix.edit.changes[doc.uri];
  assert.deepEqual(edit.range.start, { line: 6, character: 9 }, 'from just after `settings:`');
  assert.ok(!edit.newText.includes('[]') && edit.newText.includes('/UseCloudTrustForOnPremAuth\n'), '`[]` becomes a block list with the setting');
});

test('findings about the file as a whole name no setting', () => {
  const diagnostics = service().validate({ uri: 'file:///work/whole.whfb.yaml', version: 1, text: fixture('WHFB002-bad.whfb.yaml') });
  const shapes = diagnostics.filter((d) => d.code === 'WHFB002' && d.range.start.line === 0);
  for (const diagnostic of shapes) assert.equal(paths(diagnostic), undefined, diagnostic.message);
});
