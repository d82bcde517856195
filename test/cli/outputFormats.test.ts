/** whfb-lint's three output formats on the fixtures: text lines, the JSON report, SARIF 2.1.0. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/model/ruleCodes';
import { whfbLint, whfbLintJson } from './runWhfbLint';

// errors/unknown-node.whfb.yaml: the misspelt OMA-URI is on line 12 (1-based), its value starts at column 13.
const TYPO_LINE = 12;
const TYPO_VALUE_COLUMN = 13;

test('text: one "path:line:column severity CODE message" line per finding, then the summary', () => {
  const run = whfbLint(['errors/unknown-node.whfb.yaml']);
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  const finding = lines.find((line) => line.includes(' WHFB101 '));
  assert.ok(finding, run.stdout);
  const match = /^errors\/unknown-node\.whfb\.yaml:(\d+):(\d+) error WHFB101 (.+)$/.exec(finding);
  assert.ok(match, finding);
  assert.equal(Number(match[1]), TYPO_LINE);
  assert.ok(Number(match[2]) >= TYPO_VALUE_COLUMN);
  assert.match(match[3], /UseCloudTrustForOnPremAuth/, 'the message names the node it probably meant');
  assert.match(lines[lines.length - 1], /^\d+ problems? \(\d+ errors?, \d+ warnings?\) in 1 file$/);
  assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colors when stdout is not a terminal');
});

test('text: a clean policy prints only the summary', () => {
  const run = whfbLint(['clean']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(run.stdout, '0 problems (0 errors, 0 warnings) in 1 file\n');
});

test('json: version 1, files with 1-based positions, and the summary', () => {
  const { run, report } = whfbLintJson(['errors/unknown-node.whfb.yaml', 'clean']);
  assert.equal(run.status, 1);
  assert.equal(report.version, 1);
  assert.deepEqual(report.files.map((file: any) => file.path), ['errors/unknown-node.whfb.yaml', 'clean/hybrid-cloud-kerberos.whfb.yaml']);
  const typo = report.files[0].diagnostics.find((d: any) => d.code === 'WHFB101');
  assert.ok(typo);
  assert.deepEqual(Object.keys(typo).sort(), ['code', 'column', 'endColumn', 'endLine', 'href', 'line', 'message', 'severity']);
  assert.equal(typo.line, TYPO_LINE);
  assert.ok(typo.column >= TYPO_VALUE_COLUMN);
  assert.equal(typo.endLine, TYPO_LINE);
  assert.ok(typo.endColumn > typo.column);
  assert.equal(typo.severity, 'error');
  assert.match(typo.href, /^https:\/\/learn\.microsoft\.com\//);
  assert.deepEqual(report.files[1].diagnostics, []);
  const errors = report.files[0].diagnostics.filter((d: any) => d.severity === 'error').length;
  assert.deepEqual(report.summary, { files: 2, errors, warnings: 0 });
});

test('json: a syntax error is reported with its position', () => {
  const { run, report } = whfbLintJson(['errors/broken-syntax.whfb.yaml']);
  assert.equal(run.status, 1);
  const syntax = report.files[0].diagnostics.find((d: any) => d.code === 'WHFB001');
  assert.ok(syntax, JSON.stringify(report));
  assert.ok(syntax.line >= 1 && syntax.column >= 1);
});

test('sarif: 2.1.0, one run, every rule with its help link, results with relative locations', () => {
  const run = whfbLint(['--format', 'sarif', 'errors/unknown-node.whfb.yaml']);
  assert.equal(run.status, 1);
  const sarif = JSON.parse(run.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.match(sarif.$schema, /sarif-2\.1\.0/);
  assert.equal(sarif.runs.length, 1);
  const driver = sarif.runs[0].tool.driver;
  assert.equal(driver.name, 'whfb-lint');
  assert.match(driver.version, /^\d+\.\d+\.\d+/);
  assert.match(driver.informationUri, /^https:\/\//);
  assert.deepEqual(driver.rules.map((rule: any) => rule.id), RULES.map((rule) => rule.code));
  for (const rule of driver.rules) {
    assert.ok(rule.name && rule.shortDescription.text && rule.helpUri, JSON.stringify(rule));
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
  }
  // Code scanning shows help.markdown: the rule reference entry, with the sentence the rule rests on.
  const pinRule = driver.rules.find((rule: any) => rule.id === 'WHFB120');
  assert.match(pinRule.help.markdown, /must be less than the number configured in the Maximum PIN length policy setting/);
  assert.match(pinRule.help.markdown, /docs\/rules\.md#whfb120/);
  assert.match(pinRule.fullDescription.text, /MinimumPINLength/);
  const result = sarif.runs[0].results.find((r: any) => r.ruleId === 'WHFB101');
  assert.ok(result);
  assert.equal(result.level, 'error');
  assert.equal(driver.rules[result.ruleIndex].id, 'WHFB101');
  assert.ok(result.message.text.length > 0);
  const location = result.locations[0].physicalLocation;
  assert.equal(location.artifactLocation.uri, 'errors/unknown-node.whfb.yaml');
  assert.equal(location.region.startLine, TYPO_LINE);
  assert.ok(location.region.startColumn >= TYPO_VALUE_COLUMN);
});

test('--quiet prints errors only', () => {
  const run = whfbLint(['--quiet', 'warnings']);
  assert.equal(run.status, 0);
  assert.doesNotMatch(run.stdout, / warning WHFB/);
});

test('--rule CODE=off silences a rule', () => {
  const { report } = whfbLintJson(['--rule', 'WHFB101=off', 'errors/unknown-node.whfb.yaml']);
  assert.ok(!report.files[0].diagnostics.some((d: any) => d.code === 'WHFB101'));
});
