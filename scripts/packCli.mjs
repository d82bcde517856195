// Builds and packs the whfb-lint npm package (packages/whfb-lint): the launcher (dist/cli.js, the
// bin) and its self-contained engine (dist/cli-engine.js: the language service, its generated data
// and its dependencies bundled in by esbuild, scripts/build.mjs CLI_BUILDS), the README, LICENSE
// and NOTICE. No runtime dependency, so `npm install <tarball>` works offline.
//   node scripts/packCli.mjs [--out DIR]   build, then `npm pack` into DIR (default: packages/whfb-lint)
//   node scripts/packCli.mjs --prepare-only  build and copy only (the package's prepack hook)
// Prints the tarball's path as the last line of stdout.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = join(root, 'packages', 'whfb-lint');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outDir = resolve(outIndex >= 0 ? args[outIndex + 1] : packageDir);

function fail(message) {
  console.error(`packCli: ${message}`);
  process.exit(1);
}

function prepare() {
  // whfb-lint --version prints the root package's version (cli/toolInfo.ts): the package must say the same.
  const rootVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const packageVersion = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  if (rootVersion !== packageVersion) fail(`packages/whfb-lint/package.json has version ${packageVersion}, the extension ${rootVersion}: bump both`);
  rmSync(join(packageDir, 'dist'), { recursive: true, force: true });
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production', `--cli-out=${join(packageDir, 'dist', 'cli.js')}`], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail('the CLI bundle did not build');
  copyFileSync(join(root, 'LICENSE'), join(packageDir, 'LICENSE'));
  copyFileSync(join(root, 'NOTICE'), join(packageDir, 'NOTICE'));
  const metaFile = join(packageDir, 'dist', 'cli.js.meta.json');
  writeFileSync(join(packageDir, 'dist', 'THIRD-PARTY-LICENSES.txt'), thirdPartyLicenses(JSON.parse(readFileSync(metaFile, 'utf8'))));
  rmSync(metaFile);
}

/**
 * Packages whose npm tarball has no licence file: the text of the licence their package.json names,
 * from their repository (@vscode/l10n: MIT, github.com/microsoft/vscode-l10n/blob/main/LICENSE).
 */
const LICENCES_BY_HAND = {
  '@vscode/l10n': `MIT License

Copyright (c) Microsoft Corporation.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.`,
};

/** The licence text of every npm package the two files contain, from esbuild's list of their inputs. */
function thirdPartyLicenses(metafile) {
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    // The innermost node_modules names the package (node_modules/a/node_modules/b/... is b).
    const matches = [...input.matchAll(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//g)];
    if (matches.length > 0) packages.add(input.slice(0, matches.at(-1).index + matches.at(-1)[0].length).replace(/^\//, '').replace(/\/$/, ''));
  }
  const sections = ['whfb-lint bundles the following npm packages (their licences follow).', ''];
  for (const path of [...packages].sort()) {
    const dir = join(root, path);
    const name = path.replace(/^.*node_modules\//, '');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenceFile = existsSync(dir) ? readdirSync(dir).find((file) => /^licen[cs]e(\.|$)/i.test(file)) : undefined;
    const byHand = LICENCES_BY_HAND[name];
    if (!licenceFile && !byHand) fail(`${name} is bundled but ships no licence file: add its licence text by hand`);
    sections.push('='.repeat(79), `${name}@${manifest.version} (${manifest.license})`, '='.repeat(79), licenceFile ? readFileSync(join(dir, licenceFile), 'utf8').trim() : byHand, '');
  }
  return `${sections.join('\n')}\n`;
}

prepare();
if (!args.includes('--prepare-only')) {
  mkdirSync(outDir, { recursive: true });
  // The build ran above: the prepack hook would only repeat it.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const pack = spawnSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], { cwd: packageDir, encoding: 'utf8', shell: process.platform === 'win32' });
  if (pack.status !== 0) fail(`npm pack failed: ${pack.stderr}`);
  const [info] = JSON.parse(pack.stdout);
  console.log(`${info.files.length} files, ${info.size} bytes packed, ${info.unpackedSize} bytes unpacked`);
  console.log(join(outDir, info.filename));
}
