/**
 * What changed between two versions' settings: the settings before `head` and the last `tail` are
 * the same objects in both. The incremental parse keeps the objects of the entries an edit did not
 * touch; an edit that changes the text's length moves, so replaces, every entry after it.
 */
import type { PolicySetting } from '../model/types';

export interface ChangedWindow { head: number; tail: number }

export function changedWindow(before: readonly PolicySetting[], after: readonly PolicySetting[]): ChangedWindow {
  const most = Math.min(before.length, after.length);
  let head = 0;
  while (head < most && before[head] === after[head]) head += 1;
  let tail = 0;
  while (tail < most - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail += 1;
  return { head, tail };
}
