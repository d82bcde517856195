// npm run package: a production build, then whfb-policy-tools-<version>.vsix with only what the
// extension runs (see .vscodeignore), its file list and size, then the CLI on the bundled
// examples (their findings are shown, not judged: examples/broken/ is broken on purpose).
//   --out DIR          where the .vsix goes (default: the repository root)
//   --skip-examples    do not run the CLI on examples/
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipEntries } from './integration/zipEntries.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What the .vsix may hold (paths inside it); anything else is a packaging mistake. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z]{2,3}(-[a-z]{2,4})?)?\.json$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z]{2,3}(-[a-z]{2,4})?)?\.json$/,
  /^extension\/(readme\.md|changelog\.md|LICENSE(\.txt|\.md)?|NOTICE(\.txt|\.md)?)$/i,
  /^extension\/dist\/[^/]+\.js$/,
  /^extension\/dist\/[^/]+\.LEGAL\.txt$/,
  // VS Code for the Web: the browser client and the worker server (scripts/webBuild.mjs).
  /^extension\/dist\/web\/[^/]+\.(js|LEGAL\.txt)$/,
  /^extension\/(schemas|snippets|syntaxes|media)\/.+/,
  /^extension\/language-configuration\.json$/,
];
/** What it must hold for the extension to run at all. */
const REQUIRED = ['extension/package.json', 'extension/package.nls.json', 'extension/l10n/bundle.l10n.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/service.js', 'extension/dist/service-features.js', 'extension/dist/yaml.js', 'extension/dist/checklists.js', 'extension/dist/catalog-texts.js', 'extension/dist/web/extension.js', 'extension/dist/web/server.js'];

export function checkVsixEntries(names) {
  const problems = [];
  for (const name of names) if (!ALLOWED.some((pattern) => pattern.test(name))) problems.push(`unexpected file in the .vsix: ${name}`);
  for (const name of REQUIRED) if (!names.includes(name)) problems.push(`missing from the .vsix: ${name}`);
  return problems;
}

function formatSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

export async function packageExtension({ outDir = repoRoot, print = console.log } = {}) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  print('production build: node scripts/build.mjs --production');
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('node scripts/build.mjs --production failed');

  mkdirSync(outDir, { recursive: true });
  const vsixPath = join(outDir, `${manifest.name}-${manifest.version}.vsix`);
  const { createVSIX } = await import('@vscode/vsce');
  // Relative README links (docs/screenshots) are left as they are: there is no public
  // repository URL to rewrite them against.
  await createVSIX({
    cwd: repoRoot,
    packagePath: vsixPath,
    dependencies: false,
    allowMissingRepository: true,
    rewriteRelativeLinks: false,
    skipLicense: !existsSync(join(repoRoot, 'LICENSE')),
  });
  const entries = zipEntries(vsixPath);
  print(`${relative(process.cwd(), vsixPath) || vsixPath}: ${entries.length} files, ${formatSize(statSync(vsixPath).size)}`);
  for (const entry of entries) print(`  ${entry.name.padEnd(60)} ${formatSize(entry.size).padStart(10)}`);
  return { vsixPath, entries };
}

function showExamples() {
  if (!existsSync(join(repoRoot, 'examples'))) return;
  console.log('\nwhfb-lint on the bundled examples: node dist/cli.js examples');
  const result = spawnSync(process.execPath, ['dist/cli.js', 'examples'], { cwd: repoRoot, encoding: 'utf8' });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  console.log(`(whfb-lint exit status ${result.status}; examples/broken/ is meant to have findings)`);
  // examples/ holds independent deployments (its .whfbrc.json turns the cross-file rules off there):
  // the cross-file rules are shown on two files of one tenant that contradict each other.
  const tenant = 'test/fixtures/crossfile/WHFB301-bad';
  if (!existsSync(join(repoRoot, tenant))) return;
  console.log(`\nwhfb-lint across the files of one tenant: node dist/cli.js ${tenant}`);
  const across = spawnSync(process.execPath, ['dist/cli.js', tenant], { cwd: repoRoot, encoding: 'utf8' });
  process.stdout.write(across.stdout ?? '');
  process.stderr.write(across.stderr ?? '');
  console.log(`(whfb-lint exit status ${across.status}: certificate trust in an Account protection intent, cloud Kerberos trust in a custom profile)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  try {
    const { entries } = await packageExtension({ outDir: outIndex >= 0 ? resolve(args[outIndex + 1]) : repoRoot });
    const problems = checkVsixEntries(entries.map((e) => e.name));
    if (problems.length) {
      console.error(problems.join('\n'));
      process.exit(1);
    }
    if (!args.includes('--skip-examples')) showExamples();
  } catch (error) {
    console.error(`package: ${error?.message ?? error}`);
    process.exit(1);
  }
}
