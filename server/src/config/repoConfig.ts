/**
 * The repository's whfb-lint configuration (`.whfbrc.json` or `whfb.config.json`): rule
 * severities, ignore globs and the default deployment model, read by the CLI and the language
 * server alike. Pure: text in, checked data out, no file system and no LSP. The file is JSON data
 * only (never code): a team commits it once and CI and every editor agree.
 *
 * Precedence: the command line's --rule and the editor's `whfb.rules` win over the file; the file
 * wins over the rules' defaults.
 */
import * as l10n from '@vscode/l10n';
import type { DeploymentModelId } from '../checklists/types';
import { CONFIG_FILE_NAMES, DEPLOYMENT_MODELS } from '../../../shared/repoConfigFile';
import type { Diagnostic, SeverityName } from '../lsp/protocolTypes';
import type { PolicySummary } from '../../../shared/protocol';
import { GlobMatcher, toSlashes } from './glob';

/** Looked for in this order in each folder. */
// The file names and the model list are shared with the client (shared/repoConfigFile.ts).
export { CONFIG_FILE_NAMES, DEPLOYMENT_MODELS };

export type RuleSetting = SeverityName | 'off';

export interface RepoConfig {
  rules: Record<string, RuleSetting>;
  /** Globs relative to the configuration file's folder; a pattern without `/` matches at any depth. */
  ignore: string[];
  deploymentModel?: DeploymentModelId;
}

export interface ParsedRepoConfig {
  config: RepoConfig;
  /** What was wrong, one sentence each; the valid rest still applies. */
  problems: string[];
}

export const EMPTY_REPO_CONFIG: RepoConfig = { rules: {}, ignore: [] };

const RULE_CODE = /^WHFB\d{3}$/i;
const RULE_SETTINGS = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);
const KNOWN_KEYS = new Set(['$schema', 'rules', 'ignore', 'deploymentModel']);

export function parseRepoConfig(text: string): ParsedRepoConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { config: EMPTY_REPO_CONFIG, problems: [`not valid JSON (${error instanceof Error ? error.message : String(error)}); it is not used`] };
  }
  return checkRepoConfig(raw);
}

export function checkRepoConfig(raw: unknown): ParsedRepoConfig {
  const problems: string[] = [];
  if (!isObject(raw)) return { config: EMPTY_REPO_CONFIG, problems: [l10n.t('must be a JSON object ({ "rules": {...}, "ignore": [...] }); it is not used')] };
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) problems.push(l10n.t('unknown key "{0}" (known: rules, ignore, deploymentModel)', key));
  }
  const rules: Record<string, RuleSetting> = {};
  if (raw.rules !== undefined) {
    if (!isObject(raw.rules)) problems.push(l10n.t('"rules" must be an object of rule code to severity'));
    else {
      for (const [code, value] of Object.entries(raw.rules)) {
        if (!RULE_CODE.test(code)) problems.push(l10n.t('rules: "{0}" is not a rule code (WHFB and three digits)', code));
        else if (typeof value !== 'string' || !RULE_SETTINGS.has(value)) problems.push(l10n.t('rules: {0} must be error, warning, information, hint or off, not {1}', code, JSON.stringify(value)));
        else rules[code.toUpperCase()] = value as RuleSetting;
      }
    }
  }
  const ignore: string[] = [];
  if (raw.ignore !== undefined) {
    if (!Array.isArray(raw.ignore)) problems.push(l10n.t('"ignore" must be an array of globs'));
    else {
      for (const pattern of raw.ignore) {
        if (typeof pattern === 'string' && pattern.trim() !== '') ignore.push(pattern.trim());
        else problems.push(l10n.t('ignore: {0} is not a glob', JSON.stringify(pattern)));
      }
    }
  }
  const config: RepoConfig = { rules, ignore };
  if (raw.deploymentModel !== undefined && raw.deploymentModel !== '') {
    if (typeof raw.deploymentModel === 'string' && (DEPLOYMENT_MODELS as readonly string[]).includes(raw.deploymentModel)) {
      config.deploymentModel = raw.deploymentModel as DeploymentModelId;
    } else {
      problems.push(l10n.t('deploymentModel must be one of {0}, not {1}', DEPLOYMENT_MODELS.join(', '), JSON.stringify(raw.deploymentModel)));
    }
  }
  return { config, problems };
}

