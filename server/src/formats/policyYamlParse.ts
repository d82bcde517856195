/**
 * Parses a policy file into the PolicyModel, fast enough for 10,000 settings while typing.
 *
 * The `settings:` list is split into entries by its `-` lines (policyYamlLayout.ts); entries are
 * parsed in groups and schema-checked one by one, and the rest of the document (the "skeleton",
 * with the entries cut out) is read once, by a plain reader for the usual shape (policyYamlFastSkeleton.ts)
 * or else the `yaml` package. On the next version of the same document, when the
 * edit lies inside the settings entries, only the entries it touched are re-parsed, each on its
 * own; the others are reused with their offsets shifted. Anything else (an edit elsewhere, anchors
 * that entries could share, a flow-style list) takes the full path. Both paths build identical models.
 */
import * as l10n from '@vscode/l10n';
import type { Document, Node } from 'yaml';
import { isNode, isSeq, parseDocument } from './yamlLibrary';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { finding } from '../model/findings';
import type { Finding, OffsetRange, PolicyModel, PolicySetting } from '../model/types';
import { MAX_ALIAS_COUNT, isAliasBombError, shiftBy, type OffsetMap } from './policyYamlAst';
import { buildSetting, buildTop, type PolicyTop } from './policyYamlBuild';
import { excessiveNesting, fileIgnoredCodes, findSettingsBlock, lineAt, MAX_NESTING, splitEntries, type SettingsBlockLayout } from './policyYamlLayout';
import { lineSpanAt } from '../model/lineStarts';
import { changedRegion } from '../model/changedRegion';
import { checkDocumentShape, checkSettingsEntryShape } from './policyYamlSchema';
import { readPlainEntry } from './policyYamlFastEntry';
import { readPlainSkeleton } from './policyYamlFastSkeleton';
import { shiftFinding, shiftGroupPolicyEntry, shiftLocated, shiftRange, shiftSetting } from './policyYamlShift';

export interface EntryResult {
  start: number;
  end: number;
  setting?: PolicySetting;
  findings: readonly Finding[];
}

/** Shared by the entries without findings (nearly all of them): one array instead of 10,000. */
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** What a split parse remembers for the next version. */
interface SplitState {
  /** Where the entries are; each entry's start is in `entries`. */
  layout: BlockBounds;
  entries: EntryResult[];
  top: PolicyTop;
  topFindings: Finding[];
  fileIgnored: string[];
}

type BlockBounds = Omit<SettingsBlockLayout, 'entryStarts'>;

const splitStates = new WeakMap<PolicyModel, SplitState>();

const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false } as const;

