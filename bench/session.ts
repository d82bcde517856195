/**
 * One server, one file: start cold, open, edit a value in the middle many times, ask for
 * completion and hover there, read the peak memory, shut down. Times are what an editor user
 * waits for: from sending the message to the answer (or to the diagnostics that follow).
 */
import { performance } from 'node:perf_hooks';
import { BenchError, LspClient, type ServerCommand } from './lspClient';
import { percentile, round1 } from './stats';
import type { SyntheticPolicy } from './syntheticPolicies';

export type ServerId = 'whfb' | 'yaml-language-server' | 'bare';

export interface ServerUnderTest {
  id: ServerId;
  command: ServerCommand;
  languageId: string;
  /** A fixed debounce the server waits before validating (yaml-language-server: 200 ms); reported figures subtract it. */
  diagnosticsDelayMs: number;
}

export interface Budget {
  requestTimeoutMs: number;
  diagnosticsTimeoutMs: number;
  warmup: number;
  edits: number;
  completions: number;
  hovers: number;
}

export interface SessionResult {
  server: ServerId;
  file: string;
  settings: number;
  startupMs: number;
  openMs: number;
  openRawMs: number;
  openDiagnostics: number;
  changeP50Ms?: number;
  changeP99Ms?: number;
  changeP50RawMs?: number;
  changeP99RawMs?: number;
  changeSamples?: number;
  completionP50Ms?: number;
  completionP99Ms?: number;
  completionItems?: number;
  hoverP50Ms?: number;
  hoverP99Ms?: number;
  /** Characters of hover content, so an empty answer cannot pass for a fast one. */
  hoverChars?: number;
  peakRssMb: number;
}

function itemCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const items = (result as { items?: unknown[] } | null)?.items;
  return Array.isArray(items) ? items.length : 0;
}

function hoverLength(result: unknown): number {
  const contents = (result as { contents?: unknown } | null)?.contents;
  if (contents === undefined || contents === null) return 0;
  if (typeof contents === 'string') return contents.length;
  if (Array.isArray(contents)) return contents.reduce<number>((sum, part) => sum + hoverLength({ contents: part }), 0);
  const value = (contents as { value?: unknown }).value;
  return typeof value === 'string' ? value.length : 0;
}

async function timed<T>(action: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await action();
  return { ms: performance.now() - started, result };
}

export async function runSession(server: ServerUnderTest, policy: SyntheticPolicy, uri: string, rootUri: string, budget: Budget): Promise<SessionResult> {
  const { client, startupMs } = await LspClient.start(server.command, rootUri, budget.requestTimeoutMs);
  try {
    await client.settleConfiguration(2000);
    const delay = server.diagnosticsDelayMs;
    let version = 1;

    const opened = client.expectDiagnostics(uri, version, budget.diagnosticsTimeoutMs);
    const openStart = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: server.languageId, version, text: policy.text } });
    const firstDiagnostics = await opened;
    const openRawMs = firstDiagnostics.at - openStart;
    const result: SessionResult = {
      server: server.id,
      file: policy.name,
      settings: policy.settings,
      startupMs: round1(startupMs),
      openMs: round1(openRawMs - delay),
      openRawMs: round1(openRawMs),
      openDiagnostics: firstDiagnostics.diagnostics.length,
      peakRssMb: Number.NaN,
    };

    const probe = policy.probe;
    if (probe) {
      const lines = policy.text.split('\n');
      let current = 0;
      const changeMs: number[] = [];
      for (let i = 0; i < budget.warmup + budget.edits; i++) {
        const oldValue = probe.values[current]!;
        current = 1 - current;
        const newValue = probe.values[current]!;
        version++;
        lines[probe.valueLine] = `${lines[probe.valueLine]!.slice(0, probe.valueStart)}${newValue}`;
        const change = client.incrementalSync
          ? { range: { start: { line: probe.valueLine, character: probe.valueStart }, end: { line: probe.valueLine, character: probe.valueStart + oldValue.length } }, text: newValue }
          : { text: lines.join('\n') };
        const diagnostics = client.expectDiagnostics(uri, version, budget.diagnosticsTimeoutMs);
        const started = performance.now();
        client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
        const published = await diagnostics;
        if (i >= budget.warmup) changeMs.push(published.at - started);
      }
      const rawP50 = percentile(changeMs, 50);
      const rawP99 = percentile(changeMs, 99);
      Object.assign(result, {
        changeP50Ms: round1(rawP50 - delay),
        changeP99Ms: round1(rawP99 - delay),
        changeP50RawMs: round1(rawP50),
        changeP99RawMs: round1(rawP99),
        changeSamples: changeMs.length,
      });

      const completionMs: number[] = [];
      let completionItems = 0;
      for (let i = 0; i < budget.warmup + budget.completions; i++) {
        const { ms, result: list } = await timed(() => client.request('textDocument/completion', {
          textDocument: { uri }, position: probe.completion, context: { triggerKind: 1 },
        }));
        if (i >= budget.warmup) completionMs.push(ms);
        completionItems = itemCount(list);
      }
      const hoverMs: number[] = [];
      let hoverChars = 0;
      for (let i = 0; i < budget.warmup + budget.hovers; i++) {
        const { ms, result: hover } = await timed(() => client.request('textDocument/hover', { textDocument: { uri }, position: probe.hover }));
        if (i >= budget.warmup) hoverMs.push(ms);
        hoverChars = hoverLength(hover);
      }
      Object.assign(result, {
        completionP50Ms: round1(percentile(completionMs, 50)),
        completionP99Ms: round1(percentile(completionMs, 99)),
        completionItems,
        hoverP50Ms: round1(percentile(hoverMs, 50)),
        hoverP99Ms: round1(percentile(hoverMs, 99)),
        hoverChars,
      });
    }

    // VmHWM is the high-water mark: read once, at the end, it is the session's peak.
    result.peakRssMb = round1(client.peakRssMb());
    client.notify('textDocument/didClose', { textDocument: { uri } });
    await client.stop();
    return result;
  } catch (error) {
    client.kill();
    if (error instanceof BenchError) throw new BenchError(`${server.id} on ${policy.name}: ${error.message}`);
    throw error;
  }
}

/** Cold start only: spawn, initialize, shut down. */
export async function measureStartup(server: ServerUnderTest, rootUri: string, budget: Budget): Promise<number> {
  const { client, startupMs } = await LspClient.start(server.command, rootUri, budget.requestTimeoutMs);
  await client.stop();
  return startupMs;
}
