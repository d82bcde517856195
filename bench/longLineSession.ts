/**
 * One-line documents through our server over stdio (issue 15, defect 4): open a 5 MB minified
 * Settings Catalog export or a 5 MB one-line SyncML, time open→diagnostics, a one-value edit in
 * the middle of the line→diagnostics, and the outline (documentSymbols) an editor asks for with
 * every edit. Before the fix these took from seconds to over a minute and requests timed out.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { LspClient, BenchError } from './lspClient';
import { editedText, oneLineSettingsCatalog, oneLineSyncml, type LongLineDocument } from './longLinePolicies';
import type { Budget, ServerUnderTest } from './session';
import { percentile, round1 } from './stats';

export interface LongLineResult {
  file: string;
  characters: number;
  /** Every item is on line 0: that is the point. */
  lines: number;
  openMs: number;
  /** CPU time the server spent (all its threads, from /proc): unlike wall time, not inflated by other processes on a busy machine. */
  openCpuMs: number;
  openDiagnostics: number;
  changeCpuP50Ms: number;
  changeP50Ms: number;
  changeP99Ms: number;
  changeSamples: number;
  symbolsMs: number;
  symbols: number;
  peakRssMb: number;
}

/** Just under the 5 MiB size limit (`whfb.maxFileSize`), so the document is checked, not refused. */
const FIVE_MB = 5 * 1024 * 1024 - 64 * 1024;

export function longLineDocuments(): LongLineDocument[] {
  const syncml = oneLineSyncml(20_000);
  if (syncml.text.length > FIVE_MB + 64 * 1024) throw new BenchError(`the one-line SyncML is ${syncml.text.length} characters: over the size limit`);
  return [oneLineSettingsCatalog(FIVE_MB), syncml];
}

/** User + system CPU time of a process so far, in ms (10 ms resolution), or NaN where /proc is missing. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted after the command name: indexes 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

export async function runLongLineSession(server: ServerUnderTest, doc: LongLineDocument, rootUri: string, budget: Budget): Promise<LongLineResult> {
  const { client } = await LspClient.start(server.command, rootUri, budget.requestTimeoutMs);
  try {
    await client.settleConfiguration(2000);
    // The first document a server sees also pays for loading the catalog and a cold JIT; the
    // synthetic rows show that. Here a small document of the same format goes first, so the row
    // measures validating the one-line document itself.
    const warm = { uri: doc.uri.replace(/(\.[a-z.]+)$/, '-warm-up$1'), languageId: doc.languageId, version: 1, text: doc.warmUpText };
    const warmed = client.expectDiagnostics(warm.uri, 1, budget.diagnosticsTimeoutMs);
    client.notify('textDocument/didOpen', { textDocument: warm });
    await warmed;
    client.notify('textDocument/didClose', { textDocument: { uri: warm.uri } });
    let version = 1;
    const opened = client.expectDiagnostics(doc.uri, version, budget.diagnosticsTimeoutMs);
    const pid = client.process.pid;
    const openCpuStart = cpuMsOf(pid);
    const openStart = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: doc.languageId, version, text: doc.text } });
    const first = await opened;
    const openMs = first.at - openStart;
    const openCpuMs = cpuMsOf(pid) - openCpuStart;
    const changeCpuMs: number[] = [];

    const changeMs: number[] = [];
    for (let i = 0; i < budget.warmup + budget.edits; i++) {
      version++;
      const value = doc.edit.values[i % 2 === 0 ? 1 : 0]!;
      const range = { start: { line: 0, character: doc.edit.offset }, end: { line: 0, character: doc.edit.offset + doc.edit.values[0].length } };
      const change = client.incrementalSync ? { range, text: value } : { text: editedText(doc, i % 2 === 0 ? 1 : 0) };
      const published = client.expectDiagnostics(doc.uri, version, budget.diagnosticsTimeoutMs);
      const cpuStart = cpuMsOf(pid);
      const started = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [change] });
      const answer = await published;
      if (i >= budget.warmup) {
        changeMs.push(answer.at - started);
        changeCpuMs.push(cpuMsOf(pid) - cpuStart);
      }
    }

    const symbolsStart = performance.now();
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: doc.uri } });
    const symbolsMs = performance.now() - symbolsStart;

    const result: LongLineResult = {
      file: doc.name,
      characters: doc.text.length,
      lines: doc.text.split(/\r\n|\r|\n/).length,
      openMs: round1(openMs),
      openCpuMs: round1(openCpuMs),
      changeCpuP50Ms: round1(percentile(changeCpuMs, 50)),
      openDiagnostics: first.diagnostics.length,
      changeP50Ms: round1(percentile(changeMs, 50)),
      changeP99Ms: round1(percentile(changeMs, 99)),
      changeSamples: changeMs.length,
      symbolsMs: round1(symbolsMs),
      symbols: Array.isArray(symbols) ? symbols.length : 0,
      peakRssMb: round1(client.peakRssMb()),
    };
    client.notify('textDocument/didClose', { textDocument: { uri: doc.uri } });
    await client.stop();
    return result;
  } catch (error) {
    client.kill();
    if (error instanceof BenchError) throw new BenchError(`${server.id} on ${doc.name}: ${error.message}`);
    throw error;
  }
}
