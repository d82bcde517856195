/**
 * Applies the repository configuration to a run: drops ignored files and groups the rest by the
 * rule severities in force for them (the nearest .whfbrc.json / whfb.config.json of each file,
 * or --config for all, with --rule on top). Each group is one lint job; a broken configuration is
 * a problem of the run (exit status 2), reported once, and its valid parts still apply.
 */
import { relative, resolve } from 'node:path';
import { ConfigFinder, loadConfigFile, type LoadedConfig } from '../config/findConfig';
import { isIgnored, mergeRuleSettings, type RuleSetting } from '../config/repoConfig';
import type { CliOptions } from './args';
import type { Candidate } from './collectFiles';
import type { FileResult } from './results';

export interface LintGroup {
  candidates: Candidate[];
  ruleSeverity: Record<string, RuleSetting>;
}

export interface ConfigPlan {
  groups: LintGroup[];
  problems: string[];
}

export function planWithConfig(candidates: readonly Candidate[], options: Pick<CliOptions, 'config' | 'noConfig' | 'ruleSeverity'>, cwd: string): ConfigPlan {
  if (options.noConfig) return { groups: [{ candidates: [...candidates], ruleSeverity: options.ruleSeverity }], problems: [] };
  const problems: string[] = [];
  const reported = new Set<string>();
  const given = options.config !== undefined ? loadConfigFile(resolve(cwd, options.config)) : undefined;
  const finder = new ConfigFinder();
  const groups = new Map<string, LintGroup>();
  for (const candidate of candidates) {
    const loaded: LoadedConfig | undefined = given ?? finder.forFile(candidate.absolutePath);
    if (loaded && !reported.has(loaded.path)) {
      reported.add(loaded.path);
      const shown = displayPath(loaded.path, cwd);
      for (const problem of loaded.problems) problems.push(`configuration ${shown}: ${problem}`);
    }
    if (loaded && isIgnored(loaded.config, relative(loaded.dir, candidate.absolutePath))) continue;
    const ruleSeverity = mergeRuleSettings(loaded?.config.rules ?? {}, options.ruleSeverity);
    const key = JSON.stringify(Object.entries(ruleSeverity).sort(([a], [b]) => a.localeCompare(b)));
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { candidates: [], ruleSeverity }));
    group.candidates.push(candidate);
  }
  return { groups: [...groups.values()], problems };
}

/** Results of several groups back in the order the files were collected. */
export function inCollectedOrder(files: FileResult[], candidates: readonly Candidate[]): FileResult[] {
  const position = new Map(candidates.map((candidate, index) => [candidate.displayPath, index]));
  return [...files].sort((a, b) => (position.get(a.path) ?? 0) - (position.get(b.path) ?? 0));
}

function displayPath(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return (shown.startsWith('..') ? path : shown).replace(/\\/g, '/');
}
