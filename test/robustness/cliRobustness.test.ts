/**
 * whfb-lint (`node dist/cli.js`) against a hostile file tree: 10,000 files, an unreadable file, a
 * symbolic link loop (not followed: links to directories are skipped), a link to itself, a file removed between the walk and the read, a named
 * pipe, and the hostile documents themselves. Each problem gets a clear message on stderr, the
 * run ends with status 2, and every other file is still checked.
 *
 * Unreadable as root: root reads a chmod 000 file anyway, so the run is started as the
 * unprivileged user "nobody" (spawn's uid/gid options) when the tests run as root.
 * Removed mid-run: a preloaded hook (support/vanishPreload.cjs) deletes the file just before
 * whfb-lint opens it, so the race happens on every run instead of by timing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_BUNDLE, ensureBuilt } from '../protocol/ensureBuilt';
import { CLEAN_POLICY, conflicted, deepYamlFlow, syncmlWithEntities, yamlAliasBomb } from './support/hostileTexts';
import { stagedCli, stagedCopy } from './support/stageForNobody';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

interface Run { status: number | null; stdout: string; stderr: string; signal: NodeJS.Signals | null }

function lint(args: string[], cwd: string, options: { asNobody?: boolean; env?: Record<string, string>; preload?: string } = {}): Run {
  ensureBuilt();
  // "nobody" may not read the repository (a private clone): it runs staged copies of the bundle and the preload.
  const bundle = options.asNobody ? stagedCli() : CLI_BUNDLE;
  const preload = options.preload && options.asNobody ? stagedCopy(options.preload) : options.preload;
  const result = spawnSync(process.execPath, [...(preload ? ['--require', preload] : []), bundle, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
    ...(options.asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

function tempTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'whfb-lint-hostile-'));
  chmodSync(root, 0o755); // "nobody" walks it too
  return root;
}

/** Makes every directory below root world-readable, for the run as "nobody". */
function openUp(root: string): void {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      chmodSync(path, 0o755);
      openUp(path);
    }
  }
}

