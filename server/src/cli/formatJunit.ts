/**
 * JUnit XML, the test-report shape Azure DevOps' Publish Test Results (testResultsFormat: JUnit)
 * and GitLab's `artifacts:reports:junit` read: one <testsuite> per checked file, one <testcase>
 * per finding (named by rule and position, so a report lists what failed where), and one passing
 * <testcase> for a file without findings, so clean files count as passed tests.
 * Errors and warnings are <failure>s (message = the finding, type = the rule code); information
 * and hints are passing test cases whose <system-out> says what was noted.
 */
import type { LintDiagnostic, LintReport } from './results';
import { TOOL_NAME } from './toolInfo';

export function formatJunit(report: LintReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const file of report.files) {
    const cases: string[] = [];
    let fileFailures = 0;
    for (const d of file.diagnostics) {
      const name = `${d.code} ${d.line}:${d.column}`;
      if (isFailure(d)) {
        fileFailures++;
        cases.push(`    <testcase name="${xmlAttribute(name)}" classname="${xmlAttribute(file.path)}" file="${xmlAttribute(file.path)}" line="${d.line}">\n`
          + `      <failure message="${xmlAttribute(d.message)}" type="${xmlAttribute(d.code)}">${xmlText(details(file.path, d))}</failure>\n`
          + '    </testcase>');
      } else {
        cases.push(`    <testcase name="${xmlAttribute(name)}" classname="${xmlAttribute(file.path)}" file="${xmlAttribute(file.path)}" line="${d.line}">\n`
          + `      <system-out>${xmlText(details(file.path, d))}</system-out>\n`
          + '    </testcase>');
      }
    }
    if (cases.length === 0) cases.push(`    <testcase name="${TOOL_NAME}" classname="${xmlAttribute(file.path)}" file="${xmlAttribute(file.path)}"/>`);
    tests += cases.length;
    failures += fileFailures;
    suites.push(`  <testsuite name="${xmlAttribute(file.path)}" tests="${cases.length}" failures="${fileFailures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  const body = suites.length > 0 ? `\n${suites.join('\n')}\n` : '\n';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${TOOL_NAME}" tests="${tests}" failures="${failures}" errors="0">${body}</testsuites>\n`;
}

function isFailure(d: LintDiagnostic): boolean {
  return d.severity === 'error' || d.severity === 'warning';
}

/** What a test-report viewer shows under the failed case: where, how bad, what, and the guide link. */
function details(path: string, d: LintDiagnostic): string {
  const lines = [`${path}:${d.line}:${d.column} ${d.severity} ${d.code}`, d.message];
  if (d.href) lines.push(d.href);
  return lines.join('\n');
}

/**
 * XML 1.0 allows no C0 control character except tab, line feed and carriage return, no lone
 * surrogate and neither U+FFFE nor U+FFFF: a report containing one is rejected as a whole by
 * the parsers of both platforms. Such characters come from policy files (values, file names),
 * so they are written as a visible \uXXXX instead.
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(text: string): string {
  return text.replace(NOT_XML, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function xmlText(text: string): string {
  return visible(text).replace(/[&<>]/g, (char) => XML_ENTITIES[char]!);
}

/** Attribute values also escape quotes, and line breaks and tabs, which parsers would normalise to spaces. */
export function xmlAttribute(text: string): string {
  return visible(text).replace(/[&<>"'\t\n\r]/g, (char) => XML_ENTITIES[char]!);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};
