/**
 * One server, one file: start cold, open, edit a value in the middle many times, ask for
 * completion and hover there, read the peak memory, shut down. Times are what an editor user
 * waits for: from sending the message to the answer (or to the diagnostics that follow).
 */
import { performance } from 'node:perf_hooks';
import { BenchError, LspClient, type ServerCommand } from './lspClient';
import { median, percentile, round1 } from './stats';
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

/**
 * How diagnostics reach the client: `pull` is what VS Code's language client does with a server
 * that offers it (didChange, then `textDocument/diagnostic`); `push` waits for publishDiagnostics.
 * yaml-language-server only pushes.
 */
export type DiagnosticsPath = 'push' | 'pull';

export interface SessionResult {
  server: ServerId;
  path: DiagnosticsPath;
  /** Sessions this row is the median of (each field separately); 1 for a single run. */
  runs?: number;
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

/**
 * Sends a document event and waits for the diagnostics of `version` that follow it, on either path:
 * pushed ones, or the answer to a pull sent right after the event (the server itself waits out
 * `whfb.validation.delay`, as it does for VS Code). Returns the arrival time and the diagnostics.
 */
async function diagnosticsAfter(client: LspClient, path: DiagnosticsPath, uri: string, version: number, budget: Budget, send: () => void, previousResultId: { value?: string; count?: number }): Promise<{ at: number; count: number }> {
  if (path === 'push') {
    const published = client.expectDiagnostics(uri, version, budget.diagnosticsTimeoutMs);
    send();
    const answer = await published;
    return { at: answer.at, count: answer.diagnostics.length };
  }
  send();
  const report = await client.pullDiagnosticsOf(uri, previousResultId.value);
  const at = performance.now();
  // "unchanged" with a new result id: the new version's diagnostics are the ones the client holds
  // (VS Code keeps them). The same result id again would be an answer about the old version.
  if (report.items === undefined && (report.resultId === undefined || report.resultId === previousResultId.value)) {
    throw new BenchError(`the pull for ${uri} v${version} answered "unchanged" for the version before the change`);
  }
  previousResultId.value = report.resultId;
  if (report.items !== undefined) previousResultId.count = report.items.length;
  return { at, count: previousResultId.count ?? 0 };
}

export async function runSession(server: ServerUnderTest, policy: SyntheticPolicy, uri: string, rootUri: string, budget: Budget, path: DiagnosticsPath = 'push'): Promise<SessionResult> {
  const { client, startupMs } = await LspClient.start(server.command, rootUri, budget.requestTimeoutMs, { pull: path === 'pull' });
  try {
    await client.settleConfiguration(2000);
    if (path === 'pull' && !client.pullDiagnostics) throw new BenchError(`${server.id} offers no pull diagnostics`);
    const delay = server.diagnosticsDelayMs;
    let version = 1;
    const resultId: { value?: string; count?: number } = {};

    const openStart = performance.now();
    const firstDiagnostics = await diagnosticsAfter(client, path, uri, version, budget,
      () => client.notify('textDocument/didOpen', { textDocument: { uri, languageId: server.languageId, version, text: policy.text } }), resultId);
    const openRawMs = firstDiagnostics.at - openStart;
    const result: SessionResult = {
      server: server.id,
      path,
      file: policy.name,
      settings: policy.settings,
      startupMs: round1(startupMs),
      openMs: round1(openRawMs - delay),
      openRawMs: round1(openRawMs),
      openDiagnostics: firstDiagnostics.count,
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
        const started = performance.now();
        const answer = await diagnosticsAfter(client, path, uri, version, budget,
          () => client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] }), resultId);
        if (i >= budget.warmup) changeMs.push(answer.at - started);
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

/**
 * What a user waits for when VS Code starts the server with a policy open: spawn, initialize,
 * initialized, the document opened at once (no settling), its diagnostics pulled. From the spawn
 * to the pull's answer, so the catalog load and the first validation are in it.
 */
export async function measureSpawnToDiagnostics(server: ServerUnderTest, policy: SyntheticPolicy, uri: string, rootUri: string, budget: Budget): Promise<{ ms: number; diagnostics: number }> {
  const { client, spawnedAt } = await LspClient.start(server.command, rootUri, budget.requestTimeoutMs, { pull: true });
  try {
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: server.languageId, version: 1, text: policy.text } });
    const report = await client.pullDiagnosticsOf(uri);
    const ms = performance.now() - spawnedAt;
    await client.stop();
    return { ms, diagnostics: report.items?.length ?? 0 };
  } catch (error) {
    client.kill();
    throw error;
  }
}

/** Several sessions of one server on one file, as one row: each figure is the median over the runs. */
export function medianSession(runs: readonly SessionResult[]): SessionResult {
  if (runs.length === 1) return { ...runs[0]!, runs: 1 };
  const row: Record<string, unknown> = { ...runs[0]!, runs: runs.length };
  for (const [key, value] of Object.entries(runs[0]!)) {
    if (typeof value !== 'number') continue;
    const values = runs.map((run) => (run as unknown as Record<string, number>)[key]).filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
    if (values.length > 0) row[key] = round1(median(values));
  }
  return row as unknown as SessionResult;
}
