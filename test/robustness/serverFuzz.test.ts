/**
 * The real server process under random editing: `node dist/server.js --stdio`, documents of every
 * format opened, then at least 1,000 incremental didChange edits with random ranges, interleaved
 * with completion, hover, code action, symbol, link and folding requests. Asserted: every request
 * answers within the hang bound, every range in an answer or a published diagnostic lies inside
 * the version it is about, the server logs no caught exception, and the process never exits.
 * FUZZ_SEED and FUZZ_RUNS as in serviceFuzz.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient, PUSH_CAPABILITIES } from '../protocol/lspTestClient';
import {
  codeActionProblems, completionProblems, diagnosticProblems, EditorLines, foldingProblems, hoverProblems, linkProblems, symbolProblems,
} from './support/checks';
import { seedFiles, type SeedFile } from './support/corpus';
import { randomEditText, randomPosition } from './support/mutate';
import { fuzzConfig, Prng } from './support/prng';

const config = fuzzConfig();
const EDITS = Math.ceil(1_000 * config.scale);
const HANG_BOUND_MS = 10_000;

/** One file of each format, chosen by name so the run is the same on every machine. */
function pickDocuments(files: SeedFile[]): SeedFile[] {
  const wanted = [
    /examples\/hybrid-cloud-kerberos-trust\.whfb\.yaml$/, /settings-catalog\/cloud-kerberos-trust\.json$/, /intunecd\/cloud-kerberos-trust\.yaml$/,
    /custom-profile\/whfb-custom-profile\.json$/, /intunecd\/whfb-custom-profile\.yaml$/, /syncml\/whfb-cloud-kerberos\.syncml\.xml$/,
    /text\/whfb-runbook\.md$/, /text\/Set-WhfbPolicy\.ps1$/,
  ];
  return wanted.map((pattern) => files.find((file) => pattern.test(file.name))).filter((file): file is SeedFile => file !== undefined);
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${HANG_BOUND_MS} ms`)), HANG_BOUND_MS);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

test(`language server: ${EDITS} random incremental edits with interleaved requests (FUZZ_SEED=${config.masterSeed})`, { timeout: 600_000 }, async (t) => {
  const prng = new Prng(config.masterSeed);
  const picked = pickDocuments(seedFiles());
  assert.ok(picked.length >= 6, `seed documents found: ${picked.map((file) => file.name).join(', ')}`);
  const { client } = await LspTestClient.start({ capabilities: PUSH_CAPABILITIES, settings: () => ({}) });
  const problems: string[] = [];
  /** Every version's text, to check what the server says about that version. */
  const versions = new Map<string, Map<number, string>>();
  const documents = new Map<string, TextDocument>();
  let requests = 0;
  try {
    for (const file of picked) {
      const uri = file.uri.replace('file:///fuzz/', 'file:///server-fuzz/');
      documents.set(uri, TextDocument.create(uri, file.languageId, 1, file.text));
      versions.set(uri, new Map([[1, file.text]]));
      await client.open(uri, file.languageId, 1, file.text);
    }
    const uris = [...documents.keys()];
    const ask = async <R>(method: string, params: unknown, check: (result: R, lines: EditorLines) => string[], text: string, at: string) => {
      requests += 1;
      try {
        const result = await within(client.request<R>(method, params), `${method} ${at}`);
        problems.push(...check(result, new EditorLines(text)).map((problem) => `${method} ${at}: ${problem}`));
      } catch (error) {
        problems.push(`${method} ${at}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };

    for (let edit = 0; edit < EDITS && problems.length === 0; edit++) {
      const uri = prng.pick(uris);
      const document = documents.get(uri)!;
      const before = document.getText();
      const start = randomPosition(before, prng);
      let end = randomPosition(before, prng);
      if (end.line < start.line || (end.line === start.line && end.character < start.character) || end.line - start.line > 3) end = start;
      const change = { range: { start, end }, text: randomEditText(before, prng) };
      const version = document.version + 1;
      TextDocument.update(document, [change], version);
      versions.get(uri)!.set(version, document.getText());
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });

      const text = document.getText();
      const at = `edit ${edit} (${uri.slice(uri.lastIndexOf('/') + 1)} v${version})`;
      const textDocument = { uri };
      const position = randomPosition(text, prng);
      const pending: Promise<void>[] = [];
      // Requests are sent without waiting for each other, as an editor does while the user types.
      if (prng.chance(0.6)) pending.push(ask('textDocument/completion', { textDocument, position }, (list: any, lines) => completionProblems(lines, list, position), text, at));
      if (prng.chance(0.4)) pending.push(ask('textDocument/hover', { textDocument, position }, (hover: any, lines) => hoverProblems(lines, hover, position), text, at));
      if (edit % 10 === 0) {
        const range = { start: randomPosition(text, prng), end: randomPosition(text, prng) };
        if (range.end.line < range.start.line || (range.end.line === range.start.line && range.end.character < range.start.character)) range.end = range.start;
        pending.push(ask('textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }, (actions: any, lines) => codeActionProblems(lines, uri, actions ?? []), text, at));
        pending.push(ask('textDocument/documentSymbol', { textDocument }, (symbols: any, lines) => symbolProblems(lines, symbols ?? []), text, at));
        pending.push(ask('textDocument/foldingRange', { textDocument }, (ranges: any, lines) => foldingProblems(lines, ranges ?? []), text, at));
        pending.push(ask('textDocument/documentLink', { textDocument }, (links: any, lines) => linkProblems(lines, links ?? []), text, at));
      }
      await Promise.all(pending);
      if (client.child.exitCode !== null || client.child.signalCode !== null) problems.push(`the server exited (${client.child.exitCode ?? client.child.signalCode}) after ${at}`);
    }

    // The last edits' diagnostics arrive after the debounce: wait for each document's final version.
    for (const [uri, document] of documents) {
      await within(client.waitForDiagnostics(uri, (published) => published.version === document.version), `final diagnostics of ${uri}`)
        .catch((error: Error) => problems.push(error.message));
    }
    let checked = 0;
    for (const published of client.published) {
      const text = published.version === undefined ? undefined : versions.get(published.uri)?.get(published.version);
      if (text === undefined) {
        problems.push(`diagnostics published for ${published.uri} without a known version (${published.version})`);
        continue;
      }
      checked += 1;
      problems.push(...diagnosticProblems(new EditorLines(text), published.diagnostics as any).map((problem) => `published ${published.uri} v${published.version}: ${problem}`));
    }
    const caught = client.logs.filter((message) => /exception|failed|error/i.test(message));
    problems.push(...caught.map((message) => `server log: ${message.slice(0, 500)}`));
    t.diagnostic(`seed ${config.masterSeed}: ${EDITS} edits over ${documents.size} documents, ${requests} requests, ${checked} diagnostics publications checked`);
    assert.equal(client.child.exitCode, null, 'the server is still running');
    assert.deepEqual(problems.slice(0, 20), [], `FUZZ_SEED=${config.masterSeed}`);
  } finally {
    const code = await within(client.stop(), 'shutdown').catch(() => { client.kill(); return 'killed'; });
    assert.equal(code, 0, 'shutdown and exit end the server with status 0');
  }
});
