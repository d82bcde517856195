/**
 * whfb-lint --fix and --fix-dry-run: which quick fixes are applied (safe ones only), how files
 * are written (atomically, mode and encoding kept), the diff of a dry run, idempotence and the
 * exit status after the fixes. Unit tests of the engine (applySafeFixes, safeFixes, unifiedDiff)
 * first, then the built CLI on copies of test/fixtures/cli-fix.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLanguageService } from '../../server/src/service/languageService';
import { applySafeFixes } from '../../server/src/cli/fix/applyFixes';
import { safeFixes } from '../../server/src/cli/fix/safeFixes';
import { unifiedDiff } from '../../server/src/cli/fix/unifiedDiff';
import { ChangedSinceReadError, writeFileAtomically } from '../../server/src/cli/fix/writeAtomically';
import type { CodeAction, Diagnostic } from '../../server/src/lsp/protocolTypes';
import { ensureBuilt, REPO_ROOT } from '../protocol/ensureBuilt';
import { stagedCli } from '../robustness/support/stageForNobody';
import { whfbLint } from './runWhfbLint';

const SOURCE = join(REPO_ROOT, 'test', 'fixtures', 'cli-fix');
const FIXABLE = readFileSync(join(SOURCE, 'fixable.whfb.yaml'), 'utf8');
const temps: string[] = [];
after(() => { for (const dir of temps) rmSync(dir, { recursive: true, force: true }); });

function copyFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'whfb-fix-'));
  temps.push(dir);
  cpSync(SOURCE, dir, { recursive: true });
  return dir;
}

function input(text: string, name = 'fixable.whfb.yaml') {
  return { uri: `file:///work/${name}`, languageId: 'whfb-yaml', version: 1, text };
}

// --- the engine -------------------------------------------------------------------------------

test('engine: type, {TenantId} with a declared tenant and the deprecated successor are fixed; a did-you-mean guess is not', () => {
  const service = getLanguageService();
  const { text, fixes } = applySafeFixes(service, input(FIXABLE));
  assert.deepEqual(fixes.map((fix) => fix.code), ['WHFB102', 'WHFB105', 'WHFB171']);
  assert.match(text, /UseCloudTrustForOnPremAuth\n    type: bool\n/);
  assert.match(text, /PassportForWork\/\{TenantId\}\/Policies\/RequireSecurityDevice/);
  assert.match(text, /PassportForWork\/Biometrics\/UseBiometrics\n/);
  assert.match(text, /MinimumPINLenght/, 'the misspelt node stays: which node was meant is a guess');
  const remaining = service.validate(input(text)).map((d) => d.code);
  assert.deepEqual(remaining, ['WHFB101']);
});

test('engine: a fixed text is a fixed point (fixing it again changes nothing)', () => {
  const service = getLanguageService();
  const once = applySafeFixes(service, input(FIXABLE));
  const twice = applySafeFixes(service, input(once.text));
  assert.equal(twice.text, once.text);
  assert.deepEqual(twice.fixes, []);
});

test('engine: {TenantId} is not written when the file declares no tenantId', () => {
  const service = getLanguageService();
  const text = readFileSync(join(SOURCE, 'no-tenant.whfb.yaml'), 'utf8');
  const result = applySafeFixes(service, input(text, 'no-tenant.whfb.yaml'));
  assert.deepEqual(result.fixes.map((fix) => fix.code), ['WHFB102']);
  assert.match(result.text, /PassportForWork\/my-tenant\//);
});

test('engine: CRLF line endings survive the fixes', () => {
  const service = getLanguageService();
  const crlf = FIXABLE.replace(/\n/g, '\r\n');
  const { text, fixes } = applySafeFixes(service, input(crlf));
  assert.equal(fixes.length, 3);
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'every line still ends in CRLF');
});

function diagnostic(code: string, line: number): Diagnostic {
  return { range: { start: { line, character: 0 }, end: { line, character: 5 } }, severity: 1, code, source: 'whfb', message: code } as Diagnostic;
}
function action(title: string, d: Diagnostic, newText: string): CodeAction {
  return { title, kind: 'quickfix', diagnostics: [d], edit: { changes: { 'file:///x': [{ range: d.range, newText }] } } };
}

test('safeFixes: one place decides; case-only renames are safe, other renames, choices and ignores are not', () => {
  const textOf = () => 'usePassportForWORK';
  const casing = diagnostic('WHFB101', 1);
  const guess = diagnostic('WHFB101', 2);
  const choice = diagnostic('WHFB102', 3);
  const trust = diagnostic('WHFB130', 4);
  const ignore = diagnostic('WHFB102', 5);
  const actions = [
    action('Change to UsePassportForWork', casing, 'UsePassportForWork'),
    action('Change to UseCloudTrust', guess, 'UseCloudTrust'),
    action('Change type to bool', choice, 'bool'),
    action('Change type to int', choice, 'int'),
    action('Set UseCertificateForOnPremAuth to false', trust, 'false'),
    action('Ignore WHFB102 for this entry', ignore, '# whfb-ignore WHFB102\n'),
  ];
  const safe = safeFixes(actions, textOf, 'whfb: 1\n');
  assert.deepEqual(safe.map((item) => item.action.title), ['Change to UsePassportForWork']);
});

test('safeFixes: braces around a GUID tenant id are removed; {TenantId} needs a declared tenantId', () => {
  const braces = diagnostic('WHFB104', 1);
  const guid = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
  assert.equal(safeFixes([action('Remove the braces', braces, guid)], () => `{${guid}}`, '').length, 1);
  const placeholder = diagnostic('WHFB104', 2);
  const fix = action('Use {TenantId}', placeholder, '{TenantId}');
  assert.equal(safeFixes([fix], () => 'my-tenant', 'whfb: 1\nsettings: []\n').length, 0);
  assert.equal(safeFixes([fix], () => 'my-tenant', `whfb: 1\ntenantId: "${guid}"\n`).length, 1);
});

test('engine: two fixes whose edits overlap are never applied in the same round', () => {
  const d1 = diagnostic('WHFB102', 0);
  const d2 = diagnostic('WHFB171', 0);
  const fake = {
    validate: (doc: { text: string }) => (doc.text.startsWith('int') ? [d1, d2] : []),
    codeActions: () => [action('type', d1, 'bool_'), action('successor', d2, 'long_')],
    forget: () => {},
  } as never;
  const { text, fixes } = applySafeFixes(fake, input('int  rest'));
  assert.equal(fixes.length, 1, 'the second fix waited for a round that never came (its finding is gone)');
  assert.equal(text, 'bool_rest');
});

test('engine: fixes that undo each other stop (bounded rounds, no cycle)', () => {
  const d = diagnostic('WHFB102', 0);
  const fake = {
    validate: () => [d],
    codeActions: (doc: { text: string }) => [action('flip', d, doc.text.startsWith('aaaaa') ? 'bbbbb' : 'aaaaa')],
    forget: () => {},
  } as never;
  const { fixes } = applySafeFixes(fake, input('aaaaa'));
  assert.ok(fixes.length <= 2, `${fixes.length} rounds`);
});

test('unifiedDiff: hunks with three lines of context, as patch reads them', () => {
  const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((l) => `${l}\n`).join('');
  const after = before.replace('e\n', 'E\n');
  assert.equal(unifiedDiff(before, after, 'a/f', 'b/f'), '--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n');
  assert.equal(unifiedDiff('x', 'y', 'a/f', 'b/f'), '--- a/f\n+++ b/f\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+y\n\\ No newline at end of file\n');
  assert.equal(unifiedDiff('same\n', 'same\n', 'a/f', 'b/f'), '');
});

// --- the CLI ----------------------------------------------------------------------------------

test('--fix writes the fixes, lists them, exits with the remaining problems; a second --fix changes nothing', () => {
  const dir = copyFixtures();
  chmodSync(join(dir, 'fixable.whfb.yaml'), 0o640);
  const run = whfbLint(['--fix', 'fixable.whfb.yaml'], dir);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /^fixable\.whfb\.yaml:14:11 fixed WHFB102 Change type to bool$/m);
  assert.match(run.stdout, /^fixable\.whfb\.yaml:\d+:\d+ fixed WHFB105 Use \{TenantId\}$/m);
  assert.match(run.stdout, /^fixable\.whfb\.yaml:\d+:\d+ fixed WHFB171 /m);
  assert.match(run.stdout, /^Fixed 3 problems in 1 file\.$/m);
  assert.match(run.stdout, /^fixable\.whfb\.yaml:\d+:\d+ error WHFB101 /m, 'the guess is still reported');
  assert.match(run.stdout, /^1 problem \(1 error, 0 warnings\) in 1 file$/m);
  const fixed = readFileSync(join(dir, 'fixable.whfb.yaml'), 'utf8');
  assert.equal(fixed, applySafeFixes(getLanguageService(), input(FIXABLE)).text, 'the CLI writes what the engine computes');
  assert.equal(statSync(join(dir, 'fixable.whfb.yaml')).mode & 0o777, 0o640, 'permissions kept');
  assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.tmp')), [], 'no temporary file left');

  const again = whfbLint(['--fix', 'fixable.whfb.yaml'], dir);
  assert.equal(again.status, 1);
  assert.match(again.stdout, /^Fixed 0 problems in 0 files\.$/m);
  assert.equal(readFileSync(join(dir, 'fixable.whfb.yaml'), 'utf8'), fixed, 'unchanged the second time');
});

test('--fix: exit 0 once nothing but fixable problems were there', () => {
  const dir = copyFixtures();
  writeFileSync(join(dir, 'only-fixable.whfb.yaml'), FIXABLE.replace(/\n  # A misspelling[\s\S]*?value: 6\n/, '\n'));
  const before = whfbLint(['only-fixable.whfb.yaml'], dir);
  assert.equal(before.status, 1);
  const run = whfbLint(['--fix', 'only-fixable.whfb.yaml'], dir);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /0 errors/);
});

test('--fix-dry-run prints a unified diff that patch applies, writes nothing, and reports what would remain', () => {
  const dir = copyFixtures();
  const run = whfbLint(['--fix-dry-run', 'fixable.whfb.yaml'], dir);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(readFileSync(join(dir, 'fixable.whfb.yaml'), 'utf8'), FIXABLE, 'nothing written');
  assert.match(run.stdout, /^--- a\/fixable\.whfb\.yaml\n\+\+\+ b\/fixable\.whfb\.yaml\n@@ /);
  assert.match(run.stdout, /^-    type: int\n\+    type: bool$/m);
  assert.match(run.stdout, /^Would fix 3 problems in 1 file \(dry run: nothing written\)\.$/m);
  assert.match(run.stdout, /^1 problem \(1 error, 0 warnings\) in 1 file$/m);
  const diff = run.stdout.slice(0, run.stdout.indexOf('fixable.whfb.yaml:'));
  writeFileSync(join(dir, 'fix.patch'), diff);
  const patch = spawnSync('patch', ['-p1', '-s', '-i', 'fix.patch'], { cwd: dir, encoding: 'utf8' });
  if (patch.error) return; // no patch program: the diff's shape was checked above
  assert.equal(patch.status, 0, patch.stderr + patch.stdout);
  assert.equal(readFileSync(join(dir, 'fixable.whfb.yaml'), 'utf8'), applySafeFixes(getLanguageService(), input(FIXABLE)).text);
});

test('--fix with --format json: stdout stays one JSON document with the fixes, the fix list goes to stderr', () => {
  const dir = copyFixtures();
  const run = whfbLint(['--fix', '--format', 'json', 'fixable.whfb.yaml'], dir);
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.deepEqual(report.files[0].fixes.map((fix: any) => fix.code), ['WHFB102', 'WHFB105', 'WHFB171']);
  assert.equal(report.summary.errors, 1);
  assert.match(run.stderr, /Fixed 3 problems in 1 file/);
});

test('--fix keeps a UTF-16 file UTF-16 with its byte-order mark, and writes through a symbolic link', () => {
  const dir = copyFixtures();
  const utf16 = join(dir, 'utf16.whfb.yaml');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FIXABLE, 'utf16le')]));
  symlinkSync('utf16.whfb.yaml', join(dir, 'link.whfb.yaml'));
  const run = whfbLint(['--fix', 'link.whfb.yaml'], dir);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /Fixed 3 problems/);
  const bytes = readFileSync(utf16);
  assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
  assert.match(bytes.subarray(2).toString('utf16le'), /type: bool\n    value: true\n  # Another/);
  assert.ok(statSync(join(dir, 'link.whfb.yaml')).isFile());
  assert.equal(spawnSync('readlink', [join(dir, 'link.whfb.yaml')], { encoding: 'utf8' }).stdout.trim(), 'utf16.whfb.yaml', 'the link is still a link');
});

test('--fix in a read-only folder: exit 2 with a message, the file untouched, the findings still reported (as root, run as the unprivileged user "nobody")', () => {
  const dir = copyFixtures();
  chmodSync(dir, 0o555);
  try {
    let run: { status: number | null; stdout: string; stderr: string };
    if (process.getuid?.() === 0) {
      // Root writes anywhere: "nobody" runs a staged, world-readable copy of the bundle in the read-only folder.
      ensureBuilt();
      const result = spawnSync(process.execPath, [stagedCli(), '--fix', 'fixable.whfb.yaml'], {
        cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000, uid: 65534, gid: 65534,
      });
      run = { status: result.status, stdout: result.stdout, stderr: result.stderr };
    } else {
      run = whfbLint(['--fix', 'fixable.whfb.yaml'], dir);
    }
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /cannot write the fixes to fixable\.whfb\.yaml/);
    assert.match(run.stdout, /error WHFB102/, 'not written, so the type problem is still there');
  } finally {
    chmodSync(dir, 0o755);
  }
  assert.equal(readFileSync(join(dir, 'fixable.whfb.yaml'), 'utf8'), FIXABLE);
});

test('--fix and --fix-dry-run together is a usage error', () => {
  const run = whfbLint(['--fix', '--fix-dry-run', 'fixable.whfb.yaml'], SOURCE);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /cannot be combined/);
});

test('writeFileAtomically refuses to overwrite a file that changed since it was read', () => {
  const dir = copyFixtures();
  const path = join(dir, 'fixable.whfb.yaml');
  const readEarlier = Buffer.from('what whfb-lint read\n');
  assert.throws(() => writeFileAtomically(path, readEarlier, Buffer.from('fixed\n')), ChangedSinceReadError);
  assert.equal(readFileSync(path, 'utf8'), FIXABLE);
  writeFileAtomically(path, readFileSync(path), Buffer.from('fixed\n'));
  assert.equal(readFileSync(path, 'utf8'), 'fixed\n');
  assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.tmp')), []);
});
