/**
 * The web build (scripts/webBuild.mjs, issue 18): a Node module or a Node global in a web bundle
 * fails the build with a message that names it, and the shared-string form of the generated data
 * rebuilds the very same data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInThisContext } from 'node:vm';
import * as esbuild from 'esbuild';
// @ts-expect-error -- a plain .mjs build script, without types
import { checkWebBundle, dataModule, sharedStringTable, webPlatform } from '../../../scripts/webBuild.mjs';
import checklists from '../../../data/generated/checklists.json';

const root = resolve(__dirname, '..', '..', '..');

async function bundle(contents: string): Promise<esbuild.BuildResult> {
  return esbuild.build({
    stdin: { contents, resolveDir: join(root, 'client', 'src'), loader: 'ts' }, bundle: true, write: false,
    platform: 'browser', external: ['vscode'], logLevel: 'silent', metafile: true, plugins: [webPlatform({ posixPath: true })],
  });
}

/** Runs a generated data module as esbuild's CommonJS wrapper would. */
/** Runs a data module; its one import is the shared string table. */
function evaluate(source: string, module: { exports: unknown }, strings: string[]): void {
  (runInThisContext(`(function (module, require) {${source}\n})`) as (module: { exports: unknown }, require: () => string[]) => void)(module, () => strings);
}

test('a Node module imported into a web bundle fails the build, naming the module', async () => {
  await assert.rejects(bundle("import { readFileSync } from 'node:fs'; console.log(readFileSync);"), /the Node module "node:fs" reached a web bundle/);
  await assert.rejects(bundle("import { spawn } from 'child_process'; console.log(spawn);"), /the Node module "child_process" reached a web bundle/);
});

test('the web build substitutes .web.ts modules and maps node:path to the POSIX stand-in', async () => {
  const result = await bundle("import { servesScheme } from './languageClient'; import { dirname } from 'node:path'; console.log(servesScheme('vscode-vfs'), dirname('/a/b'));");
  const inputs = Object.keys(result.metafile!.inputs);
  assert.ok(inputs.includes('client/src/languageClient.web.ts') && !inputs.includes('client/src/languageClient.ts'), inputs.join(', '));
  assert.ok(inputs.includes('client/src/posixPath.ts'), 'node:path is the POSIX stand-in');
  assert.deepEqual(inputs.filter((input) => /vscode-languageclient\/lib\/node\//.test(input)), [], 'the browser language client only');
});

test('a Node global in a web bundle fails the check; a guarded one does not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whfb-webcheck-'));
  try {
    const write = (name: string, text: string) => { writeFileSync(join(dir, name), text); return join(dir, name); };
    assert.throws(() => checkWebBundle({ outfile: write('a.js', 'function f(){process.exit(1)}') }), /uses Node globals/);
    assert.throws(() => checkWebBundle({ outfile: write('b.js', 'const x=Buffer.from("a")') }), /uses Node globals/);
    assert.throws(() => checkWebBundle({ outfile: write('c.js', 'const fs=require("fs")') }), /uses Node globals/);
    checkWebBundle({ outfile: write('d.js', 'const p=typeof process<"u"&&process.versions;x.code=\'require("ajv/dist/runtime/ucs2length")\'') });
    assert.throws(() => checkWebBundle({ outfile: write('e.js', 'x'.repeat(2048)), limitBytes: 1024 }), /over its limit/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the shared-string form of the generated data rebuilds the same object', () => {
  const table = sharedStringTable([checklists]) as { strings: string[] };
  const source = dataModule(checklists, table) as string;
  const module = { exports: {} };
  evaluate(source, module, table.strings);
  assert.deepEqual(module.exports, checklists);
  const written = source.length + JSON.stringify(table.strings).length;
  assert.ok(written < JSON.stringify(checklists).length * 0.8, `smaller than the JSON (${written} vs ${JSON.stringify(checklists).length})`);
  const tricky = { __proto__x: 1, ['__proto__']: { a: 'repeated string value' }, list: ['repeated string value', 'repeated string value', 'repeated string value'],
    shaped: [{ a: 1, b: 'x' }, { a: 2, b: 'y' }, { a: 3, b: 'z' }] };
  const again = { exports: {} };
  const trickyData = JSON.parse(JSON.stringify(tricky));
  const trickyTable = sharedStringTable([trickyData]) as { strings: string[] };
  evaluate(dataModule(trickyData, trickyTable) as string, again, trickyTable.strings);
  assert.deepEqual(JSON.stringify(again.exports), JSON.stringify(JSON.parse(JSON.stringify(tricky))));
});
