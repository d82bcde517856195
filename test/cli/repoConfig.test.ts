/**
 * whfb-lint honours the repository's .whfbrc.json / whfb.config.json: rule severities, ignore
 * globs, the nearest file per folder up to the repository root, --config and --no-config, --rule
 * winning over the file, and a broken file reported (status 2) without stopping the run.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, whfbLint, whfbLintJson } from './runWhfbLint';

/** A repository (with .git) holding copies of the CLI fixtures, and the given config files. */
function repository(configs: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'whfb-config-'));
  mkdirSync(join(root, '.git'));
  cpSync(FIXTURES, join(root, 'policies'), { recursive: true });
  for (const [path, content] of Object.entries(configs)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

const codesOf = (report: any, path: string) => report.files.find((f: any) => f.path === path)?.diagnostics.map((d: any) => `${d.code}:${d.severity}`) ?? [];
const WARNINGS_FILE = 'policies/warnings/group-policy-and-intune.whfb.yaml';
const ERRORS_FILE = 'policies/errors/unknown-node.whfb.yaml';

describe('whfb-lint reads the repository configuration', () => {
  it('applies the severities of .whfbrc.json at the repository root to every file below', () => {
    const root = repository({ '.whfbrc.json': { rules: { WHFB160: 'error', WHFB101: 'off' } } });
    const { run, report } = whfbLintJson(['policies'], root);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(codesOf(report, WARNINGS_FILE), ['WHFB160:error']);
    assert.ok(!codesOf(report, ERRORS_FILE).some((c: string) => c.startsWith('WHFB101')));
    const without = whfbLintJson(['--no-config', 'policies'], root).report;
    assert.deepEqual(codesOf(without, WARNINGS_FILE), ['WHFB160:warning']);
    assert.ok(codesOf(without, ERRORS_FILE).includes('WHFB101:error'));
  });

  it('takes the nearest file: a folder\'s whfb.config.json wins over the root\'s .whfbrc.json for its files', () => {
    const root = repository({
      '.whfbrc.json': { rules: { WHFB160: 'error' } },
      'policies/warnings/whfb.config.json': { rules: { WHFB160: 'hint' } },
    });
    const { report } = whfbLintJson(['.'], root);
    assert.deepEqual(codesOf(report, WARNINGS_FILE), ['WHFB160:hint']);
    assert.deepEqual(report.files.map((f: any) => f.path), [...report.files.map((f: any) => f.path)].sort(), 'files keep their order');
  });

  it('does not look above the repository root', () => {
    const outer = mkdtempSync(join(tmpdir(), 'whfb-outer-'));
    writeFileSync(join(outer, '.whfbrc.json'), JSON.stringify({ rules: { WHFB160: 'off' } }));
    const root = join(outer, 'repo');
    mkdirSync(join(root, '.git'), { recursive: true });
    cpSync(join(FIXTURES, 'warnings'), join(root, 'warnings'), { recursive: true });
    assert.deepEqual(codesOf(whfbLintJson(['.'], root).report, 'warnings/group-policy-and-intune.whfb.yaml'), ['WHFB160:warning']);
  });

  it('skips files matched by the ignore globs (folders, any-depth names, paths from the config folder), even when named', () => {
    const root = repository({ '.whfbrc.json': { ignore: ['policies/errors', '*.json'] } });
    const { run, report } = whfbLintJson(['policies', ERRORS_FILE], root);
    const paths = report.files.map((f: any) => f.path);
    assert.ok(!paths.some((p: string) => p.startsWith('policies/errors/')), paths.join());
    assert.ok(!paths.some((p: string) => p.endsWith('.json')), paths.join());
    assert.ok(paths.includes(WARNINGS_FILE));
    assert.equal(run.status, 0, run.stderr);
  });

  it('--rule wins over the file; --config uses one file for all; --config with --no-config is a usage error', () => {
    const root = repository({ '.whfbrc.json': { rules: { WHFB160: 'off' } }, 'ci/strict.json': { rules: { WHFB160: 'error' } } });
    assert.deepEqual(codesOf(whfbLintJson(['--rule', 'WHFB160=information', 'policies'], root).report, WARNINGS_FILE), ['WHFB160:information']);
    assert.deepEqual(codesOf(whfbLintJson(['--config', 'ci/strict.json', 'policies'], root).report, WARNINGS_FILE), ['WHFB160:error']);
    const both = whfbLint(['--config', 'ci/strict.json', '--no-config', 'policies'], root);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--config and --no-config exclude each other/);
  });

  it('reports a broken or wrong configuration on stderr with status 2, and still checks every file', () => {
    const root = repository({ '.whfbrc.json': '{ "rules": { "WHFB160": "loud" }, "colour": true }' });
    const { run, report } = whfbLintJson(['policies'], root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /configuration \.whfbrc\.json: rules: WHFB160 must be error, warning, information, hint or off, not "loud"/);
    assert.match(run.stderr, /unknown key "colour"/);
    assert.equal(run.stderr.match(/configuration \.whfbrc\.json: rules/g)?.length, 1, 'reported once, not per file');
    assert.deepEqual(codesOf(report, WARNINGS_FILE), ['WHFB160:warning']);
    const invalid = repository({ '.whfbrc.json': '{ rules: ' });
    const broken = whfbLint(['policies'], invalid);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /configuration \.whfbrc\.json: not valid JSON/);
    assert.match(broken.stdout, /WHFB101/);
    const missing = whfbLint(['--config', 'nope.json', 'policies'], root);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /configuration nope\.json: cannot be read \(ENOENT\)/);
  });
});
