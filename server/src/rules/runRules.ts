/**
 * Runs every rule over a model and applies what the user configured: `# whfb-ignore` comments
 * (per entry, and `# whfb-ignore-file` for the whole file), per-rule severity overrides and `off`.
 * A finding that stands on a settings entry is linked to that entry's catalog path here, once for
 * every rule and the adapters' own findings (Finding.paths).
 */
import type { CatalogIndex } from '../catalog/index';
import type { Finding, OffsetRange, PolicyModel, PolicySetting } from '../model/types';
import type { SeverityName } from '../service/protocolTypes';
import { ALL_RULES } from './registry';

export interface RuleOptions {
  ruleSeverity: Record<string, SeverityName | 'off'>;
  log?: (message: string) => void;
  /** Checked between rules: a cancelled request stops early. */
  isCancelled?: () => boolean;
}

/** Entries that carry ignore comments, sorted by start, for a binary search by offset. */
interface IgnoreSpan { range: OffsetRange; codes: string[] }

function ignoreSpans(model: PolicyModel): IgnoreSpan[] {
  const spans: IgnoreSpan[] = [];
  for (const entry of model.settings) {
    if (entry.ignoredCodes.length > 0) spans.push({ range: entry.range, codes: entry.ignoredCodes });
  }
  for (const entry of model.groupPolicy) {
    if (entry.ignoredCodes.length > 0) spans.push({ range: entry.range, codes: entry.ignoredCodes });
  }
  return spans.sort((a, b) => a.range.start - b.range.start);
}

function isIgnored(spans: IgnoreSpan[], item: Finding): boolean {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid];
    if (item.range.start < span.range.start) high = mid - 1;
    else if (item.range.start > span.range.end) low = mid + 1;
    else return span.codes.includes(item.code);
  }
  return false;
}

/** The settings with a catalog node, sorted by start, for a binary search by offset. */
function resolvedSettings(model: PolicyModel): PolicySetting[] {
  return model.settings.filter((setting) => setting.node).sort((a, b) => a.range.start - b.range.start);
}

function settingAtOffset(settings: PolicySetting[], offset: number): PolicySetting | undefined {
  let low = 0;
  let high = settings.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const setting = settings[mid];
    if (offset < setting.range.start) high = mid - 1;
    else if (offset > setting.range.end) low = mid + 1;
    else return setting;
  }
  return undefined;
}

/** The finding with the path of the entry it stands on, unless its rule named the paths itself. */
function withPaths(settings: PolicySetting[], item: Finding): Finding {
  if (item.paths || settings.length === 0) return item;
  const node = settingAtOffset(settings, item.range.start)?.node;
  return node ? { ...item, paths: [node.path] } : item;
}

export function runRules(model: PolicyModel, catalog: CatalogIndex, options: RuleOptions): Finding[] | undefined {
  const all: Finding[] = [...model.findings];
  for (const rule of ALL_RULES) {
    if (options.ruleSeverity[rule.code] === 'off') continue;
    if (options.isCancelled?.()) return undefined;
    try {
      for (const item of rule.check(model, catalog)) all.push(item);
    } catch (error) {
      options.log?.(`Rule ${rule.code} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }
  const fileIgnored = new Set(model.ignoredCodes ?? []);
  const spans = ignoreSpans(model);
  const settings = resolvedSettings(model);
  const result: Finding[] = [];
  for (const found of all) {
    const override = options.ruleSeverity[found.code];
    if (override === 'off' || fileIgnored.has(found.code)) continue;
    if (spans.length > 0 && isIgnored(spans, found)) continue;
    const item = withPaths(settings, found);
    result.push(override ? { ...item, severity: override } : item);
  }
  return result;
}
