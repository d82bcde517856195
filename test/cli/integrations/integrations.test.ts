/**
 * The ready-made integrations run their own command lines here, against the in-repo whfb-lint
 * (dist/cli.js, through a fake npx for the registry/tarball forms): the GitHub Action's script
 * with a runner's environment, the Azure Pipelines template's script step, the pre-commit hook's
 * entry on files, and the VS Code problem matcher's regexp on real text output.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { CLI_BUNDLE, ensureBuilt, REPO_ROOT } from '../../protocol/ensureBuilt';
import { FIXTURES, whfbLint } from '../runWhfbLint';
import { fakeNpx } from './fakeNpx';

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));

/** The formats the in-repo CLI accepts (github and junit come with the output formats work). */
function cliSupportsFormat(format: string): boolean {
  return whfbLint(['--help']).stdout.includes(format);
}

function runBash(script: string, env: Record<string, string>, cwd = FIXTURES) {
  const result = spawnSync('bash', ['-c', script], {
    cwd, encoding: 'utf8', timeout: 120_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), NO_COLOR: '1', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('GitHub Action (action.yml + scripts/action/run.sh)', () => {
  const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'));
  const runner = (extra: Record<string, string>) => {
    const temp = mkdtempSync(join(tmpdir(), 'whfb-action-'));
    const githubOutput = join(temp, 'github-output');
    writeFileSync(githubOutput, '');
    // What a runner gives a composite step: its inputs as env (action.yml), the action's folder.
    const env: Record<string, string> = { GITHUB_ACTION_PATH: REPO_ROOT, GITHUB_OUTPUT: githubOutput, GITHUB_WORKSPACE: FIXTURES };
    for (const [name, input] of Object.entries<any>(action.inputs)) {
      const variable = Object.entries<string>(action.runs.steps[0].env).find(([, v]) => v === `\${{ inputs.${name} }}`)?.[0];
      assert.ok(variable, `input ${name} reaches the script`);
      env[variable] = extra[name] ?? input.default;
    }
    const run = runBash(join(REPO_ROOT, 'scripts', 'action', 'run.sh'), { ...env, ...(extra.WHFB_CLI ? { WHFB_CLI: extra.WHFB_CLI } : {}), ...(extra.PATH ? { PATH: extra.PATH } : {}) });
    return { ...run, outputs: readFileSync(githubOutput, 'utf8'), temp };
  };

  it('is a composite action whose step runs the script and uploads SARIF when asked', () => {
    assert.equal(action.runs.using, 'composite');
    assert.match(action.runs.steps[0].run, /scripts\/action\/run\.sh/);
    const upload = action.runs.steps.find((step: any) => String(step.uses).startsWith('github/codeql-action/upload-sarif'));
    assert.ok(upload, 'an upload-sarif step');
    assert.match(upload.if, /always\(\)/, 'uploaded even when findings fail the lint step');
    assert.match(upload.if, /inputs\.sarif == 'true'/);
    for (const input of ['paths', 'format', 'max-warnings', 'sarif', 'version', 'tarball']) assert.ok(action.inputs[input], input);
    assert.equal(action.inputs.format.default, 'github');
  });

  it('runs the registry version of the action through npx, with the exit status of whfb-lint', () => {
    const npx = fakeNpx();
    const run = runner({ paths: 'errors clean', format: 'text', PATH: `${npx.binDir}:${process.env.PATH}` });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /errors\/unknown-node\.whfb\.yaml:12:13 error WHFB101/);
    assert.match(run.outputs, /^exit-code=1$/m);
    const npxArgs = JSON.parse(readFileSync(npx.logFile, 'utf8').trim().split('\n')[0]);
    assert.deepEqual(npxArgs.slice(0, 2), ['--yes', `whfb-lint@${manifest.version}`]);
  });

  it('runs a packed tarball when one is given', () => {
    const npx = fakeNpx();
    const tarball = join(npx.binDir, 'whfb-lint-9.9.9.tgz');
    writeFileSync(tarball, '');
    const run = runner({ paths: 'clean', format: 'text', tarball, PATH: `${npx.binDir}:${process.env.PATH}` });
    assert.equal(run.status, 0, run.stderr);
    const npxArgs = JSON.parse(readFileSync(npx.logFile, 'utf8').trim().split('\n')[0]);
    assert.deepEqual(npxArgs.slice(0, 3), ['--yes', '--package', tarball]);
  });

  it('passes globs unexpanded, one a line, and honours max-warnings', () => {
    const clean = runner({ paths: 'warnings/*.whfb.yaml\n  clean/**  \n', format: 'json', WHFB_CLI: CLI_BUNDLE });
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(JSON.parse(clean.stdout).summary.warnings, 1);
    const strict = runner({ paths: 'warnings/*.whfb.yaml', format: 'json', 'max-warnings': '0', WHFB_CLI: CLI_BUNDLE });
    assert.equal(strict.status, 1);
  });

  it('passes the config input to whfb-lint as --config', () => {
    const config = join(mkdtempSync(join(tmpdir(), 'whfb-action-config-')), 'strict.json');
    writeFileSync(config, JSON.stringify({ rules: { WHFB160: 'error' } }));
    const run = runner({ paths: 'warnings', format: 'json', config, WHFB_CLI: CLI_BUNDLE });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(JSON.parse(run.stdout).summary.errors, 1);
  });

  it('writes SARIF for the upload step next to the log output', () => {
    const sarifFile = join(mkdtempSync(join(tmpdir(), 'whfb-sarif-')), 'out.sarif');
    const run = runner({ paths: 'errors', format: 'text', sarif: 'true', 'sarif-file': sarifFile, WHFB_CLI: CLI_BUNDLE });
    assert.equal(run.status, 1);
    assert.match(run.outputs, new RegExp(`^sarif-file=${sarifFile.replace(/[.]/g, '\\.')}$`, 'm'));
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.some((r: any) => r.ruleId === 'WHFB101'));
  });

  it('annotates with --format github (workflow commands) by default', { skip: !cliSupportsFormat('github') && 'this build of whfb-lint has no --format github yet' }, () => {
    const run = runner({ paths: 'errors', WHFB_CLI: CLI_BUNDLE });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^::error .*file=errors\/unknown-node\.whfb\.yaml.*line=12/m);
  });

  it('refuses a wrong format or max-warnings with status 2 and an error annotation', () => {
    const run = runner({ format: 'html', WHFB_CLI: CLI_BUNDLE });
    assert.equal(run.status, 2);
    assert.match(run.stdout, /^::error title=whfb-lint action::format must be/m);
    assert.equal(runner({ 'max-warnings': 'many', WHFB_CLI: CLI_BUNDLE }).status, 2);
  });
});

