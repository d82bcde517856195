/**
 * Moves model pieces by `delta` characters when an edit before them changed the text's length:
 * every offset at or after `from` moves. Pieces are copied, never mutated: the previous version's
 * model may still be in use by a request that started before the edit.
 */
import type { Finding, GroupPolicyEntry, Located, OffsetRange, PolicySetting } from '../model/types';

/**
 * A shallow copy that shares its hidden class with its siblings. V8 gives a `{ ...object }` copy of
 * an object with properties added after its creation (a setting, a finding) a hidden class of its
 * own: shifting 5,000 entries per keystroke then made 5,000 new shapes, megabytes of garbage.
 */
function copy<T extends object>(value: T): T {
  return Object.assign({}, value);
}

export function shiftRange(range: OffsetRange, from: number, delta: number): OffsetRange {
  return {
    start: range.start >= from ? range.start + delta : range.start,
    end: range.end >= from ? range.end + delta : range.end,
  };
}

export function shiftLocated<T extends Located<unknown>>(located: T, from: number, delta: number): T {
  const moved = copy(located);
  moved.range = shiftRange(located.range, from, delta);
  if (located.keyRange) moved.keyRange = shiftRange(located.keyRange, from, delta);
  return moved;
}

export function shiftSetting(setting: PolicySetting, from: number, delta: number, indexShift = 0): PolicySetting {
  const moved = copy(setting);
  moved.index = setting.index + indexShift;
  moved.range = shiftRange(setting.range, from, delta);
  if (setting.omaUri) moved.omaUri = shiftLocated(setting.omaUri, from, delta);
  if (setting.settingDefinitionId) moved.settingDefinitionId = shiftLocated(setting.settingDefinitionId, from, delta);
  if (setting.type) moved.type = shiftLocated(setting.type, from, delta);
  if (setting.value) moved.value = shiftLocated(setting.value, from, delta);
  if (setting.name) moved.name = shiftLocated(setting.name, from, delta);
  return moved;
}

export function shiftGroupPolicyEntry(entry: GroupPolicyEntry, from: number, delta: number): GroupPolicyEntry {
  const moved = copy(entry);
  moved.range = shiftRange(entry.range, from, delta);
  moved.policy = shiftLocated(entry.policy, from, delta);
  if (entry.scope) moved.scope = shiftLocated(entry.scope, from, delta);
  if (entry.state) moved.state = shiftLocated(entry.state, from, delta);
  return moved;
}

export function shiftFinding(item: Finding, from: number, delta: number): Finding {
  const moved = copy(item);
  moved.range = shiftRange(item.range, from, delta);
  if (item.related) moved.related = item.related.map((related) => Object.assign(copy(related), { range: shiftRange(related.range, from, delta) }));
  if (item.data) {
    moved.data = item.data.fix === 'replace'
      ? Object.assign(copy(item.data), { replacements: item.data.replacements.map((r) => Object.assign(copy(r), { range: shiftRange(r.range, from, delta) })) })
      : Object.assign(copy(item.data), { at: item.data.at >= from ? item.data.at + delta : item.data.at });
  }
  return moved;
}
