/**
 * SARIF 2.1.0 for code-scanning uploads: one run, every rule of rules/codes.ts with its help
 * link, one result per finding with a location relative to the working directory.
 */
import { pathToFileURL } from 'node:url';
import { RULES } from '../rules/codes';
import type { SeverityName } from '../service/protocolTypes';
import type { LintReport } from './results';
import { TOOL_INFORMATION_URI, TOOL_NAME, TOOL_VERSION } from './toolInfo';

const SARIF_LEVELS: Record<SeverityName, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const SOURCE_ROOT = 'SRCROOT';

export function formatSarif(report: LintReport, cwd: string): string {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.code, index]));
  const results = report.files.flatMap((file) => file.diagnostics.map((d) => {
    const index = ruleIndex.get(d.code);
    const relativeUri = !file.path.startsWith('/') && !/^[A-Za-z]:/.test(file.path);
    return {
      ruleId: d.code,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: SARIF_LEVELS[d.severity],
      message: { text: d.message },
      locations: [{
        physicalLocation: {
          artifactLocation: relativeUri
            ? { uri: encodeRelativeUri(file.path), uriBaseId: SOURCE_ROOT }
            : { uri: pathToFileURL(file.path).href },
          region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
        },
      }],
    };
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: TOOL_NAME,
          version: TOOL_VERSION,
          semanticVersion: TOOL_VERSION,
          informationUri: TOOL_INFORMATION_URI,
          rules: RULES.map((rule) => ({
            id: rule.code,
            name: rule.name,
            shortDescription: { text: rule.summary },
            helpUri: rule.href,
            help: { text: `${rule.summary} See ${rule.href}` },
            defaultConfiguration: { level: SARIF_LEVELS[rule.defaultSeverity] },
          })),
        },
      },
      originalUriBaseIds: { [SOURCE_ROOT]: { uri: `${pathToFileURL(cwd).href.replace(/\/?$/, '/')}` } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function encodeRelativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
