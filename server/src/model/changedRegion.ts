/**
 * Where two versions of a text differ: the common prefix and suffix (the suffix never overlaps
 * the prefix). An edit's next version is compared with its last one by the incremental parse
 * (formats/policyYamlParse.ts) and the line-start table (lineStarts.ts), so both work on the
 * changed part only.
 */

/** Strings compared a slice at a time (a native comparison) before the last characters one by one: a 1 MB document costs well under a millisecond. */
const CHUNK = 2048;

export interface ChangedRegion {
  /** Where the two texts start to differ (the length of the common prefix). */
  start: number;
  /** Where the common suffix starts in the old text. */
  oldEnd: number;
  /** Where the common suffix starts in the new text. */
  newEnd: number;
}

export function changedRegion(before: string, after: string): ChangedRegion {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start + CHUNK <= limit && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
  const maxSuffix = limit - start;
  let suffix = 0;
  while (suffix + CHUNK <= maxSuffix
    && before.slice(before.length - suffix - CHUNK, before.length - suffix) === after.slice(after.length - suffix - CHUNK, after.length - suffix)) {
    suffix += CHUNK;
  }
  while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix += 1;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}
