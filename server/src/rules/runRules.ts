/**
 * Runs every rule over a model and applies what the user configured: `# whfb-ignore` comments
 * (per entry, and `# whfb-ignore-file` for the whole file), per-rule severity overrides and `off`.
 * A finding that stands on a settings entry is linked to that entry's catalog path here, once for
 * every rule and the adapters' own findings (Finding.paths).
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogNode } from '../catalog/types';
import type { Finding, OffsetRange, PolicyModel, PolicySetting } from '../model/types';
import type { SeverityName } from '../../../shared/protocol';
import { ALL_RULES } from './registry';
import type { Rule } from './rule';
import { changedWindow, type ChangedWindow } from './changedWindow';

interface WholeModelRun { settings: readonly PolicySetting[]; facts: readonly unknown[]; findings: readonly Finding[] }

export interface RuleOptions {
  ruleSeverity: Record<string, SeverityName | 'off'>;
  log?: (message: string) => void;
  /** Checked between rules: a cancelled request stops early. */
  isCancelled?: () => boolean;
  /**
   * What the last run over the same document made, reused for what is unchanged (the editor keeps
   * one per open document; without it every run starts from nothing, as the CLI's do).
   */
  memo?: RuleMemo;
}

/**
 * One document's last run: the per-setting rules' findings by setting object, and the findings
 * made from a finding (paths, severity). Plain maps that each run replaces with what the current
 * version uses: weak maps keyed by short-lived findings kept every edit's garbage alive until a
 * full collection (V8 clears weak entries only then), which took the heap to 400 MB.
 */
export class RuleMemo {
  /** The settings judged last (the model's own array), the context they were judged in and, at the same positions, what was found about each. */
  settings: readonly PolicySetting[] = [];
  context = '';
  judged: (readonly Finding[])[] = [];
  /** Whole-model rules that say what they read (Rule.reads): their last findings and what they were judged on. */
  wholeModel = new Map<Rule, WholeModelRun>();
  paths = new Map<Finding, { node: CatalogNode; made: Finding }>();
  overrides = new Map<Finding, Finding>();
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
  const resolved = model.settings.filter((setting) => setting.node);
  // Adapters list settings in document order: sort only when one did not.
  for (let index = 1; index < resolved.length; index++) {
    if (resolved[index - 1].range.start > resolved[index].range.start) return resolved.sort((a, b) => a.range.start - b.range.start);
  }
  return resolved;
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

/** How far back from an offset the direct search looks for a setting with a node before it gives up. */
const MAX_WALK_BACK = 64;

/**
 * The setting with a catalog node whose entry holds an offset. Settings in document order whose
 * resolved entries do not overlap (every adapter's usual output) are searched in place; otherwise
 * (or when many unresolved entries sit in the way) through a filtered, sorted copy, built on
 * first need: copying 10,000 settings on every keystroke was garbage for nothing.
 */
class ResolvedSettingFinder {
  private readonly direct: boolean;
  private filtered: PolicySetting[] | undefined;

  constructor(private readonly model: PolicyModel) {
    this.direct = resolvedAreDisjointInOrder(model.settings);
  }

