/**
 * The whfb-lint npm package as a user gets it: packed by scripts/packCli.mjs, installed from the
 * tarball into an empty folder with no network (it has no dependencies), run through
 * node_modules/.bin/whfb-lint on the repository's examples.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../protocol/ensureBuilt';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let tarball: string;
let bin: string;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'whfb-lint-package-'));
  const pack = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'packCli.mjs'), '--out', join(work, 'packed')], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(pack.status, 0, pack.stderr);
  tarball = pack.stdout.trimEnd().split('\n').at(-1)!;
  // An empty folder, no package.json: as `npm install whfb-lint` in a fresh pipeline workspace.
  const project = join(work, 'project');
  mkdirSync(project);
  const install = spawnSync(npm, ['install', '--offline', '--no-audit', '--no-fund', tarball], {
    cwd: project, encoding: 'utf8', timeout: 120_000, shell: process.platform === 'win32',
    env: { ...process.env, npm_config_cache: join(work, 'npm-cache') },
  });
  assert.equal(install.status, 0, install.stderr + install.stdout);
  bin = join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'whfb-lint.cmd' : 'whfb-lint');
});

after(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[]) {
  const result = spawnSync(bin, args, { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('the tarball holds only the launcher and its engine, their licences, the README and package.json', () => {
  const list = spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
  assert.deepEqual(list, [
    'package/LICENSE', 'package/NOTICE', 'package/README.md', 'package/dist/THIRD-PARTY-LICENSES.txt', 'package/dist/cli-engine.js', 'package/dist/cli.js',
    'package/package.json',
  ]);
  const manifest = JSON.parse(spawnSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }).stdout);
  assert.equal(manifest.name, 'whfb-lint');
  assert.equal(manifest.license, 'MIT');
  assert.equal(manifest.engines.node, '>=20');
  assert.deepEqual(manifest.bin, { 'whfb-lint': 'dist/cli.js' });
  assert.equal(manifest.dependencies, undefined, 'nothing to download at install time');
  assert.equal(manifest.version, JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version, 'the version --version prints');
  const readme = spawnSync('tar', ['xzOf', tarball, 'package/README.md'], { encoding: 'utf8' }).stdout;
  for (const topic of ['--format', 'Exit status', 'junit', 'github', 'sarif', '--fix']) assert.ok(readme.includes(topic), `README covers ${topic}`);
});

test('the installed bin is executable and answers --version and --help', () => {
  assert.ok(statSync(bin).isFile());
  const version = run(['--version']);
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: whfb-lint/);
});

test('the installed whfb-lint: clean examples exit 0, broken ones 1 with their findings, usage errors 2', () => {
  const clean = run(['examples/cloud-only.whfb.yaml', 'examples/hybrid-cloud-kerberos-trust.whfb.yaml', 'examples/hybrid-key-trust.whfb.yaml',
    'examples/hybrid-certificate-trust.whfb.yaml', 'examples/on-premises-key-trust.whfb.yaml', 'examples/on-premises-certificate-trust.whfb.yaml']);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.equal(clean.stdout, '0 problems (0 errors, 0 warnings) in 6 files\n');

  // Each broken example stands alone (one problem each), so they are not judged as one deployment.
  const broken = run(['--no-cross-file', 'examples/broken']);
  assert.equal(broken.status, 1, broken.stderr);
  for (const [file, code] of [['typo-node', 'WHFB101'], ['wrong-type', 'WHFB102'], ['pin-min-greater-than-max', 'WHFB120'], ['trust-contradiction', 'WHFB130']]) {
    assert.match(broken.stdout, new RegExp(`^examples/broken/${file}\\.whfb\\.yaml:\\d+:\\d+ error ${code} `, 'm'));
  }
  assert.match(broken.stdout, /^4 problems \(4 errors, 0 warnings\) in 4 files$/m);

  const json = run(['--format', 'json', 'examples/broken/wrong-type.whfb.yaml']);
  assert.equal(json.status, 1);
  assert.equal(JSON.parse(json.stdout).summary.errors, 1);

  const usage = run(['--format', 'xml', 'examples']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--format must be/);
  const nothing = run([]);
  assert.equal(nothing.status, 2);
});
