/**
 * A stand-in for `npx` on PATH: the integrations run `npx --yes whfb-lint@X` or
 * `npx --yes --package <tarball> -- whfb-lint`; tests must not touch the network, so this records
 * the npx arguments and runs the in-repo build (dist/cli.js) with the arguments after the package.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_BUNDLE, ensureBuilt } from '../../protocol/ensureBuilt';

export interface FakeNpx { binDir: string; logFile: string }

export function fakeNpx(): FakeNpx {
  ensureBuilt();
  const binDir = mkdtempSync(join(tmpdir(), 'whfb-npx-'));
  const logFile = join(binDir, 'npx-args.log');
  const script = `#!/usr/bin/env node
const args = process.argv.slice(2);
require('node:fs').appendFileSync(${JSON.stringify(logFile)}, JSON.stringify(args) + '\\n');
let i = 0;
while (i < args.length && args[i].startsWith('-')) { if (args[i] === '--package' || args[i] === '-p') i++; i++; }
if (args[i] === '--') i++;
if (!/^whfb-lint(@|$)/.test(args[i] ?? '')) { console.error('fake npx: unexpected package ' + args[i]); process.exit(127); }
const run = require('node:child_process').spawnSync(process.execPath, [${JSON.stringify(CLI_BUNDLE)}, ...args.slice(i + 1)], { stdio: 'inherit' });
process.exit(run.status ?? 2);
`;
  writeFileSync(join(binDir, 'npx'), script);
  chmodSync(join(binDir, 'npx'), 0o755);
  return { binDir, logFile };
}
