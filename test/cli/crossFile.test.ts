/**
 * whfb-lint judges the files it is given together: a cross-file finding stands in the file whose
 * value wins, names the other file in its message, and points at it (text "see", JSON `related`,
 * SARIF relatedLocations); --no-cross-file turns it off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { whfbLint, whfbLintJson } from './runWhfbLint';

test('text: the trust contradiction across two files, with the other location', () => {
  const run = whfbLint(['cross-file']);
  const line = run.stdout.split('\n').find((item) => item.includes(' WHFB301 '));
  assert.ok(line, run.stdout);
  assert.match(line, /^cross-file\/account-protection\.json:\d+:\d+ error WHFB301 .*in cross-file\/cloud-kerberos\.json.*\(see cross-file\/cloud-kerberos\.json:\d+:\d+\)$/);
  assert.equal(run.status, 1);
});

test('json: related carries the other file and its position', () => {
  const { report } = whfbLintJson(['cross-file']);
  const file = report.files.find((item: any) => item.path === 'cross-file/account-protection.json');
  const finding = file.diagnostics.find((item: any) => item.code === 'WHFB301');
  assert.equal(finding.related.length, 1);
  assert.equal(finding.related[0].path, 'cross-file/cloud-kerberos.json');
  assert.ok(finding.related[0].line > 1);
});

test('sarif: relatedLocations point at the other file', () => {
  const run = whfbLint(['--format', 'sarif', 'cross-file']);
  const sarif = JSON.parse(run.stdout);
  const result = sarif.runs[0].results.find((item: any) => item.ruleId === 'WHFB301');
  assert.ok(result);
  assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, 'cross-file/cloud-kerberos.json');
  assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uriBaseId, 'SRCROOT');
});

test('--no-cross-file judges each file alone; one file alone has no cross-file finding', () => {
  assert.doesNotMatch(whfbLint(['--no-cross-file', 'cross-file']).stdout, /WHFB30\d/);
  assert.doesNotMatch(whfbLint(['cross-file/account-protection.json']).stdout, /WHFB30\d/);
});

test('--rule applies to cross-file findings', () => {
  assert.doesNotMatch(whfbLint(['--rule', 'WHFB301=off', 'cross-file']).stdout, /WHFB301/);
  assert.match(whfbLint(['--rule', 'WHFB301=warning', 'cross-file']).stdout, /warning WHFB301/);
});