/** An anchor (`&name`) lets one entry depend on another: such files are parsed whole. */
const ANCHOR = /(?:^|[\s[{,:])&[^\s[\]{},]+/m;

/** `plainSkeleton: false` parses the skeleton with the `yaml` package even when the plain reader could read it (for the test that compares both). */
export interface ParseOptions {
  plainSkeleton?: boolean;
}

export function parsePolicyYaml(text: string, catalog: CatalogIndex, previous?: PolicyModel, options?: ParseOptions): PolicyModel {
  try {
    if (previous && previous.format === 'whfb-yaml') {
      const incremental = tryIncremental(text, catalog, previous);
      if (incremental) return incremental;
    }
    const deep = excessiveNesting(text);
    if (deep !== undefined) return modelOf(text, [tooDeepFinding(text, deep)], []);
    return parseFull(text, catalog, options?.plainSkeleton ?? true);
  } catch (error) {
    return modelOf(text, [unsupportedInputFinding(text, error)], []);
  }
}

function tooDeepFinding(text: string, at: number): Finding {
  const line = lineSpanAt(text, at);
  return finding('WHFB003', { start: line.start, end: line.end },
    l10n.t('The file nests more than {0} levels deep here and is not checked. A policy file needs only a few levels: whfb, deployment, settings and groupPolicy.', MAX_NESTING));
}

function unsupportedInputFinding(text: string, error: unknown): Finding {
  const firstLine = lineAt(text, 0);
  const range = { start: 0, end: firstLine.end };
  if (isAliasBombError(error)) {
    return finding('WHFB003', range, l10n.t('The file expands YAML aliases more than {0} times (an alias bomb) and is not checked. Write the values out instead of using aliases.', MAX_ALIAS_COUNT));
  }
  if (error instanceof RangeError) {
    return finding('WHFB003', range, l10n.t('The file is nested too deeply to check. A policy file needs only a few levels: whfb, deployment, settings and groupPolicy.'));
  }
  return finding('WHFB003', range, l10n.t('The file could not be checked ({0}).', error instanceof Error ? error.message : String(error)));
}

function modelOf(text: string, findings: Finding[], settings: PolicySetting[], top?: PolicyTop, fileIgnored?: string[]): PolicyModel {
  // Every OMA-URI of our policy file is meant for the catalog, and our tools fill in {TenantId} from tenantId.
  const model: PolicyModel = { format: 'whfb-yaml', text, settings, groupPolicy: top?.groupPolicy ?? [], findings, onlyWhfbSettings: true, substitutesTenantId: true };
  if (top?.formatVersion) model.formatVersion = top.formatVersion;
  if (top?.name) model.name = top.name;
  if (top?.tenantId) model.tenantId = top.tenantId;
  if (top?.deployment) model.deployment = top.deployment;
  if (top?.settingsKey) model.settingsKey = top.settingsKey;
  if (fileIgnored && fileIgnored.length > 0) model.ignoredCodes = fileIgnored;
  return model;
}

function syntaxFindings(doc: Document, map: OffsetMap): Finding[] {
  return doc.errors.map((error) => {
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return finding('WHFB001', { start: map(error.pos[0]), end: map(Math.max(error.pos[0], error.pos[1])) }, l10n.t('YAML syntax error: {0}.', message));
  });
}

/** The first content line of the document: where findings about the whole file stand. */
function firstContentLine(text: string, from = 0): OffsetRange {
  let at = from;
  while (at < text.length) {
    const line = lineAt(text, at);
    if (line.kind !== 'blank' && line.kind !== 'comment') return { start: line.start + line.indent, end: line.end };
    at = line.next;
  }
  return { start: 0, end: 0 };
}

function isEmptyDocument(doc: Document): boolean {
  const contents = doc.contents as { value?: unknown } | null;
  return contents === null || (contents !== undefined && !isSeq(contents) && 'value' in contents && (contents.value === null || contents.value === ''));
}

const emptyFileMessage = (): string =>
  l10n.t('This policy file is empty. A policy file needs "whfb: 1", a "deployment:" block (model, trust, management) and a "settings:" list of omaUri/type/value entries; see the examples folder.');

function parseFull(text: string, catalog: CatalogIndex, plainSkeleton: boolean): PolicyModel {
  const layout = ANCHOR.test(text) ? undefined : findSettingsBlock(text);
  if (!layout) return parseWhole(text, catalog);

  const { top, topFindings } = parseSkeleton(text, layout, plainSkeleton);
  const { entryStarts, ...bounds } = layout;
  const entries = parseEntries(text, entryStarts, layout.entriesEnd, layout.listIndent, 0, catalog);
  return remember(text, { layout: bounds, entries, top, topFindings, fileIgnored: fileIgnoredCodes(text) });
}

/**
 * The document without its settings entries: read plainly when it has the usual shape
 * (policyYamlFastSkeleton.ts), else parsed once with the `yaml` package.
 */
export function parseSkeleton(text: string, layout: SettingsBlockLayout, plainReader = true): { top: PolicyTop; topFindings: Finding[] } {
  const plain = plainReader ? readPlainSkeleton(text, layout) : undefined;
  if (plain) return { top: plain, topFindings: [] };
  const cut = layout.entriesEnd - layout.entriesStart;
  const skeleton = text.slice(0, layout.entriesStart) + text.slice(layout.entriesEnd);
  const map: OffsetMap = (offset) => (offset < layout.entriesStart ? offset : offset + cut);
  const doc = parseDocument(skeleton, PARSE_OPTIONS);
  const topFindings = syntaxFindings(doc, map);
  const top = buildTop(doc, text, map);
  if (topFindings.length === 0) {
    topFindings.push(...checkDocumentShape(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), doc.contents, map, firstContentLine(text), true));
  }
  return { top, topFindings };
}

function remember(text: string, state: SplitState): PolicyModel {
  const { entries } = state;
  // Sized up front: a list grown one push at a time allocates about three times its size, per version.
  let settingCount = 0;
  for (let index = 0; index < entries.length; index++) if (entries[index].setting) settingCount += 1;
  const settings = new Array<PolicySetting>(settingCount);
  const findings: Finding[] = [...state.topFindings];
  let at = 0;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (entry.setting) settings[at++] = entry.setting;
    // An index loop: a `for...of` here allocated an iterator per entry (10,000 per open) until the code was optimized.
    const entryFindings = entry.findings;
    for (let item = 0; item < entryFindings.length; item++) findings.push(entryFindings[item]);
  }
  const model = modelOf(text, findings, settings, state.top, state.fileIgnored);
  splitStates.set(model, state);
  return model;
}

