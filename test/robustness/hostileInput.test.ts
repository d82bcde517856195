/**
 * Hostile and odd input through the language service: each gets one clear diagnostic where one
 * is due (WHFB003 for what is refused), never an exception, never a hang, and never more work
 * than the input deserves. Unrelated files get no diagnostics at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLanguageService } from '../../server/src/service/languageService';
import type { TextDocumentInput } from '../../server/src/service/api';
import type { Diagnostic } from '../../server/src/lsp/protocolTypes';
import { diagnosticProblems, EditorLines } from './support/checks';
import { REPO_ROOT } from './support/corpus';
import { ownCpuMs } from './support/cpuTime';
import {
  bytesWithNul, CLEAN_POLICY, conflicted, deepJson, deepSyncml, deepYamlFlow, PASSPORT, syncmlWithEntities, yamlAliasBomb,
} from './support/hostileTexts';

const HANG_BOUND_MS = 10_000;
const logged: string[] = [];
const service = getLanguageService(undefined, { log: (message) => logged.push(message) });
let version = 0;

interface Answers { diagnostics: Diagnostic[]; format: string | undefined }

/** Every request on the document; asserts nothing escaped, nothing hung and every range is inside. */
function everything(uri: string, languageId: string, text: string): Answers {
  const doc: TextDocumentInput = { uri, languageId, version: ++version, text };
  const lines = new EditorLines(text);
  const started = ownCpuMs();
  const format = service.detectFormat(doc);
  const diagnostics = service.validate(doc);
  const middle = { line: Math.floor(lines.lineCount / 2), character: 3 };
  service.complete(doc, middle);
  service.hover(doc, middle);
  service.codeActions(doc, { start: { line: 0, character: 0 }, end: middle }, diagnostics);
  service.documentSymbols(doc);
  service.documentLinks(doc);
  service.foldingRanges(doc);
  service.policySummary(doc);
  const took = ownCpuMs() - started;
  assert.ok(took < HANG_BOUND_MS, `${uri}: the requests took ${Math.round(took)} ms of CPU (hang bound ${HANG_BOUND_MS} ms)`);
  assert.deepEqual(logged.splice(0), [], `${uri}: no exception inside the service`);
  assert.deepEqual(diagnosticProblems(lines, diagnostics), [], `${uri}: diagnostics inside the document`);
  for (const diagnostic of diagnostics) assert.ok(diagnostic.message.length <= 400, `${diagnostic.code} message is ${diagnostic.message.length} characters`);
  service.forget(uri);
  return { diagnostics, format };
}

function only(diagnostics: Diagnostic[], code: string, message: RegExp): Diagnostic {
  assert.equal(diagnostics.length, 1, `one diagnostic, got ${JSON.stringify(diagnostics.map((d) => `${d.code} ${d.message}`))}`);
  assert.equal(diagnostics[0]!.code, code);
  assert.match(diagnostics[0]!.message, message);
  return diagnostics[0]!;
}

test('a 50 MB policy file: one WHFB003 saying it is too large, and no parse', () => {
  const huge = CLEAN_POLICY + `# ${'x'.repeat(50 * 1024 * 1024)}\n`;
  only(everything('file:///hostile/huge.whfb.yaml', 'whfb-yaml', huge).diagnostics, 'WHFB003', /larger than \d+ bytes.*whfb\.maxFileSize setting/);
  const hugeJson = `{"@odata.type": "#microsoft.graph.windows10CustomConfiguration", "omaSettings": [{"omaUri": "${PASSPORT}", "value": true}], "pad": "${'x'.repeat(50 * 1024 * 1024)}"}`;
  only(everything('file:///hostile/huge.json', 'json', hugeJson).diagnostics, 'WHFB003', /larger than/);
});

test('the size limit counts bytes, not characters: 2 M three-byte characters are over a 5 MB limit', () => {
  const wide = `${CLEAN_POLICY}# ${'€'.repeat(2 * 1024 * 1024)}\n`;
  only(everything('file:///hostile/wide.whfb.yaml', 'whfb-yaml', wide).diagnostics, 'WHFB003', /larger than/);
});

test('binary content: one WHFB003 for a policy file; a binary .json is no policy at all', () => {
  const binary = bytesWithNul(64 * 1024).toString('utf8');
  only(everything('file:///hostile/binary.whfb.yaml', 'whfb-yaml', binary).diagnostics, 'WHFB003', /binary/);
  assert.deepEqual(everything('file:///hostile/binary.json', 'json', binary).diagnostics, []);
  assert.deepEqual(everything('file:///hostile/binary.xml', 'xml', binary).diagnostics, []);
});