  at(offset: number): PolicySetting | undefined {
    if (this.direct) {
      const settings = this.model.settings;
      // The last setting starting at or before the offset; the resolved one nearest before it is
      // the only resolved entry that can hold the offset, as resolved entries do not overlap.
      let low = 0;
      let high = settings.length - 1;
      let last = -1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if (settings[mid].range.start <= offset) {
          last = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      for (let index = last; index >= 0 && index > last - MAX_WALK_BACK; index--) {
        const setting = settings[index];
        if (setting.node) return setting.range.end >= offset ? setting : undefined;
      }
      if (last < MAX_WALK_BACK) return undefined;
    }
    this.filtered ??= resolvedSettings(this.model);
    return settingAtOffset(this.filtered, offset);
  }
}

function resolvedAreDisjointInOrder(settings: readonly PolicySetting[]): boolean {
  let previousStart = -Infinity;
  let previousResolved: PolicySetting | undefined;
  for (const setting of settings) {
    const { start, end } = setting.range;
    if (start < previousStart) return false;
    previousStart = start;
    if (!setting.node) continue;
    if (end < start || (previousResolved && previousResolved.range.end >= start)) return false;
    previousResolved = setting;
  }
  return true;
}

/** The finding with the path of the entry it stands on, unless its rule named the paths itself. */
function withPaths(settings: ResolvedSettingFinder, item: Finding, made: Made | undefined): Finding {
  if (item.paths) return item;
  const node = settings.at(item.range.start)?.node;
  if (!node) return item;
  // The same finding on the same node gives the same object: a finding reused across versions
  // (per-setting rules, entries the incremental parse kept) keeps what was made from it downstream.
  const known = made?.lastPaths.get(item);
  let result: Finding;
  if (known && known.node === node) {
    result = known.made;
  } else {
    // A rule that cites the CSP reference links the node's own section of it, not the top of the page (issue 12 point 10).
    const href = item.href && CSP_REFERENCE.test(item.href) && node.referenceUrl ? node.referenceUrl : item.href;
    result = { ...item, paths: [node.path], ...(href ? { href } : {}) };
  }
  made?.paths.set(item, { node, made: result });
  return result;
}

const CSP_REFERENCE = /\/client-management\/mdm\//;

/** The per-setting rules' findings about one setting, and the model context they were judged in. */

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

const PER_SETTING_RULES = ALL_RULES.filter((rule) => rule.settingContext);

/**
 * The per-setting rules' findings, setting by setting, checking only the settings not judged
 * before in the same context. Undefined when the settings are not in order and apart (a finding
 * could not be told to its setting), or a finding stands outside every setting: the caller then
 * runs those rules over the whole model, as the other rules are.
 *
 * The incremental parse keeps the objects of the entries an edit did not touch, in order, so the
 * settings judged before are found by comparing the two arrays from both ends (pointer
 * comparisons): a map from every setting to its findings, rebuilt per edit, cost a 10,000-setting
 * file about as much as all the rules it spared (issue 16).
 */
function perSettingFindings(model: PolicyModel, catalog: CatalogIndex, options: RuleOptions, memo: RuleMemo): (readonly Finding[])[] | undefined {
  if (PER_SETTING_RULES.length === 0 || !inOrderAndApart(model.settings)) return undefined;
  const settings = model.settings;
  const context = PER_SETTING_RULES.map((rule) => rule.settingContext!(model)).join('\u0001');
  const before = memo.settings;
  const judgedBefore = memo.judged;
  // Kept: [0, head) and the last `tail` settings, the same objects judged in the same context.
  const { head, tail } = memo.context === context ? changedWindow(before, settings) : { head: 0, tail: 0 };
  const freshEnd = settings.length - tail;
  const judged = new Array<readonly Finding[]>(settings.length);
  for (let index = 0; index < head; index++) judged[index] = judgedBefore[index];
  for (let index = 0; index < tail; index++) judged[settings.length - 1 - index] = judgedBefore[before.length - 1 - index];
  let complete = true;
  if (head < freshEnd) {
    const fresh = head === 0 && freshEnd === settings.length ? settings : settings.slice(head, freshEnd);
    const subject: PolicyModel = fresh === settings ? model : { ...model, settings: fresh };
    const found = new Map<PolicySetting, Finding[]>();
    for (const rule of PER_SETTING_RULES) {
      let list: Finding[];
      try {
        list = rule.check(subject, catalog);
      } catch (error) {
        options.log?.(`Rule ${rule.code} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        complete = false;
        continue;
      }
      for (const item of list) {
        const setting = settingHolding(fresh, item.range.start, item.range.end);
        if (!setting) return undefined;
        const own = found.get(setting);
        if (own) own.push(item);
        else found.set(setting, [item]);
      }
    }
    for (let index = head; index < freshEnd; index++) judged[index] = found.get(settings[index]) ?? NO_FINDINGS;
  }
  // A rule that failed is not remembered as having found nothing: the next run judges everything again.
  memo.settings = complete ? settings : [];
  memo.context = context;
  memo.judged = complete ? judged : [];
  // Only the settings with findings, in order: most have none.
  const lists: (readonly Finding[])[] = [];
  for (let index = 0; index < judged.length; index++) {
    const findings = judged[index];
    if (findings.length > 0) lists.push(findings);
  }
  return lists;
}

function inOrderAndApart(settings: readonly PolicySetting[]): boolean {
  for (let index = 1; index < settings.length; index++) {
    if (settings[index].range.start <= settings[index - 1].range.end) return false;
  }
  return true;
}

/** The setting (of settings in order and apart) whose entry holds the range. */
function settingHolding(settings: readonly PolicySetting[], start: number, end: number): PolicySetting | undefined {
  let low = 0;
  let high = settings.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const setting = settings[mid];
    if (start < setting.range.start) high = mid - 1;
    else if (start > setting.range.end) low = mid + 1;
    else return end <= setting.range.end ? setting : undefined;
  }
  return undefined;
}

export function runRules(model: PolicyModel, catalog: CatalogIndex, options: RuleOptions): Finding[] | undefined {
  const all: Finding[] = [...model.findings];
  const memo = options.memo;
  const perSetting = memo ? perSettingFindings(model, catalog, options, memo) : undefined;
  const windows = new Map<readonly PolicySetting[], ChangedWindow>();
  for (const rule of ALL_RULES) {
    if (options.ruleSeverity[rule.code] === 'off') continue;
    if (options.isCancelled?.()) return undefined;
    if (perSetting && rule.settingContext) {
      for (let index = 0; index < perSetting.length; index++) {
        const list = perSetting[index];
        for (let at = 0; at < list.length; at++) if (list[at].code === rule.code) all.push(list[at]);
      }
      continue;
    }
    try {
      const reused = memo && rule.reads ? reusedFindings(rule, model, memo, windows) : undefined;
      const list = reused ?? rule.check(model, catalog);
      for (const item of list) all.push(item);
      if (memo && rule.reads && !reused) memo.wholeModel.set(rule, { settings: model.settings, facts: rule.reads.model(model), findings: list });
    } catch (error) {
      memo?.wholeModel.delete(rule);
      options.log?.(`Rule ${rule.code} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }
  const fileIgnored = new Set(model.ignoredCodes ?? []);
  const spans = ignoreSpans(model);
  const settings = new ResolvedSettingFinder(model);
  const made: Made | undefined = memo ? { lastPaths: memo.paths, paths: new Map(), lastOverrides: memo.overrides, overrides: new Map() } : undefined;
  const result: Finding[] = [];
  for (const found of all) {
    const override = options.ruleSeverity[found.code];
    if (override === 'off' || fileIgnored.has(found.code)) continue;
    if (spans.length > 0 && isIgnored(spans, found)) continue;
    const item = withPaths(settings, found, made);
    result.push(override ? overridden(item, override, made) : item);
  }
  if (memo && made) {
    memo.paths = made.paths;
    memo.overrides = made.overrides;
  }
  return result;
}

/** The rule's last findings, when nothing it reads changed since; otherwise undefined (it runs). */
function reusedFindings(rule: Rule, model: PolicyModel, memo: RuleMemo, windows: Map<readonly PolicySetting[], ChangedWindow>): readonly Finding[] | undefined {
  const last = memo.wholeModel.get(rule);
  const reads = rule.reads!;
  if (!last || !sameFacts(last.facts, reads.model(model))) return undefined;
  const settings = model.settings;
  let window = windows.get(last.settings);
  if (!window) {
    window = changedWindow(last.settings, settings);
    windows.set(last.settings, window);
  }
  for (let index = window.head; index < last.settings.length - window.tail; index++) if (reads.setting(last.settings[index])) return undefined;
  for (let index = window.head; index < settings.length - window.tail; index++) if (reads.setting(settings[index])) return undefined;
  // Still the findings about these settings: judged on an array the next edit will compare with.
  last.settings = settings;
  return last.findings;
}

function sameFacts(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) {
    const left = a[index];
    const right = b[index];
    if (left === right) continue;
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    for (let at = 0; at < left.length; at++) if (left[at] !== right[at]) return false;
  }
  return true;
}

/** What this run made from each finding, and what the last run made (read for the same finding). */
interface Made {
  lastPaths: Map<Finding, { node: CatalogNode; made: Finding }>;
  paths: Map<Finding, { node: CatalogNode; made: Finding }>;
  lastOverrides: Map<Finding, Finding>;
  overrides: Map<Finding, Finding>;
}

/** The finding with the user's severity; the same object for the same finding, so what is made from it downstream can be reused. */
function overridden(item: Finding, severity: SeverityName, made: Made | undefined): Finding {
  const known = made?.lastOverrides.get(item);
  const result = known && known.severity === severity ? known : { ...item, severity };
  made?.overrides.set(item, result);
  return result;
}