describe('Azure Pipelines template (templates/whfb-lint.yml)', () => {
  const template = parse(readFileSync(join(REPO_ROOT, 'templates', 'whfb-lint.yml'), 'utf8'));
  const parameters = Object.fromEntries(template.parameters.map((p: any) => [p.name, p.default]));
  /** Template expressions `${{ parameters.x }}` rendered the way Azure DevOps expands them. */
  const render = (value: string, overrides: Record<string, string>) =>
    value.replace(/\$\{\{\s*parameters\.(\w+)\s*\}\}/g, (_, name) => String(overrides[name] ?? parameters[name]));

  it('runs whfb-lint with JUnit output, then publishes it with PublishTestResults@2 even on findings', () => {
    const publish = template.steps.find((step: any) => step.task === 'PublishTestResults@2');
    assert.ok(publish);
    assert.equal(publish.inputs.testResultsFormat, 'JUnit');
    assert.equal(publish.condition, 'succeededOrFailed()');
    assert.equal(publish.inputs.testResultsFiles, '${{ parameters.junitFile }}');
    assert.match(template.steps[0].bash, /--format junit/);
  });

  it('its script step writes the report and fails only when whfb-lint cannot run', { skip: !cliSupportsFormat('junit') && 'this build of whfb-lint has no --format junit yet' }, () => {
    const junitFile = join(mkdtempSync(join(tmpdir(), 'whfb-junit-')), 'out', 'whfb-lint.junit.xml');
    const step = template.steps[0];
    const env = Object.fromEntries(Object.entries<string>(step.env).map(([k, v]) => [k, render(v, { paths: 'errors clean', junitFile })]));
    const run = runBash(step.bash, { ...env, WHFB_CLI: CLI_BUNDLE });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /##vso\[task\.setvariable variable=WHFB_LINT_EXIT_CODE\]1/);
    const xml = readFileSync(junitFile, 'utf8');
    assert.match(xml, /<testsuites/);
    assert.match(xml, /WHFB101/);
  });

  it('its script step reports a broken run (exit 2) as a failed step', () => {
    const step = template.steps[0];
    const junitFile = join(mkdtempSync(join(tmpdir(), 'whfb-junit-')), 'whfb-lint.junit.xml');
    const env = Object.fromEntries(Object.entries<string>(step.env).map(([k, v]) => [k, render(v, { paths: 'no-such-folder', junitFile })]));
    const run = runBash(step.bash, { ...env, WHFB_CLI: CLI_BUNDLE });
    assert.equal(run.status, 2);
    assert.match(run.stdout, /##vso\[task\.logissue type=error\]/);
  });
});

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const [hook] = parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8'));

  it('is whfb-lint on this release, for policy file names', () => {
    assert.equal(hook.id, 'whfb-lint');
    assert.ok(['node', 'system'].includes(hook.language));
    assert.match(hook.entry, new RegExp(`whfb-lint@${manifest.version.replace(/\./g, '\\.')}\\b`));
    const files = new RegExp(hook.files);
    for (const name of ['a/pilot.whfb.yaml', 'b.whfb.yml', 'export.json', 'intunecd/x.yaml', 'profile.xml', 'p.syncml']) assert.ok(files.test(name), name);
    for (const name of ['README.md', 'script.ps1', 'a.whfb.yaml.bak']) assert.ok(!files.test(name), name);
  });

  it('its entry, run like pre-commit runs it (entry, args, matching staged files), fails on findings', () => {
    const npx = fakeNpx();
    const staged = ['errors/unknown-node.whfb.yaml', 'clean/hybrid-cloud-kerberos.whfb.yaml', 'mixed/notes.md', 'mixed/package.json'];
    const files = staged.filter((name) => new RegExp(hook.files).test(name));
    const quoted = [hook.entry, ...(hook.args ?? []), ...files.map((f) => `'${f}'`)].join(' ');
    const failing = runBash(quoted, { PATH: `${npx.binDir}:${process.env.PATH}` });
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(failing.stdout, /errors\/unknown-node\.whfb\.yaml:12:13 error WHFB101/);
    assert.doesNotMatch(failing.stdout, /\u001b\[/, 'no colors in the hook output');
    const passing = runBash([hook.entry, ...(hook.args ?? []), 'clean/hybrid-cloud-kerberos.whfb.yaml', 'mixed/package.json'].join(' '), { PATH: `${npx.binDir}:${process.env.PATH}` });
    assert.equal(passing.status, 0, passing.stderr);
  });
});

