/**
 * The "WHfB Policy Tools" output is a log channel (issue 17, point 8): what the language client
 * writes reaches it at the level the client meant, so the Output view's level filter works.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { levelledClientOutput, type LevelledLog } from '../../../client/src/logChannel';

function recordingLog() {
  const lines: string[] = [];
  const log: LevelledLog = {
    name: 'WHfB Policy Tools',
    error: (m) => lines.push(`error ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    info: (m) => lines.push(`info ${m}`),
    debug: (m) => lines.push(`debug ${m}`),
    trace: (m) => lines.push(`trace ${m}`),
    show: () => lines.push('show'),
    hide: () => undefined,
    clear: () => lines.push('clear'),
  };
  return { log, lines };
}

test("the client's messages keep their level, without its own timestamp prefix", () => {
  const { log, lines } = recordingLog();
  const output = levelledClientOutput(log);
  output.appendLine('[Error - 10:31:02 AM] Server initialization failed.');
  output.appendLine('  Message: boom\n  Code: -32603');
  output.appendLine('[Warn  - 10:31:03 AM] Slow response');
  output.appendLine('[Info  - 10:31:04 AM] Started');
  assert.deepEqual(lines, ['error Server initialization failed.', 'error   Message: boom\n  Code: -32603', 'warn Slow response', 'info Started']);
});

test('protocol traces (whfb.trace.server) are written whole, at a level shown by default', () => {
  const { log, lines } = recordingLog();
  const output = levelledClientOutput(log);
  output.append('[LSP   - 10:31:05 AM] ');
  output.appendLine('{"isLSPMessage":true,"type":"send-request","message":{"method":"initialize"}}');
  output.appendLine("[Trace - 10:31:06 AM] Sending request 'textDocument/hover - (1)'.");
  output.appendLine('Params: {}');
  assert.deepEqual(lines, [
    'info {"isLSPMessage":true,"type":"send-request","message":{"method":"initialize"}}',
    "info Sending request 'textDocument/hover - (1)'.",
    'info Params: {}',
  ]);
});

test('show, clear and the name go to the log channel; the client cannot dispose of it', () => {
  const { log, lines } = recordingLog();
  const output = levelledClientOutput(log);
  assert.equal(output.name, 'WHfB Policy Tools');
  output.show(true);
  output.clear();
  output.dispose();
  output.appendLine('still open');
  assert.deepEqual(lines, ['show', 'clear', 'info still open']);
});

test('the extension creates one log channel and gives it to the language client for messages and traces', () => {
  const root = join(__dirname, '..', '..', '..');
  const extension = readFileSync(join(root, 'client/src/extension.ts'), 'utf8');
  const languageClient = readFileSync(join(root, 'client/src/languageClient.ts'), 'utf8');
  assert.equal([...extension.matchAll(/createOutputChannel\(/g)].length, 1, 'one channel');
  assert.match(extension, /createOutputChannel\('WHfB Policy Tools', \{ log: true \}\)/);
  assert.match(languageClient, /log: vscode\.LogOutputChannel/);
  assert.match(languageClient, /outputChannel: output,/);
  assert.match(languageClient, /traceOutputChannel: output,/);
  // The client reads `<id>.trace.server`: the id must stay "whfb" for whfb.trace.server to work.
  assert.match(languageClient, /new LanguageClient\('whfb', /);
});
