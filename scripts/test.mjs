// The one test command (npm test): generated files fresh, types, bundles, then every suite.
// Prints a closing "N passed, N failed" line over all suites.
//   --only unit|protocol|cli|robustness|integration   run one suite group
//   SKIP_INTEGRATION=1                      skip the real-VS-Code suites, Node and web (they install code-server)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

let passed = 0;
let failed = 0;

function run(title, command, commandArgs, { countTests = false } = {}) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, commandArgs, { stdio: countTests ? ['inherit', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8' });
  if (countTests) {
    process.stdout.write(result.stdout ?? '');
    const pass = /^ℹ pass (\d+)$/m.exec(result.stdout ?? '');
    const fail = /^ℹ fail (\d+)$/m.exec(result.stdout ?? '');
    passed += pass ? Number(pass[1]) : 0;
    failed += fail ? Number(fail[1]) : 0;
    if (result.status !== 0 && !(fail && Number(fail[1]) > 0)) failed += 1;
  } else if (result.status !== 0) {
    failed += 1;
    console.log(`${title}: failed (exit ${result.status})`);
  } else {
    passed += 1;
  }
  return result.status === 0;
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...testFiles(path));
    else if (entry.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const groups = only ? [only] : ['unit', 'protocol', 'cli', 'robustness', 'integration'];

if (!only) {
  run('generated files are up to date', npx, ['tsx', 'scripts/generate.ts', '--check']);
  run('layer arrows', npx, ['tsx', 'scripts/checkLayers.ts']);
  run('type check', npx, ['tsc', '-p', '.', '--noEmit']);
  run('lint', npx, ['eslint', 'server/src', 'client/src', 'scripts', 'test', 'bench']);
}
if (!only || only !== 'unit') run('build bundles', 'node', ['scripts/build.mjs']);

for (const group of groups) {
  if (group === 'integration') {
    if (process.env.SKIP_INTEGRATION) { console.log('\n=== integration: skipped (SKIP_INTEGRATION set)'); continue; }
    if (!existsSync('scripts/integration/run.mjs')) continue;
    run('integration tests in a real VS Code', 'node', ['scripts/integration/run.mjs'], { countTests: true });
    // The same installed VS Code, its web worker extension host: the browser build (VS Code for the Web).
    if (existsSync('scripts/integration/web.mjs')) run('web tests in the web worker extension host', 'node', ['scripts/integration/web.mjs'], { countTests: true });
    continue;
  }
  const files = testFiles(join('test', group));
  if (files.length === 0) continue;
  run(`${group} tests`, 'node', ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', ...files], { countTests: true });
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
