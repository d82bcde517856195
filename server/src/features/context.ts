/** What every feature gets: the parsed document of this version and the catalog. */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { OffsetRange, PolicyModel, PolicySetting } from '../model/types';
import type { ParsedDocument } from '../formats/parsedDocument';

export interface FeatureContext {
  entry: ParsedDocument;
  catalog: CatalogIndex;
}

export function contains(range: OffsetRange | undefined, offset: number): range is OffsetRange {
  return range !== undefined && offset >= range.start && offset <= range.end;
}

/**
 * The setting whose entry contains `offset`. Policy-file entries are in order and disjoint (binary
 * search); other formats may nest settings, so the innermost one wins there.
 */
export function settingAt(model: PolicyModel, offset: number): PolicySetting | undefined {
  const settings = model.settings;
  if (model.format === 'whfb-yaml') {
    let low = 0;
    let high = settings.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const range = settings[mid].range;
      if (offset < range.start) high = mid - 1;
      else if (offset > range.end) low = mid + 1;
      else return settings[mid];
    }
    return undefined;
  }
  let best: PolicySetting | undefined;
  for (const setting of settings) {
    if (!contains(setting.range, offset)) continue;
    if (!best || setting.range.end - setting.range.start < best.range.end - best.range.start) best = setting;
  }
  return best;
}

/** The OMA-URI-like token around `offset` (text starting with "./" or "/Vendor" up to whitespace or a quote). */
export function omaUriTokenAt(text: string, offset: number): OffsetRange | undefined {
  const stop = /[\s"'`<>,;|()[\]{}]/;
  let start = offset;
  // Walk back over the token; braces are allowed inside ({TenantId}).
  while (start > 0 && (!stop.test(text[start - 1]) || text[start - 1] === '{' || text[start - 1] === '}')) start -= 1;
  let end = offset;
  while (end < text.length && (!stop.test(text[end]) || text[end] === '{' || text[end] === '}')) end += 1;
  const token = text.slice(start, end);
  const root = token.search(/\.\/(Device|User|Vendor)\b|\.\/$|\.\/[A-Za-z]*$/i);
  // The OMA-URI must begin at or before the cursor: "11d./Device/..." hovered on "11d" is not on it
  // (robustness fuzzing found hover ranges that did not contain the hovered position).
  if (root < 0 || start + root > offset) return undefined;
  return { start: start + root, end };
}