/** The line `offset` is on, from its indentation to its end (a table lookup: one-line flow YAML has every entry on it). */
function entryFallbackRange(text: string, offset: number): OffsetRange {
  const line = lineSpanAt(text, offset);
  let at = line.start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : line.start;
  const contentFrom = at;
  while (at < line.end && text.charCodeAt(at) === 32) at += 1;
  return { start: line.start + (at - contentFrom), end: line.end };
}

/**
 * Entries parsed together, in one YAML parse: a parse has a fixed cost that, paid once per entry,
 * made most of a first parse of small files. Groups stay small, so a 10,000-setting file never
 * holds its whole syntax tree in memory at once.
 */
const ENTRIES_PER_PARSE = 128;

/**
 * Parses the entries starting at `starts` (the last ends at `end`); `firstIndex` is the first one's
 * index in the list. Entries of the usual plain shape are read without the YAML parser
 * (policyYamlFastEntry.ts); each run of the others is parsed with it, in groups.
 */
function parseEntries(text: string, starts: readonly number[], end: number, listIndent: number, firstIndex: number, catalog: CatalogIndex): EntryResult[] {
  const entryEnd = (at: number): number => (at + 1 < starts.length ? starts[at + 1] : end);
  const results = new Array<EntryResult>(starts.length);
  let runStart = -1;
  const flushRun = (runEnd: number) => {
    if (runStart < 0) return;
    const parsed = parseWithYaml(text, starts.slice(runStart, runEnd), entryEnd(runEnd - 1), firstIndex + runStart, catalog);
    for (let at = 0; at < parsed.length; at++) results[runStart + at] = parsed[at];
    runStart = -1;
  };
  for (let at = 0; at < starts.length; at++) {
    const setting = readPlainEntry(text, starts[at], entryEnd(at), listIndent, firstIndex + at, catalog);
    if (setting) {
      flushRun(at);
      results[at] = { start: starts[at], end: entryEnd(at), setting, findings: NO_FINDINGS };
    } else if (runStart < 0) {
      runStart = at;
    }
  }
  flushRun(starts.length);
  return results;
}

/** Entries parsed with the `yaml` package, in groups of ENTRIES_PER_PARSE where that builds what parsing each alone builds. */
function parseWithYaml(text: string, starts: readonly number[], end: number, firstIndex: number, catalog: CatalogIndex): EntryResult[] {
  const entryEnd = (at: number): number => (at + 1 < starts.length ? starts[at + 1] : end);
  const results: EntryResult[] = [];
  for (let from = 0; from < starts.length; from += ENTRIES_PER_PARSE) {
    const group = starts.slice(from, from + ENTRIES_PER_PARSE);
    const groupEnd = entryEnd(from + group.length - 1);
    const together = group.length > 1 ? parseTogether(text, group, groupEnd, firstIndex + from, catalog) : undefined;
    if (together) {
      results.push(...together);
      continue;
    }
    group.forEach((start, offset) => results.push(parseEntry(text, start, entryEnd(from + offset), firstIndex + from + offset, catalog)));
  }
  return results;
}

/**
 * A group of entries as one YAML list. It must build exactly what parsing each entry on its own
 * builds (the incremental path does that after an edit), so it is used only when that is sure:
 * no syntax error (an error's extent and message could differ), and each list item lies inside its
 * entry's text. Otherwise undefined: the entries are parsed one by one.
 */
