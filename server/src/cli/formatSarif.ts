/**
 * SARIF 2.1.0 for code-scanning uploads: one run, every rule of model/ruleCodes.ts with its help
 * link, one result per finding with a location relative to the working directory.
 * A rule's help carries its rule reference entry (what it checks, why its severity, the guide or
 * DDF sentences it rests on), since code-scanning shows help.markdown but cannot open docs/rules.md:
 * helpUri stays the guide section, the only absolute URL a rule has.
 */
import { pathToFileURL } from 'node:url';
import { RULES, ruleDocsUrl, type RuleInfo } from '../model/ruleCodes';
import { RULE_EVIDENCE } from '../rules/evidence';
import type { SeverityName } from '../lsp/protocolTypes';
import type { LintReport } from './results';
import { TOOL_INFORMATION_URI, TOOL_NAME, TOOL_VERSION } from './toolInfo';

const SARIF_LEVELS: Record<SeverityName, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const SOURCE_ROOT = 'SRCROOT';

export function formatSarif(report: LintReport, cwd: string): string {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.code, index]));
  const results = report.files.flatMap((file) => file.diagnostics.map((d) => {
    const index = ruleIndex.get(d.code);
    const relatedLocations = (d.related ?? []).map((item, id) => ({
      id,
      physicalLocation: {
        artifactLocation: artifactLocation(item.path),
        region: { startLine: item.line, startColumn: item.column, endLine: item.endLine, endColumn: item.endColumn },
      },
      message: { text: item.message },
    }));
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
      ...(relatedLocations.length > 0 ? { relatedLocations } : {}),
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
            ...(RULE_EVIDENCE[rule.code] ? { fullDescription: { text: RULE_EVIDENCE[rule.code]!.checks } } : {}),
            helpUri: rule.href,
            help: { text: `${rule.summary} See ${rule.href}`, markdown: helpMarkdown(rule) },
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

/** The rule's reference entry in short: what it checks, its severity and why, and the quoted sources. */
function helpMarkdown(rule: RuleInfo): string {
  const evidence = RULE_EVIDENCE[rule.code];
  const lines = [`**${rule.code} ${rule.name}**: ${rule.summary}`];
  if (evidence) {
    lines.push('', evidence.checks, '', `**Severity.** ${evidence.severityReason}`);
    const supports = evidence.evidence.filter((item) => item.stance !== 'limits');
    // A DDF fragment is XML: as code, so Markdown viewers show the elements instead of dropping them.
    const quoted = (quote: string): string => (quote.includes('<') ? `\`${quote}\`` : quote);
    if (supports.length > 0) lines.push('', ...supports.map((item) => `> ${quoted(item.quote)} ([source](${item.href}))`));
    if (evidence.unsupported) lines.push('', `**No source sentence.** ${evidence.unsupported}`);
  }
  lines.push('', `Guide section: ${rule.href}`, '', `Rule reference: ${ruleDocsUrl(rule.code)} in the whfb-policy-tools repository.`);
  return lines.join('\n');
}

/** A path as the report gives it: relative to SRCROOT, or an absolute file URL. */
function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  if (/^file:/.test(path)) return { uri: path };
  const relative = !path.startsWith('/') && !/^[A-Za-z]:/.test(path);
  return relative ? { uri: encodeRelativeUri(path), uriBaseId: SOURCE_ROOT } : { uri: pathToFileURL(path).href };
}

function encodeRelativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
