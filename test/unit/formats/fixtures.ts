/** Shared helpers of the format adapter tests: fixtures on disk and offset -> line/character. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCatalog } from '../../../server/src/catalog/catalog';
import type { DetectInput } from '../../../server/src/formats/adapter';
import type { OffsetRange, PolicyModel } from '../../../server/src/model/types';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');
export const catalog = getCatalog();

export function fixture(relativePath: string, languageId?: string): DetectInput {
  const path = join(FIXTURES, relativePath);
  return { uri: `file://${path}`, languageId, text: readFileSync(path, 'utf8') };
}

/** Zero-based line and character of an offset, as the editor shows them (minus one). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function textAt(text: string, range: OffsetRange): string {
  return text.slice(range.start, range.end);
}

/** The setting whose OMA-URI or settingDefinitionId ends with `suffix` (case-insensitive). */
export function settingEndingWith(model: PolicyModel, suffix: string) {
  const wanted = suffix.toLowerCase();
  const found = model.settings.find((setting) => (setting.omaUri ?? setting.settingDefinitionId)?.value.toLowerCase().endsWith(wanted));
  if (!found) throw new Error(`no setting ending with ${suffix}`);
  return found;
}