function parseTogether(text: string, starts: readonly number[], end: number, firstIndex: number, catalog: CatalogIndex): EntryResult[] | undefined {
  const from = starts[0];
  const doc = parseDocument(text.slice(from, end), PARSE_OPTIONS);
  const list = doc.contents;
  if (doc.errors.length > 0 || !isSeq(list) || list.items.length !== starts.length) return undefined;
  const entryEnd = (at: number): number => (at + 1 < starts.length ? starts[at + 1] : end);
  const items = list.items as unknown[];
  for (let at = 0; at < items.length; at++) {
    // The item starts after its entry's "-" and ends within the entry.
    const range = isNode(items[at]) ? (items[at] as Node).range : undefined;
    if (!range || from + range[0] <= starts[at] || from + range[1] > entryEnd(at)) return undefined;
  }
  const map = shiftBy(from);
  const values = list.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) as unknown[];
  return items.map((item, at) => {
    const setting = buildSetting(item, doc, text, map, firstIndex + at, catalog);
    const findings = checkSettingsEntryShape(values[at] ?? null, item as Node, map, entryFallbackRange(text, starts[at]));
    return { start: starts[at], end: entryEnd(at), setting, findings: findings.length > 0 ? findings : NO_FINDINGS };
  });
}

/** One entry parsed alone with the `yaml` package (exported for the test that compares it with the plain-entry reader). */
export function parseEntry(text: string, start: number, end: number, index: number, catalog: CatalogIndex): EntryResult {
  const doc = parseDocument(text.slice(start, end), PARSE_OPTIONS);
  const map = shiftBy(start);
  const findings = syntaxFindings(doc, map);
  const contents = doc.contents;
  const item = isSeq(contents) ? (contents.items[0] as Node | undefined) : undefined;
  const setting = buildSetting(item, doc, text, map, index, catalog);
  if (findings.length === 0) {
    const value: unknown = isNode(item) ? item.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) : null;
    findings.push(...checkSettingsEntryShape(value, item ?? null, map, entryFallbackRange(text, start)));
  }
  return { start, end, setting, findings: findings.length > 0 ? findings : NO_FINDINGS };
}

/** Parses the document in one go: files without a recognisable block `settings:` list, or with anchors. */
function parseWhole(text: string, catalog: CatalogIndex): PolicyModel {
  const doc = parseDocument(text, PARSE_OPTIONS);
  const identity: OffsetMap = (offset) => offset;
  const findings = syntaxFindings(doc, identity);
  if (findings.length === 0 && isEmptyDocument(doc)) {
    return modelOf(text, [finding('WHFB002', { start: 0, end: 0 }, emptyFileMessage())], []);
  }
  const top = buildTop(doc, text, identity);
  const settings: PolicySetting[] = [];
  const items = top.settingsNode && isSeq(top.settingsNode) ? top.settingsNode.items : [];
  if (findings.length === 0) {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    findings.push(...checkDocumentShape(value, doc.contents, identity, firstContentLine(text), Array.isArray((value as { settings?: unknown } | null)?.settings)));
  }
  items.forEach((item, index) => {
    const setting = buildSetting(item, doc, text, identity, index, catalog);
    if (setting) settings.push(setting);
    if (doc.errors.length === 0 && isNode(item)) {
      const start = item.range?.[0] ?? 0;
      findings.push(...checkSettingsEntryShape(item.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }), item, identity, entryFallbackRange(text, start)));
    }
  });
  return modelOf(text, findings, settings, top, fileIgnoredCodes(text));
}

