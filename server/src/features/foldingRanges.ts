/** Folding: the deployment block, the settings list, and each entry of more than one line. */
import type { OffsetRange, PolicyModel } from '../model/types';
import type { LineIndex } from '../model/lineIndex';
import type { FoldingRange } from '../lsp/protocolTypes';

export function foldingRangesFor(model: PolicyModel, lines: LineIndex): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const add = (range: OffsetRange | undefined) => {
    if (!range) return;
    const startLine = lines.lineOf(range.start);
    const endLine = lines.lineOf(Math.max(range.start, range.end - 1));
    if (endLine > startLine) ranges.push({ startLine, endLine });
  };
  if (model.deployment) add(model.deployment.range);
  const last = model.settings[model.settings.length - 1];
  if (model.settingsKey && last) add({ start: model.settingsKey.start, end: last.range.end });
  for (const setting of model.settings) add(setting.range);
  const lastPolicy = model.groupPolicy[model.groupPolicy.length - 1];
  if (lastPolicy) add({ start: lines.lineStart(Math.max(0, lines.lineOf(model.groupPolicy[0].range.start) - 1)), end: lastPolicy.range.end });
  for (const entry of model.groupPolicy) add(entry.range);
  return ranges;
}
