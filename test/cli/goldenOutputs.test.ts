/**
 * Golden files for the junit and github formats: the exact bytes CI platforms parse. The
 * fixture's misspelt OMA-URI carries what breaks naive writers: <, &, quotes, a control
 * character, an ESC sequence, %, a comma, a colon and CR LF; its file name has a comma and %.
 * After a deliberate change of a rule message, regenerate with UPDATE_GOLDEN=1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { REPO_ROOT } from '../protocol/ensureBuilt';
import { whfbLint } from './runWhfbLint';
import { escapeData, escapeProperty } from '../../server/src/cli/formatGithub';
import { xmlAttribute, xmlText } from '../../server/src/cli/formatJunit';

const GOLDEN = join(REPO_ROOT, 'test', 'fixtures', 'cli-golden');

function assertGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs (UPDATE_GOLDEN=1 regenerates it after a deliberate change)`);
}

test('junit: golden output, well-formed XML with one testsuite per file and escaped text', () => {
  const run = whfbLint(['--format', 'junit', 'policies'], GOLDEN);
  assert.equal(run.status, 1, run.stderr);
  assertGolden('expected.junit.xml', run.stdout);
  assert.equal(XMLValidator.validate(run.stdout), true);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(run.stdout);
  const suites = [parsed.testsuites.testsuite].flat();
  assert.deepEqual(suites.map((suite: any) => suite.name), ['policies/clean.whfb.yaml', 'policies/odd, name 100%.whfb.yaml']);
  assert.equal(parsed.testsuites.failures, '2');
  const odd = [suites[1].testcase].flat();
  assert.deepEqual(odd.map((c: any) => c.failure.type), ['WHFB101', 'WHFB102']);
  assert.doesNotMatch(run.stdout, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, 'no character XML 1.0 forbids');
});

test('github: golden output, one workflow command per finding with escaped message and properties', () => {
  const run = whfbLint(['--format', 'github', 'policies'], GOLDEN);
  assert.equal(run.status, 1, run.stderr);
  assertGolden('expected.github.txt', run.stdout);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2, 'a multi-line message stays one command line');
  assert.match(lines[0], /^::error file=policies\/odd%2C name 100%25\.whfb\.yaml,line=12,col=13,endLine=12,endColumn=\d+,title=WHFB101::/);
  assert.match(lines[0], /100%25, a:b%0D%0AX/, 'message: %, CR and LF escaped; ":" and "," need no escape there');
  assert.doesNotMatch(run.stdout, /[\u0000-\u0009\u000b-\u001f]/, 'no raw control characters reach the log');
});

test('github and junit escaping functions', () => {
  assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
  assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
  assert.equal(xmlText('a<b>&c"\u0001'), 'a&lt;b&gt;&amp;c"\\u0001');
  assert.equal(xmlAttribute('"x"\n\'y\'\t'), '&quot;x&quot;&#10;&apos;y&apos;&#9;');
  assert.equal(xmlText('lone \ud800 surrogate, pair \ud83d\ude00'), 'lone \\ud800 surrogate, pair \ud83d\ude00');
});

test('a clean run: junit has one passing case per file, github prints nothing', () => {
  const junit = whfbLint(['--format', 'junit', 'policies/clean.whfb.yaml'], GOLDEN);
  assert.equal(junit.status, 0, junit.stderr);
  assert.match(junit.stdout, /<testsuites name="whfb-lint" tests="1" failures="0" errors="0">/);
  const github = whfbLint(['--format', 'github', 'policies/clean.whfb.yaml'], GOLDEN);
  assert.equal(github.status, 0);
  assert.equal(github.stdout, '');
});
