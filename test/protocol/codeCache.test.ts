/**
 * VS Code's client starts the server with `--code-cache-dir=` (the extension's global storage):
 * the first start writes a V8 code cache of dist/service.js there after its first validation,
 * later starts run from it. The diagnostics must not depend on it: a cold start, a warm start and
 * a start without a directory answer the same.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspTestClient, PULL_CAPABILITIES } from './lspTestClient';
import { NO_SECURITY_DEVICE_POLICY, TYPO_POLICY } from './policies';

const TIMEOUT = { timeout: 60_000 };
const storage = mkdtempSync(join(tmpdir(), 'whfb-storage-'));
const cacheDirectory = join(storage, 'global-storage');
after(() => rmSync(storage, { recursive: true, force: true }));

/** One server start: the pulled diagnostics of two policies, and what the server logged. */
async function session(serverArgs: string[]): Promise<{ reports: unknown[]; logs: string[] }> {
  const { client } = await LspTestClient.start({ capabilities: PULL_CAPABILITIES, settings: () => ({ validation: { delay: 0 } }), serverArgs });
  try {
    const reports: unknown[] = [];
    for (const [name, text] of [['typo', TYPO_POLICY], ['no-security-device', NO_SECURITY_DEVICE_POLICY]] as const) {
      const uri = `file:///workspace/${name}.whfb.yaml`;
      await client.open(uri, 'whfb-yaml', 1, text);
      const report: any = await client.request('textDocument/diagnostic', { textDocument: { uri } });
      reports.push(report.items);
    }
    assert.equal(await client.stop(), 0);
    return { reports, logs: client.logs };
  } finally {
    client.kill();
  }
}

const cacheFiles = (): string[] => readdirSync(cacheDirectory).filter((name) => name.endsWith('.v8cache'));

test('a cold and a warm start with a code cache directory answer the same diagnostics as a start without one', TIMEOUT, async () => {
  const plain = await session([]);
  assert.ok((plain.reports[0] as { code: string }[]).some((d) => d.code === 'WHFB101'), 'the typo is found');

  const cold = await session([`--code-cache-dir=${cacheDirectory}`]);
  assert.equal(cacheFiles().length, 1, 'the first start wrote the cache');
  const [written] = cacheFiles();

  const warm = await session([`--code-cache-dir=${cacheDirectory}`]);
  assert.deepEqual(cacheFiles(), [written], 'the warm start used it and wrote no other');

  assert.deepEqual(cold.reports, plain.reports);
  assert.deepEqual(warm.reports, plain.reports);
  for (const { logs } of [cold, warm]) assert.deepEqual(logs.filter((line) => /code cache/.test(line)), [], 'nothing went wrong with the cache');
});