test('10,000 files: the run completes and every policy is checked and counted', { timeout: 180_000 }, () => {
  const root = tempTree();
  try {
    let policies = 0;
    for (let i = 0; i < 10_000; i++) {
      const directory = join(root, `group-${String(Math.floor(i / 400)).padStart(2, '0')}`);
      if (i % 400 === 0) mkdirSync(directory);
      if (i % 10 === 9) writeFileSync(join(directory, `package-${i}.json`), `{"name": "unrelated-${i}", "version": "1.0.0"}\n`);
      else {
        // Every 100th policy has an error, so the count of errors is known too.
        writeFileSync(join(directory, `policy-${i}.whfb.yaml`), i % 100 === 0 ? CLEAN_POLICY.replace('trust: cloud-kerberos', 'trust: cloud-kerbros') : CLEAN_POLICY);
        policies += 1;
      }
    }
    const run = lint(['--format', 'json', '.'], root);
    assert.equal(run.signal, null);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.summary.files, policies);
    assert.equal(report.files.length, policies);
    assert.equal(report.files.filter((file: any) => file.diagnostics.some((d: any) => d.severity === 'error')).length, 100);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an unreadable file, a link loop, a link to itself, a file removed mid-run and a named pipe: status 2, clear messages, the others checked', { timeout: 60_000 }, () => {
  const root = tempTree();
  try {
    mkdirSync(join(root, 'policies', 'nested'), { recursive: true });
    writeFileSync(join(root, 'policies', 'a-clean.whfb.yaml'), CLEAN_POLICY);
    writeFileSync(join(root, 'policies', 'nested', 'b-clean.whfb.yaml'), CLEAN_POLICY);
    writeFileSync(join(root, 'policies', 'c-unreadable.whfb.yaml'), CLEAN_POLICY);
    chmodSync(join(root, 'policies', 'c-unreadable.whfb.yaml'), 0o000);
    writeFileSync(join(root, 'policies', 'd-vanishing.whfb.yaml'), CLEAN_POLICY);
    symlinkSync('..', join(root, 'policies', 'nested', 'loop-to-parent'));
    symlinkSync('e-self.whfb.yaml', join(root, 'policies', 'e-self.whfb.yaml'));
    const fifo = spawnSync('mkfifo', [join(root, 'policies', 'f-pipe.whfb.yaml')], { encoding: 'utf8' });
    writeFileSync(join(root, 'policies', 'z-clean.whfb.yaml'), CLEAN_POLICY);
    openUp(root);
    chmodSync(join(root, 'policies'), 0o777); // "nobody" runs the hook that removes d-vanishing

    const run = lint(['--format', 'json', 'policies'], root, {
      asNobody: isRoot,
      preload: join(__dirname, 'support', 'vanishPreload.cjs'),
      env: { WHFB_VANISH: 'd-vanishing.whfb.yaml' },
    });
    assert.equal(run.signal, null, 'no hang on the pipe, no crash');
    assert.equal(run.status, 2, `status 2 when a file cannot be read\n${run.stderr}`);
    const checked = JSON.parse(run.stdout).files.map((file: any) => file.path).sort();
    assert.deepEqual(checked, ['policies/a-clean.whfb.yaml', 'policies/nested/b-clean.whfb.yaml', 'policies/z-clean.whfb.yaml']);
    const messages = run.stderr.trim().split('\n');
    const expectMessage = (pattern: RegExp) => assert.ok(messages.some((line) => pattern.test(line)), `stderr has ${pattern}:\n${run.stderr}`);
    expectMessage(/c-unreadable\.whfb\.yaml: permission denied/);
    assert.ok(!/loop-to-parent/.test(run.stderr), 'a link to a directory is not followed, so its loop is no problem');
    expectMessage(/e-self\.whfb\.yaml: symbolic link loop/);
    expectMessage(/d-vanishing\.whfb\.yaml: no such file or directory \(or it was removed while whfb-lint ran\)/);
    // A machine where mkfifo fails cannot show the FIFO case: fail rather than pass without it.
    assert.equal(fifo.status, 0, `mkfifo failed: ${fifo.stderr}`);
    expectMessage(/f-pipe\.whfb\.yaml: not a regular file/);
    assert.ok(messages.every((line) => line.startsWith('whfb-lint: ')), `every message names the tool:\n${run.stderr}`);
    assert.ok(!/\n\s+at /.test(run.stderr), 'no stack trace');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('hostile documents on disk: each gets its one finding or none, nothing crashes, status by severity', { timeout: 60_000 }, () => {
  const root = tempTree();
  try {
    const files: Record<string, string | Buffer> = {
      'huge.whfb.yaml': CLEAN_POLICY + `# ${'x'.repeat(50 * 1024 * 1024)}\n`,
      'binary.whfb.yaml': Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256)),
      'invalid-utf8.whfb.yaml': Buffer.concat([Buffer.from(CLEAN_POLICY), Buffer.from([0x23, 0x20, 0xc3, 0x28, 0xff, 0x0a])]),
      'bomb.whfb.yaml': yamlAliasBomb('whfb: 1', 'settings'),
      'deep.whfb.yaml': deepYamlFlow(10_000),
      'conflict.whfb.yaml': conflicted(CLEAN_POLICY),
      'crlf-bom.whfb.yaml': `\uFEFF${CLEAN_POLICY.replace(/\n/g, '\r\n')}`,
      'xxe.syncml.xml': syncmlWithEntities('/etc/passwd', 'http://127.0.0.1:9/entity'),
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content);
    const run = lint(['--format', 'json', '.'], root);
    assert.equal(run.signal, null);
    assert.ok(run.status === 0 || run.status === 1, `status ${run.status}: ${run.stderr}`);
    assert.ok(!/\n\s+at /.test(run.stderr), `no stack trace:\n${run.stderr}`);
    const byPath = new Map<string, any[]>(JSON.parse(run.stdout).files.map((file: any) => [file.path, file.diagnostics]));
    const codes = (name: string) => (byPath.get(name) ?? []).map((d: any) => d.code);
    for (const name of ['huge.whfb.yaml', 'binary.whfb.yaml', 'bomb.whfb.yaml', 'deep.whfb.yaml', 'conflict.whfb.yaml']) {
      assert.deepEqual(codes(name), ['WHFB003'], name);
    }
    assert.deepEqual(codes('crlf-bom.whfb.yaml').filter((code) => code !== 'WHFB190'), [], 'CRLF and a BOM read like the plain file');
    assert.ok(!run.stdout.includes('root:x:0:0'), 'the external entity is never read');
    assert.ok(statSync(join(root, 'huge.whfb.yaml')).size > 50 * 1024 * 1024);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