describe('VS Code problem matcher ($whfb-lint)', () => {
  const pattern = manifest.contributes.problemPatterns.find((p: any) => p.name === 'whfb-lint');
  const matcher = manifest.contributes.problemMatchers.find((m: any) => m.name === 'whfb-lint');
  const regexp = new RegExp(pattern.regexp);
  /** What VS Code's problem matcher makes of a line (its severity mapping: error, warning, info; else the matcher's). */
  const match = (line: string) => {
    const m = regexp.exec(line);
    if (!m) return undefined;
    return { file: m[pattern.file], line: Number(m[pattern.line]), column: Number(m[pattern.column]), severity: m[pattern.severity] ?? matcher.severity, code: m[pattern.code], message: m[pattern.message] };
  };

  it('is contributed under the name whfb-lint with its pattern', () => {
    assert.equal(matcher.pattern, '$whfb-lint');
    assert.equal(matcher.owner, 'whfb-lint');
    assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  });

  it('matches every finding line of real text output, and nothing else', () => {
    ensureBuilt();
    const { stdout } = whfbLint(['--format', 'json', '.']);
    // A cross-file finding's text line ends with where the other settings are: the matcher keeps it in the message.
    const seeAlso = (d: any) => (d.related?.length ? ` (see ${d.related.map((r: any) => `${r.path}:${r.line}:${r.column}`).join(', ')})` : '');
    const expected = JSON.parse(stdout).files.flatMap((f: any) => f.diagnostics.map((d: any) => ({ file: f.path, line: d.line, column: d.column, code: d.code, message: d.message + seeAlso(d), severity: d.severity })));
    const text = whfbLint(['--no-color', '.']).stdout.trimEnd().split('\n');
    const matched = text.map(match);
    assert.equal(matched.at(-1), undefined, 'the summary line is not a problem');
    const found = matched.filter((m) => m !== undefined);
    assert.equal(found.length, expected.length);
    assert.ok(expected.some((e: any) => e.severity === 'information'), 'the fixtures have information findings');
    found.forEach((m, i) => {
      const e = expected[i];
      assert.deepEqual({ ...m, severity: undefined }, { file: e.file, line: e.line, column: e.column, code: e.code, message: e.message, severity: undefined });
      assert.equal(m!.severity, { error: 'error', warning: 'warning', information: 'info', hint: 'info' }[e.severity as string]);
    });
  });

  it('matches colored output (a task runs in a terminal) and Windows paths', () => {
    const colored = whfbLint(['--color', 'errors']).stdout.split('\n').filter((line) => line.includes('WHFB101'));
    assert.equal(colored.length, 1);
    assert.match(colored[0], /\u001b\[/);
    assert.deepEqual(match(colored[0]), match(whfbLint(['--no-color', 'errors']).stdout.split('\n').find((line) => line.includes('WHFB101'))!));
    assert.deepEqual(match('C:\\policies\\a b.whfb.yaml:3:7 hint WHFB180 Value redacted: x:1:2 error'),
      { file: 'C:\\policies\\a b.whfb.yaml', line: 3, column: 7, severity: 'info', code: 'WHFB180', message: 'Value redacted: x:1:2 error' });
    assert.ok(existsSync(join(REPO_ROOT, 'package.json')));
  });
});
