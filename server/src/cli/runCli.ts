/**
 * whfb-lint from arguments to exit status, with its streams passed in so tests can run it in
 * process. Never rejects: every failure is a stderr line and exit status 2.
 */
import { DEFAULT_SETTINGS } from '../service/api';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { collectFiles } from './collectFiles';
import { inCollectedOrder, planWithConfig } from './configPlan';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { formatFixes } from './formatFixes';
import { formatJunit } from './formatJunit';
import { formatGithub } from './formatGithub';
import type { LintFilesResult } from './lintFiles';
import type { LintJob } from './lintJob';
import { countSeverity, type LintReport } from './results';
import { addCrossFileFindings } from './crossFileLint';
import { escapeForTerminal } from './terminalText';
import { TOOL_NAME, TOOL_VERSION } from './toolInfo';
import { EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE } from './exitStatus';

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty: boolean;
  env: Record<string, string | undefined>;
}

/** Checks the collected files (on this thread or several). */
export type LintRunner = (job: LintJob) => Promise<LintFilesResult>;

export async function runCli(argv: readonly string[], io: CliIo, lint: LintRunner): Promise<number> {
  // Every stderr line names the tool and echoes file names or arguments: escaped for the terminal.
  const complain = (message: string): void => io.stderr(`${TOOL_NAME}: ${escapeForTerminal(message)}\n`);
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    complain(error.message);
    io.stderr(`\n${USAGE}\n`);
    return EXIT_TROUBLE;
  }
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT_OK;
  }

  try {
    const collection = collectFiles(options.patterns, io.cwd, { followSymlinks: options.followSymlinks });
    // The repository's .whfbrc.json files: ignored files dropped, one job per set of rule severities.
    const plan = planWithConfig(collection.candidates, options, io.cwd);
    const linted: LintFilesResult = { files: [], problems: [] };
    for (const group of plan.groups) {
      const result = await lint({
        candidates: group.candidates, ruleSeverity: group.ruleSeverity, maxFileSizeBytes: DEFAULT_SETTINGS.maxFileSizeBytes,
        ...(options.fix ? { fix: options.fix } : {}),
        ...(options.noCrossFile ? {} : { crossFile: true }),
      });
      linted.files.push(...result.files);
      linted.problems.push(...result.problems);
    }
    if (plan.groups.length > 1) linted.files = inCollectedOrder(linted.files, collection.candidates);
    // A step of its own after the per-file run: the files found are judged together.
    if (!options.noCrossFile) addCrossFileFindings(linted.files, plan.groups);
    const files = options.quiet
      ? linted.files.map((file) => ({ ...file, diagnostics: file.diagnostics.filter((d) => d.severity === 'error') }))
      : linted.files;
    const report: LintReport = {
      files,
      errors: countSeverity(linted.files, 'error'),
      warnings: countSeverity(linted.files, 'warning'),
      problems: [...collection.problems, ...plan.problems, ...linted.problems],
    };
    if (options.fix) {
      // The text report shows the fixes with the findings; other formats keep stdout to their document.
      const fixReport = formatFixes(report, options.fix);
      if (options.format === 'text') io.stdout(fixReport);
      else io.stderr(fixReport);
    }
    io.stdout(render(report, options, io));
    for (const problem of report.problems) complain(problem);
    const tooManyWarnings = options.maxWarnings >= 0 && report.warnings > options.maxWarnings;
    if (tooManyWarnings) complain(`${report.warnings} warnings, more than --max-warnings ${options.maxWarnings}`);
    if (report.problems.length > 0) return EXIT_TROUBLE;
    return report.errors > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    // One line per stack frame is fine here, but each is escaped like any other text.
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    io.stderr(`${TOOL_NAME}: internal error: ${detail.split('\n').map(escapeForTerminal).join('\n')}\n`);
    return EXIT_TROUBLE;
  }
}

function render(report: LintReport, options: CliOptions, io: CliIo): string {
  switch (options.format) {
    case 'json': return formatJson(report);
    case 'sarif': return formatSarif(report, io.cwd);
    case 'junit': return formatJunit(report);
    case 'github': return formatGithub(report);
    case 'text': {
      const color = options.color ?? (io.isTty && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb');
      return formatText(report, color);
    }
  }
}
