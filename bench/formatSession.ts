/**
 * The row-per-format table: each file of bench/formatFixtures.ts through one server process on the
 * pull path. A small policy goes first, so a row is the file's own validation and not the catalog
 * load; then open→diagnostics, and edits at the file's end (a space added and taken away again,
 * which every format tolerates) →diagnostics.
 */
import { readFileSync } from 'node:fs';
import { decodeFileBytes } from '../shared/decodeText';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { FormatFixture } from './formatFixtures';
import { BenchError, LspClient } from './lspClient';
import type { Budget, ServerUnderTest } from './session';
import { percentile, round1 } from './stats';

export interface FormatResult {
  format: string;
  file: string;
  characters: number;
  openMs: number;
  openDiagnostics: number;
  changeP50Ms: number;
  changeP99Ms: number;
  /** Peak RSS of the process after all the formats (the rows share one server). */
  peakRssMb: number;
}

const WARM_UP = 'whfb: 1\nname: warm-up\nsettings:\n  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork\n    type: bool\n    value: true\n';

export async function runFormatSessions(server: ServerUnderTest, root: string, fixtures: readonly FormatFixture[], rootUri: string, budget: Budget): Promise<FormatResult[]> {
  const { client } = await LspClient.start(server.command, rootUri, budget.requestTimeoutMs, { pull: true });
  const rows: FormatResult[] = [];
  try {
    await client.settleConfiguration(2000);
    const warmUri = `${rootUri}/docs/format-warm-up.whfb.yaml`;
    client.notify('textDocument/didOpen', { textDocument: { uri: warmUri, languageId: 'whfb-yaml', version: 1, text: WARM_UP } });
    await client.pullDiagnosticsOf(warmUri);
    client.notify('textDocument/didClose', { textDocument: { uri: warmUri } });
    for (const fixture of fixtures) {
      const path = join(root, fixture.file);
      // As the editor shows it: a BOM removed, UTF-16 (gpreport.xml, PowerShell on Windows) decoded.
      const text = decodeFileBytes(readFileSync(path));
      const uri = pathToFileURL(path).href;
      const openStart = performance.now();
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: fixture.languageId, version: 1, text } });
      const opened = await client.pullDiagnosticsOf(uri);
      const openMs = performance.now() - openStart;
      const lines = text.split(/\r\n|\r|\n/);
      const end = { line: lines.length - 1, character: lines.at(-1)!.length };
      let previous = opened.resultId;
      const changeMs: number[] = [];
      for (let i = 0; i < budget.warmup + budget.edits; i++) {
        const adding = i % 2 === 0;
        const change = adding
          ? { range: { start: end, end }, text: ' ' }
          : { range: { start: end, end: { line: end.line, character: end.character + 1 } }, text: '' };
        const started = performance.now();
        client.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [change] });
        const report = await client.pullDiagnosticsOf(uri, previous);
        // "unchanged" is right when the edit changed no finding, but only with the new version's result id.
        if (report.items === undefined && (report.resultId === undefined || report.resultId === previous)) throw new BenchError(`${fixture.file}: the pull answered "unchanged" for the version before the change`);
        previous = report.resultId;
        if (i >= budget.warmup) changeMs.push(performance.now() - started);
      }
      client.notify('textDocument/didClose', { textDocument: { uri } });
      rows.push({
        format: fixture.format, file: fixture.file, characters: text.length,
        openMs: round1(openMs), openDiagnostics: opened.items?.length ?? 0,
        changeP50Ms: round1(percentile(changeMs, 50)), changeP99Ms: round1(percentile(changeMs, 99)), peakRssMb: Number.NaN,
      });
    }
    const peak = round1(client.peakRssMb());
    for (const row of rows) row.peakRssMb = peak;
    await client.stop();
    return rows;
  } catch (error) {
    client.kill();
    if (error instanceof BenchError) throw new BenchError(`formats: ${error.message}`);
    throw error;
  }
}