/**
 * Whether a file is ignored. `relativePath` is relative to the configuration file's folder
 * (either slash); a file outside that folder is never ignored. A pattern matches the file or one
 * of its folders (`archive` ignores everything under archive/); without a `/` it matches at any depth.
 */
export function isIgnored(config: RepoConfig, relativePath: string): boolean {
  const path = toSlashes(relativePath).replace(/^\.\//, '');
  if (config.ignore.length === 0 || path === '' || path.startsWith('../') || path === '..' || /^([a-z]:)?\//i.test(path)) return false;
  const parts = path.split('/');
  return config.ignore.some((pattern) => {
    let glob = toSlashes(pattern).replace(/^\.\//, '').replace(/\/+$/, '');
    if (glob.startsWith('/')) glob = glob.slice(1);
    else if (!glob.includes('/')) glob = `**/${glob}`;
    const matcher = new GlobMatcher(glob);
    // The literal prefix of the pattern is the matcher's base: walk the path from there.
    const base = matcher.base === '.' ? [] : matcher.base.split('/');
    if (base.length > parts.length || base.some((segment, i) => segment !== parts[i])) return false;
    if (matcher.segments.length === 0) return true; // a literal path: the file itself or a folder above it
    let state = matcher.start();
    for (const name of parts.slice(base.length)) {
      state = matcher.step(state, name);
      if (state.length === 0) return false;
      if (matcher.matches(state)) return true;
    }
    return false;
  });
}

/** The severities in force: the file's, overridden by the command line's or the editor's. */
export function mergeRuleSettings(fromFile: Record<string, RuleSetting>, overrides: Record<string, RuleSetting>): Record<string, RuleSetting> {
  return { ...fromFile, ...overrides };
}

const SEVERITY_NUMBERS: Record<SeverityName, 1 | 2 | 3 | 4> = { error: 1, warning: 2, information: 3, hint: 4 };

/**
 * The file's severity for a code, where it applies: a code the editor sets keeps the editor's
 * severity (the editor wins, and the service already applied it); undefined leaves it as it is.
 */
function fileRuleFor(code: string, fromFile: Record<string, RuleSetting>, editorRules: Record<string, RuleSetting>): RuleSetting | undefined {
  const key = code.toUpperCase();
  return editorRules[key] === undefined ? fromFile[key] : undefined;
}

/**
 * Applies the file's severities to diagnostics the service produced with the editor's rules in
 * force: a code the editor sets keeps the editor's severity, others take the file's, and `off`
 * removes them.
 */
export function applyFileRules(diagnostics: Diagnostic[], fromFile: Record<string, RuleSetting>, editorRules: Record<string, RuleSetting>): Diagnostic[] {
  if (Object.keys(fromFile).length === 0) return diagnostics;
  const result: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const setting = fileRuleFor(String(diagnostic.code ?? ''), fromFile, editorRules);
    if (setting === 'off') continue;
    result.push(setting ? { ...diagnostic, severity: SEVERITY_NUMBERS[setting] } : diagnostic);
  }
  return result;
}

/**
 * The same for the problems the policy summary lists per setting (the settings view, the
 * checklist's marks), so the views agree with the Problems panel.
 */
export function applyFileRulesToSummary(summary: PolicySummary, fromFile: Record<string, RuleSetting>, editorRules: Record<string, RuleSetting>): PolicySummary {
  if (Object.keys(fromFile).length === 0) return summary;
  return {
    ...summary,
    settings: summary.settings.map((setting) => ({
      ...setting,
      problems: setting.problems.flatMap((problem) => {
        const rule = fileRuleFor(problem.code, fromFile, editorRules);
        if (rule === 'off') return [];
        return [rule ? { ...problem, severity: rule } : problem];
      }),
    })),
  };
}

/** A file the repository configuration ignores: its summary lists its settings with no problems, as the Problems panel shows none. */
export function withoutProblems(summary: PolicySummary): PolicySummary {
  return { ...summary, settings: summary.settings.map((setting) => ({ ...setting, problems: [] })) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