test('invalid UTF-8 (decoded to U+FFFD as an editor does) is checked like any text, without a crash', () => {
  const bytes = Buffer.concat([Buffer.from(CLEAN_POLICY.slice(0, 120)), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0xf0, 0x28]), Buffer.from(CLEAN_POLICY.slice(120))]);
  const { diagnostics } = everything('file:///hostile/invalid-utf8.whfb.yaml', 'whfb-yaml', bytes.toString('utf8'));
  assert.ok(diagnostics.every((d) => d.severity !== 1 || ['WHFB001', 'WHFB002'].includes(d.code)), JSON.stringify(diagnostics.map((d) => d.code)));
  // A lone surrogate (what a UTF-16 file cut in half gives) in every format.
  for (const [uri, languageId] of [['a.whfb.yaml', 'whfb-yaml'], ['a.json', 'json'], ['a.xml', 'xml'], ['a.md', 'markdown']]) {
    everything(`file:///hostile/surrogate/${uri}`, languageId, `\uD800${CLEAN_POLICY}\uDC00`);
  }
});

test('a YAML alias bomb ("billion laughs"): one WHFB003, never expanded', () => {
  only(everything('file:///hostile/bomb.whfb.yaml', 'whfb-yaml', yamlAliasBomb('whfb: 1', 'settings')).diagnostics, 'WHFB003', /alias/);
  // The same bomb in an IntuneCD custom profile (claimed by its OMA-URI).
  const intuneCd = yamlAliasBomb(`"@odata.type": "#microsoft.graph.windows10CustomConfiguration"\ndisplayName: x\nnote: "${PASSPORT}"`, 'omaSettings');
  // IntuneCD never writes aliases: its reader takes an alias for null, so nothing is expanded
  // (and nothing is reported: there is no setting left to check).
  const { diagnostics } = everything('file:///hostile/bomb.yaml', 'yaml', intuneCd);
  assert.ok(diagnostics.length <= 1 && diagnostics.every((d) => d.code === 'WHFB003' || d.code === 'WHFB002'), JSON.stringify(diagnostics));
});

test('10,000 levels of nesting (YAML flow, JSON, XML): no stack overflow, at most one WHFB003', () => {
  only(everything('file:///hostile/deep.whfb.yaml', 'whfb-yaml', deepYamlFlow(10_000)).diagnostics, 'WHFB003', /nests more than \d+ levels/);
  const json = everything('file:///hostile/deep.json', 'json', deepJson(10_000));
  assert.equal(json.format, 'custom-profile-json');
  only(json.diagnostics, 'WHFB003', /nest/);
  const xml = everything('file:///hostile/deep.xml', 'xml', deepSyncml(10_000));
  assert.equal(xml.format, 'syncml');
  assert.ok(xml.diagnostics.filter((d) => d.code === 'WHFB003').length <= 1);
});

test('merge-conflict markers: one WHFB003 on the first marker, in YAML and JSON', () => {
  const yaml = only(everything('file:///hostile/conflict.whfb.yaml', 'whfb-yaml', conflicted(CLEAN_POLICY)).diagnostics, 'WHFB003', /merge-conflict/);
  assert.match(conflicted(CLEAN_POLICY).split('\n')[yaml.range.start.line]!, /^<<<<<<< /);
  const json = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'custom-profile', 'whfb-custom-profile.json'), 'utf8');
  const jsonConflict = json.replace(/\n/, '\n<<<<<<< HEAD\n=======\n>>>>>>> main\n');
  only(everything('file:///hostile/conflict.json', 'json', jsonConflict).diagnostics, 'WHFB003', /merge-conflict/);
});

test('CRLF line ends and a byte-order mark change nothing; tab indentation is a YAML syntax error', () => {
  const plain = everything('file:///hostile/plain.whfb.yaml', 'whfb-yaml', CLEAN_POLICY).diagnostics;
  assert.deepEqual(plain.filter((d) => d.severity <= 2), [], 'the example is clean');
  const summary = (list: Diagnostic[]) => list.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
  assert.deepEqual(summary(everything('file:///hostile/crlf.whfb.yaml', 'whfb-yaml', CLEAN_POLICY.replace(/\n/g, '\r\n')).diagnostics), summary(plain));
  // A BOM is one UTF-16 unit before line 0: positions on line 0 move by one, nothing else.
  assert.deepEqual(summary(everything('file:///hostile/bom.whfb.yaml', 'whfb-yaml', `\uFEFF${CLEAN_POLICY}`).diagnostics).filter((s) => !s.includes('@0:')), summary(plain).filter((s) => !s.includes('@0:')));
  const tabs = everything('file:///hostile/tabs.whfb.yaml', 'whfb-yaml', CLEAN_POLICY.replace(/\n {2}(?=\S)/g, '\n\t')).diagnostics;
  assert.ok(tabs.length > 0 && tabs.every((d) => d.code === 'WHFB001' || d.severity >= 3), JSON.stringify(tabs.map((d) => d.code)));
  assert.match(tabs[0]!.message, /[Tt]ab/);
});

