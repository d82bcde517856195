/**
 * The layer check (scripts/checkLayers.ts) names each forbidden import with file:line, target and
 * rule, accepts what the layer map allows, and keeps its baseline current. The repository itself
 * is checked by the "layer arrows" step of npm test (scripts/checkLayers.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatViolation, judge, violationsOf } from '../../scripts/layers/checkArrows';
import { importsOf } from '../../scripts/layers/importGraph';

const files = new Set([
  'server/src/catalog/types.ts',
  'server/src/model/types.ts',
  'server/src/formats/jsonAst.ts',
  'server/src/rules/registry.ts',
  'server/src/service/api.ts',
  'server/src/server/protocol.ts',
  'server/src/features/markdownText.ts',
  'server/src/checklists/types.ts',
]);
const exists = (path: string) => files.has(path);

/** Violations of one planted file, as "line rule target". */
function planted(file: string, text: string): string[] {
  return violationsOf(importsOf(file, text, exists)).map((v) => `${v.edge.line} ${v.rule} ${v.edge.to}`);
}

test('an upward import is named with its line, target and rule', () => {
  const text = "import type { A } from '../catalog/types';\nimport { B } from '../service/api';\n";
  assert.deepEqual(planted('server/src/model/values.ts', text), ['2 layer-downward server/src/service/api.ts']);
  const [violation] = violationsOf(importsOf('server/src/model/values.ts', text, exists));
  assert.match(formatViolation(violation!), /^server\/src\/model\/values\.ts:2 -> server\/src\/service\/api\.ts \('\.\.\/service\/api'\)\n {4}breaks layer-downward: model \(tier 1\) imports service \(tier 3\)/);
});

test('rules and formats do not import each other; features may use both', () => {
  assert.deepEqual(planted('server/src/rules/pinRules.ts', "import { parse } from '../formats/jsonAst';"), ['1 siblings-apart server/src/formats/jsonAst.ts']);
  assert.deepEqual(planted('server/src/formats/syncml.ts', "export { RULES } from '../rules/registry';"), ['1 siblings-apart server/src/rules/registry.ts']);
  assert.deepEqual(planted('server/src/features/hover.ts', "import { parse } from '../formats/jsonAst';\nimport { RULES } from '../rules/registry';"), []);
});

test('no editor or LSP library below the transports; the service may take LSP types only as types', () => {
  assert.deepEqual(planted('server/src/rules/x.ts', "import * as vscode from 'vscode';"), ['1 no-editor-api-below-transport package:vscode']);
  assert.deepEqual(planted('server/src/service/x.ts', "import { TextEdit } from 'vscode-languageserver/node';"), ['1 no-editor-api-below-transport package:vscode-languageserver']);
  assert.deepEqual(planted('server/src/service/x.ts', "import type { Hover } from 'vscode-languageserver-types';"), []);
  assert.deepEqual(planted('server/src/service/x.ts', "import { type Hover, type Range } from 'vscode-languageserver-types';"), []);
  assert.deepEqual(planted('server/src/service/x.ts', "import { Range } from 'vscode-languageserver-types';"), ['1 lsp-types-only-in-service package:vscode-languageserver-types']);
  assert.deepEqual(planted('server/src/features/x.ts', "import type { Hover } from 'vscode-languageserver-types';"), ['1 lsp-types-only-in-service package:vscode-languageserver-types']);
  assert.deepEqual(planted('server/src/cli/x.ts', "const c = require('vscode-languageserver/node');"), ['1 no-editor-api-below-transport package:vscode-languageserver']);
  assert.deepEqual(planted('server/src/server/x.ts', "import { createConnection } from 'vscode-languageserver/node';"), []);
  assert.deepEqual(planted('server/src/server/x.ts', "const v = await import('vscode');"), ['1 no-editor-api-below-transport package:vscode']);
});

test('the client imports only the protocol and import-free shared modules', () => {
  const client = 'client/src/x.ts';
  assert.deepEqual(planted(client, "import { POLICY_SUMMARY_REQUEST } from '../../server/src/server/protocol';\nimport { escape } from '../../server/src/features/markdownText';\nimport type { Checklists } from '../../server/src/checklists/types';\nimport * as vscode from 'vscode';"), []);
  assert.deepEqual(planted(client, "import type { CatalogNode } from '../../server/src/catalog/types';"), ['1 client-talks-protocol server/src/catalog/types.ts']);
  assert.deepEqual(planted(client, "type S = typeof import('../../server/src/service/api');"), ['1 client-talks-protocol server/src/service/api.ts']);
  assert.deepEqual(planted(client, "import catalog from '../../data/generated/catalog.json';"), ['1 client-talks-protocol data/generated/catalog.json']);
  assert.deepEqual(planted('server/src/features/markdownText.ts', "import { parse } from 'yaml';"), ['1 shared-imports-only-shared package:yaml']);
});

test('a source file outside every layer is reported', () => {
  assert.deepEqual(planted('server/src/misc/x.ts', "import { A } from '../catalog/types';"), ['1 file-in-a-layer server/src/catalog/types.ts']);
});

test('a new violation fails even in a file that already has a baselined one', () => {
  // A baseline of its own, so the test outlives the real one (which only shrinks).
  const known = { from: 'server/src/model/types.ts', to: 'server/src/service/api.ts', rule: 'layer-downward' as const, removedBy: 'test' };
  const edges = importsOf('server/src/model/types.ts', "import { X } from '../service/api';\nimport { Y } from '../service/languageService';", exists);
  const report = judge(edges, [known]);
  assert.deepEqual(report.fresh.map((violation) => violation.edge.to.replace(/\.ts$/, '')), ['server/src/service/languageService']);
  assert.equal(report.stale.length, 0);
});
