// Bundles the in-host suite (test/integration/suite/index.ts) to one CommonJS file that VS Code
// can require as extensionTestsPath; `vscode` is the host's, everything else is inlined.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export async function bundleSuite(repoRoot, outDir) {
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [join(repoRoot, 'test', 'integration', 'suite', 'index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outDir;
}