function tryIncremental(text: string, catalog: CatalogIndex, previous: PolicyModel): PolicyModel | undefined {
  const state = splitStates.get(previous);
  if (!state) return undefined;
  if (previous.text === text) return previous;
  const { layout } = state;
  const change = changedRegion(previous.text, text);
  if (change.start < layout.entriesStart || change.oldEnd > layout.entriesEnd) return undefined;
  const delta = text.length - previous.text.length;

  // Entries whose text touches the change, plus the one after (its ignore comments sit in the entry above).
  const entries = state.entries;
  const first = firstEntryEndingAtOrAfter(entries, change.start);
  let last = first;
  while (last + 1 < entries.length && entries[last + 1].start <= change.oldEnd) last += 1;
  if (last + 1 < entries.length) last += 1;

  const regionStart = entries[first].start;
  const oldRegionEnd = entries[last].end;
  const newRegionEnd = oldRegionEnd + delta;
  const final = oldRegionEnd === layout.entriesEnd;
  if (ANCHOR.test(text.slice(regionStart, newRegionEnd))) return undefined;
  if (excessiveNesting(text, regionStart, newRegionEnd) !== undefined) return undefined;
  const split = splitEntries(text, regionStart, newRegionEnd, layout.listIndent, final ? 'final-region' : 'region');
  if (!split) return undefined;

  // Each entry on its own: an edit touches one or two, and the incremental tests then check that
  // a first parse (entries in groups) builds what entries parsed alone build.
  const reparsed = split.starts.map((start, offset) => {
    const end = offset + 1 < split.starts.length ? split.starts[offset + 1] : newRegionEnd;
    const setting = readPlainEntry(text, start, end, layout.listIndent, first + offset, catalog);
    return setting ? { start, end, setting, findings: NO_FINDINGS } : parseEntry(text, start, end, first + offset, catalog);
  });
  const indexShift = reparsed.length - (last - first + 1);
  // One array, filled in place: a 10,000-entry document would otherwise copy its entries several
  // times per keystroke, and each copy outlives the edit long enough to reach the old generation.
  const nextEntries = new Array<EntryResult>(entries.length + indexShift);
  let at = 0;
  for (let index = 0; index < first; index++) nextEntries[at++] = entries[index];
  for (const entry of reparsed) nextEntries[at++] = entry;
  for (let index = last + 1; index < entries.length; index++) nextEntries[at++] = shiftEntry(entries[index], delta, indexShift);

  const from = layout.entriesEnd;
  return remember(text, {
    layout: { entriesStart: layout.entriesStart, entriesEnd: layout.entriesEnd + delta, listIndent: layout.listIndent },
    entries: nextEntries,
    top: delta === 0 ? state.top : shiftTop(state.top, from, delta),
    topFindings: delta === 0 ? state.topFindings : state.topFindings.map((item) => shiftFinding(item, from, delta)),
    fileIgnored: state.fileIgnored,
  });
}

/** Index of the first entry whose end is at or after `offset` (entries are in order). */
function firstEntryEndingAtOrAfter(entries: readonly EntryResult[], offset: number): number {
  let low = 0;
  let high = entries.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entries[mid].end < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

function shiftEntry(entry: EntryResult, delta: number, indexShift: number): EntryResult {
  if (delta === 0 && indexShift === 0) return entry;
  return {
    start: entry.start + delta,
    end: entry.end + delta,
    setting: entry.setting ? shiftSetting(entry.setting, 0, delta, indexShift) : undefined,
    findings: entry.findings.length > 0 ? entry.findings.map((item) => shiftFinding(item, 0, delta)) : NO_FINDINGS,
  };
}

/** Moves the parts of the skeleton that lie after the settings block. */
function shiftTop(top: PolicyTop, from: number, delta: number): PolicyTop {
  const shifted: PolicyTop = { groupPolicy: top.groupPolicy.map((entry) => shiftGroupPolicyEntry(entry, from, delta)) };
  if (top.formatVersion) shifted.formatVersion = shiftLocated(top.formatVersion, from, delta);
  if (top.name) shifted.name = shiftLocated(top.name, from, delta);
  if (top.tenantId) shifted.tenantId = shiftLocated(top.tenantId, from, delta);
  if (top.settingsKey) shifted.settingsKey = shiftRange(top.settingsKey, from, delta);
  if (top.deployment) {
    const deployment = Object.assign({}, top.deployment);
    deployment.range = shiftRange(top.deployment.range, from, delta);
    for (const key of ['model', 'trust', 'join', 'authentication', 'management', 'minimumOsBuild'] as const) {
      const located = top.deployment[key];
      if (located) deployment[key] = shiftLocated(located, from, delta);
    }
    shifted.deployment = deployment;
  }
  return shifted;
}