test('an empty policy file gets one diagnostic saying what a policy needs; an empty JSON file none', () => {
  only(everything('file:///hostile/empty.whfb.yaml', 'whfb-yaml', '').diagnostics, 'WHFB002', /empty.*whfb: 1/s);
  only(everything('file:///hostile/blank.whfb.yaml', 'whfb-yaml', '\n \n\t\n').diagnostics, 'WHFB002', /empty/);
  assert.deepEqual(everything('file:///hostile/empty.json', 'json', '').diagnostics, []);
  assert.deepEqual(everything('file:///hostile/empty.xml', 'xml', '').diagnostics, []);
});

test('an OMA-URI of 100,000 characters: one WHFB101 with a short message, answered well within the bound', () => {
  const long = `${PASSPORT.replace('UsePassportForWork', '')}${'A'.repeat(100_000)}`;
  const yaml = everything('file:///hostile/long.whfb.yaml', 'whfb-yaml', CLEAN_POLICY.replace(PASSPORT, long)).diagnostics;
  assert.equal(yaml.filter((d) => d.code === 'WHFB101').length, 1);
  everything('file:///hostile/long.md', 'markdown', `Set ${long} to true.\n`);
  everything('file:///hostile/long.xml', 'xml', deepSyncml(1).replace(/<LocURI>[^<]*</, `<LocURI>${long}<`));
  everything('file:///hostile/long.json', 'json', deepJson(1).replace(PASSPORT, long));
});

test('XML with a DTD: entities are never expanded, no file is read and nothing is fetched', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'whfb-xxe-'));
  const secretPath = join(directory, 'WHFB-XXE-SECRET.txt');
  writeFileSync(secretPath, 'TOP-SECRET-CONTENT-7f3a');
  const logFile = join(directory, 'sentinel.log');
  writeFileSync(logFile, '');
  let connections = 0;
  const server = createServer((_, response) => response.end('FETCHED-REMOTE-CONTENT')).on('connection', () => { connections += 1; });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // From here on every connection, host lookup and touch of the SYSTEM path is recorded.
  process.env.WHFB_SENTINEL_LOG = logFile;
  process.env.WHFB_SENTINEL_MARK = 'WHFB-XXE-SECRET';
  require('./support/sentinelPreload.cjs');
  try {
    const port = (server.address() as { port: number }).port;
    const text = syncmlWithEntities(secretPath, `http://127.0.0.1:${port}/entity`);
    const uri = 'file:///hostile/xxe.syncml.xml';
    const { diagnostics, format } = everything(uri, 'xml', text);
    assert.equal(format, 'syncml');
    const doc = { uri, languageId: 'xml', version: ++version, text };
    const answers = JSON.stringify([
      diagnostics, service.hover(doc, { line: 16, character: 15 }), service.documentSymbols(doc), service.policySummary(doc),
      service.complete(doc, { line: 16, character: 15 }),
    ]);
    for (const leaked of ['TOP-SECRET-CONTENT', 'FETCHED-REMOTE-CONTENT', 'lollollollollollollollollollollol']) assert.ok(!answers.includes(leaked), `${leaked} appears in an answer`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(connections, 0, 'no connection to the entity URL');
    const recorded = readFileSync(logFile, 'utf8').trim().split('\n').filter((line) => !/^\d+ loaded /.test(line) && line !== '');
    assert.deepEqual(recorded, [], 'no file access to the SYSTEM path, no network attempt');
  } finally {
    server.close();
    rmSync(directory, { recursive: true, force: true });
  }
});

test('unrelated YAML, JSON and XML files (a workflow, package.json, a .csproj, ...) get no diagnostics at all', () => {
  const directory = join(REPO_ROOT, 'test', 'fixtures', 'unrelated');
  const names = readdirSync(directory).sort();
  assert.ok(names.length >= 5);
  for (const name of names) {
    const languageId = name.endsWith('.json') ? 'json' : name.endsWith('.csproj') ? 'xml' : 'yaml';
    const { diagnostics, format } = everything(`file:///unrelated/${name}`, languageId, readFileSync(join(directory, name), 'utf8'));
    assert.equal(format, undefined, `${name} is not claimed`);
    assert.deepEqual(diagnostics, [], name);
  }
  // Also this repository's own package.json and tsconfig.json.
  for (const name of ['package.json', 'tsconfig.json']) {
    assert.deepEqual(everything(`file:///repo/${name}`, 'json', readFileSync(join(REPO_ROOT, name), 'utf8')).diagnostics, [], name);
  }
});
