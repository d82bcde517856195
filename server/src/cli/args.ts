/** whfb-lint's command line, parsed by hand (no dependency for a handful of options). */
import type { SeverityName } from '../lsp/protocolTypes';
import type { FixMode } from './lintFiles';

/** The output formats, in the order --help lists them (runCli.ts renders each). */
export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type OutputFormat = typeof OUTPUT_FORMATS[number];

export interface CliOptions {
  format: OutputFormat;
  /** -1: any number of warnings is fine. */
  maxWarnings: number;
  quiet: boolean;
  /** Follow symbolic links to directories while walking (loops are skipped). */
  followSymlinks: boolean;
  color: boolean | undefined;
  ruleSeverity: Record<string, SeverityName | 'off'>;
  /** --config: one configuration file for every file (instead of the nearest .whfbrc.json). */
  config?: string;
  /** --no-config: no configuration file at all. */
  noConfig: boolean;
  patterns: string[];
  /** --fix: write the safe quick fixes; --fix-dry-run: print them as a diff. */
  fix: FixMode | undefined;
  help: boolean;
  version: boolean;
  /** --no-cross-file: judge each file alone (no WHFB300-WHFB305). */
  noCrossFile: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: whfb-lint [options] <file|dir|glob>...

Checks Windows Hello for Business policy files: *.whfb.yaml, Intune Settings Catalog and custom
profile exports (JSON or IntuneCD YAML), SyncML XML and Group Policy backups (gpreport.xml,
registry.pol). Directories are searched for those files
(node_modules and .git are skipped, symbolic links to directories are not followed); Markdown, PowerShell and text files are checked for OMA-URIs
only when named explicitly or matched by a glob.

Options:
  -f, --format FORMAT            Output format (default: text):
                                   text    path:line:column severity CODE message, then a summary
                                   json    one JSON report (version 1)
                                   sarif   SARIF 2.1.0, for code-scanning uploads
                                   junit   JUnit XML (Azure DevOps Publish Test Results, GitLab)
                                   github  GitHub Actions workflow commands (annotations)
      --fix                      Apply the quick fixes that need no choice (the value type,
                                 the casing of a name, a deprecated node's successor, {TenantId}
                                 when the file declares tenantId), write the files, list them
      --fix-dry-run              Print those fixes as a unified diff; write nothing
      --max-warnings N           Exit with status 1 when there are more than N warnings
      --quiet                    Report errors only (warnings still count for --max-warnings)
      --rule CODE=SEVERITY       Override a rule: error, warning, information, hint or off
                                 (repeatable, e.g. --rule WHFB190=off; wins over the configuration file)
      --config FILE              Use this configuration file (.whfbrc.json format) for every file
      --no-config                Use no configuration file (default: the nearest .whfbrc.json or
                                 whfb.config.json in each file's folder or above, up to the
                                 repository root)
      --no-cross-file            Judge each file alone: no cross-file findings (WHFB300-WHFB305:
                                 the same setting with two values in two files, certificate
                                 against cloud Kerberos trust, Group Policy against MDM...)
      --follow-symlinks          Also walk symbolic links to directories (a link loop is skipped)
      --color / --no-color       Force or disable colors (default: colors on a terminal)
  -h, --help                     Show this help
  -v, --version                  Show the version

Files larger than 5 MiB are not checked: each one a policy (or named here) gets a WHFB003 warning.

The files checked together are judged as one deployment too: a cross-file finding stands in the
file whose value wins (or in each file of a conflict) and names the other file and line.

With --fix or --fix-dry-run, the findings and the exit status are those left after the fixes.

Examples:
  whfb-lint policies/
  whfb-lint --format github 'intune/**/*.json'           annotations in a GitHub pull request
  whfb-lint --format junit policies/ > whfb-lint.xml     Azure DevOps / GitLab test report
  whfb-lint --format sarif policies/ > whfb-lint.sarif   code scanning
  whfb-lint --fix-dry-run policies/                      what --fix would change

Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage error or unreadable or unwritable file.`;

const FORMATS = new Set<string>(OUTPUT_FORMATS);
const RULE_SEVERITIES = new Set<string>(['error', 'warning', 'information', 'info', 'hint', 'off']);

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    format: 'text', maxWarnings: -1, quiet: false, followSymlinks: false, color: undefined, ruleSeverity: {}, noConfig: false, patterns: [], fix: undefined, help: false, version: false, noCrossFile: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      options.patterns.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      options.patterns.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq >= 0) return arg.slice(eq + 1);
      const value = argv[i + 1];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      i++;
      return value;
    };
    switch (name) {
      case '-h': case '--help': options.help = true; break;
      case '-v': case '--version': options.version = true; break;
      case '--quiet': options.quiet = true; break;
      case '--follow-symlinks': options.followSymlinks = true; break;
      case '--fix': case '--fix-dry-run': {
        const mode: FixMode = name === '--fix' ? 'write' : 'dry-run';
        if (options.fix && options.fix !== mode) throw new UsageError('--fix and --fix-dry-run cannot be combined');
        options.fix = mode;
        break;
      }
      case '--color': options.color = true; break;
      case '--no-color': options.color = false; break;
      case '-f': case '--format': {
        const format = takeValue();
        if (!FORMATS.has(format)) throw new UsageError(`--format must be ${OUTPUT_FORMATS.slice(0, -1).join(', ')} or ${OUTPUT_FORMATS[OUTPUT_FORMATS.length - 1]}, not "${format}"`);
        options.format = format as OutputFormat;
        break;
      }
      case '--max-warnings': {
        const value = takeValue();
        if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings needs a whole number >= 0, not "${value}"`);
        options.maxWarnings = Number(value);
        break;
      }
      case '--config': options.config = takeValue(); break;
      case '--no-config': options.noConfig = true; break;
      case '--no-cross-file': options.noCrossFile = true; break;
      case '--rule': {
        const value = takeValue();
        const match = /^([A-Za-z]+\d+)\s*[=:]\s*([a-z]+)$/.exec(value);
        if (!match || !RULE_SEVERITIES.has(match[2])) {
          throw new UsageError(`--rule needs CODE=error|warning|information|hint|off, not "${value}"`);
        }
        options.ruleSeverity[match[1].toUpperCase()] = match[2] === 'info' ? 'information' : (match[2] as SeverityName | 'off');
        break;
      }
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  if (options.config !== undefined && options.noConfig) throw new UsageError('--config and --no-config exclude each other');
  if (!options.help && !options.version && options.patterns.length === 0) throw new UsageError('no files, directories or globs given');
  return options;
}
