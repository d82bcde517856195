/** The outline: tenantId, deployment and its keys, each setting by node name, Group Policy entries. */
import type { Located, OffsetRange, PolicyModel } from '../model/types';
import { valueText } from '../model/values';
import type { LineIndex } from '../model/lineIndex';
import { SymbolKind, type DocumentSymbol } from '../lsp/protocolTypes';

function symbol(lines: LineIndex, name: string, kind: SymbolKind, range: OffsetRange, selection: OffsetRange, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  const full = { start: Math.min(range.start, selection.start), end: Math.max(range.end, selection.end) };
  const made: DocumentSymbol = { name: name || '(empty)', kind, range: lines.range(full), selectionRange: lines.range(selection) };
  if (detail) made.detail = detail;
  if (children) made.children = children;
  return made;
}

function keyed(lines: LineIndex, name: string, located: Located<string>): DocumentSymbol {
  const key = located.keyRange ?? located.range;
  return symbol(lines, name, SymbolKind.Property, { start: key.start, end: located.range.end }, key, located.value);
}

export function documentSymbolsFor(model: PolicyModel, lines: LineIndex): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  if (model.tenantId) symbols.push(keyed(lines, 'tenantId', model.tenantId));
  const deployment = model.deployment;
  if (deployment) {
    const children: DocumentSymbol[] = [];
    for (const key of ['model', 'trust', 'join', 'authentication', 'management', 'minimumOsBuild'] as const) {
      const located = deployment[key];
      if (located) children.push(keyed(lines, key, located));
    }
    const selection = { start: deployment.range.start, end: deployment.range.start + 'deployment'.length };
    symbols.push(symbol(lines, 'deployment', SymbolKind.Object, deployment.range, selection, undefined, children));
  }
  const settings = model.settings.map((setting) => {
    const written = setting.omaUri?.value ?? setting.settingDefinitionId?.value ?? `setting ${setting.index + 1}`;
    const name = setting.node?.name ?? written;
    const selection = setting.omaUri?.range ?? setting.settingDefinitionId?.range ?? setting.range;
    return symbol(lines, name, SymbolKind.Property, setting.range, selection, setting.value ? valueText(setting.value.value) : undefined);
  });
  if (model.format === 'whfb-yaml' && model.settingsKey) {
    const last = model.settings[model.settings.length - 1];
    const range = { start: model.settingsKey.start, end: last ? last.range.end : model.settingsKey.end };
    symbols.push(symbol(lines, 'settings', SymbolKind.Array, range, model.settingsKey, `${model.settings.length}`, settings));
  } else {
    symbols.push(...settings);
  }
  if (model.groupPolicy.length > 0) {
    const children = model.groupPolicy.map((entry) =>
      symbol(lines, entry.policy.value, SymbolKind.Property, entry.range, entry.policy.range, [entry.scope?.value, entry.state?.value].filter(Boolean).join(', ')));
    const first = model.groupPolicy[0].range;
    const last = model.groupPolicy[model.groupPolicy.length - 1].range;
    symbols.push(symbol(lines, 'groupPolicy', SymbolKind.Array, { start: first.start, end: last.end }, first, `${children.length}`, children));
  }
  return symbols;
}
