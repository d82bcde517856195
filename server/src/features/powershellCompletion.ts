/**
 * Completion in PowerShell policy scripts and Microsoft365DSC configurations: the value of an OMA
 * hashtable (`value = `) or of a DSC property that stands for a node, written in that place's
 * syntax ($true/$false in a hashtable, "true"/"false" strings in Account protection, Graph member
 * names in Identity protection); and the property names of a DSC Account protection settings
 * instance or an Identity protection / enrollment resource. OMA-URIs complete as everywhere
 * (completion.ts). Uses the model and the scan of this version; nothing is parsed again.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { graphMembers, graphType } from '../catalog/graphMappings';
import type { CatalogNode } from '../catalog/types';
import { powershellDocumentOf, powershellOriginOf } from '../formats/powershell';
import { accountProtectionProperties, graphMappingOfSetting, graphTypeOfResource } from '../formats/powershellDsc';
import type { PsBlock } from '../formats/powershellScanner';
import type { PolicyModel } from '../model/types';
import { settingAt } from './context';
import { nodeMarkdown } from './nodeDocs';

export interface PowerShellCursor {
  offset: number;
  /** Text of the line before the cursor. */
  before: string;
}

/** One proposal, in offsets; completion.ts turns it into the editor's item (this layer knows no LSP shapes). */
export interface PowerShellSuggestion {
  label: string;
  kind: 'value' | 'property';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces the text from `replaceFrom` to the cursor. */
  newText: string;
  replaceFrom: number;
  sortText?: string;
}

const VALUE_POSITION = /([A-Za-z_@.'"]+)\s*=\s*(['"]?)([^'";\s]*)$/;
const KEY_POSITION = /^\s*([A-Za-z]*)$/;

export function powershellCompletions(cursor: PowerShellCursor, model: PolicyModel, catalog: CatalogIndex): PowerShellSuggestion[] {
  const value = VALUE_POSITION.exec(cursor.before);
  if (value) return valueCompletions(cursor, model, value[2]!, value[3]!.length);
  const key = KEY_POSITION.exec(cursor.before);
  if (key) return propertyCompletions(cursor, model, catalog, key[1]!.length);
  return [];
}

function valueCompletions(cursor: PowerShellCursor, model: PolicyModel, quote: string, typed: number): PowerShellSuggestion[] {
  const setting = settingAt(model, cursor.offset);
  const node = setting?.node;
  if (!setting || !node || setting.settingDefinitionId) return [];
  const replaceFrom = cursor.offset - typed;
  const mapping = graphMappingOfSetting.get(setting);
  let values: { label: string; detail?: string }[];
  if (mapping) {
    values = mapping.kind === 'enum' ? graphMembers(mapping).map((member) => ({ label: member }))
      : mapping.kind === 'int' ? [] : [{ label: '$true' }, { label: '$false' }];
  } else if (node.format === 'bool') {
    values = quote || powershellOriginOf(setting) === 'dsc-leaf' ? [{ label: 'true' }, { label: 'false' }] : [{ label: '$true' }, { label: '$false' }];
  } else if (node.allowed?.kind === 'enum') {
    values = node.allowed.values.map((item) => ({ label: item.value, detail: item.description }));
  } else if (node.allowed?.kind === 'range') {
    values = [{ label: String(node.allowed.min), detail: l10n.t('{0} to {1}', node.allowed.min, node.allowed.max) }];
  } else {
    values = [];
  }
  const wrap = (label: string): string => (quote || label.startsWith('$') || /^-?\d+$/.test(label) ? label : `'${label}'`);
  return values.map((item, index) => ({
    label: item.label,
    kind: 'value' as const,
    sortText: String(index).padStart(3, '0'),
    detail: item.detail ?? `${node.name} · ${node.format}`,
    newText: wrap(item.label),
    replaceFrom,
  }));
}

/** Property names inside an Account protection settings instance or a Graph-named resource. */
function propertyCompletions(cursor: PowerShellCursor, model: PolicyModel, catalog: CatalogIndex, typed: number): PowerShellSuggestion[] {
  const document = powershellDocumentOf(model);
  if (!document) return [];
  let inner: PsBlock | undefined;
  for (const block of document.blocks) {
    if (cursor.offset > block.range.start && cursor.offset < block.range.end && block.head) inner = block;
  }
  const head = inner?.head?.name ?? '';
  const replaceFrom = cursor.offset - typed;
  const written = new Set(inner?.entries.map((entry) => entry.key.toLowerCase()) ?? []);
  const item = (name: string, node: CatalogNode | undefined, detail: string): PowerShellSuggestion => ({
    label: name,
    kind: 'property',
    detail,
    ...(node ? { documentation: nodeMarkdown(node, { brief: true }) } : {}),
    newText: `${name} = `,
    replaceFrom,
  });
  const scope = /DeviceSettings_IntuneAccountProtectionPolicyWindows10$/i.test(head) ? 'device'
    : /UserSettings_IntuneAccountProtectionPolicyWindows10$/i.test(head) ? 'user' : undefined;
  if (scope) {
    return accountProtectionProperties(catalog, scope).filter((node) => !written.has(node.name.toLowerCase()))
      .map((node) => item(node.name, node, node.path));
  }
  const odataType = graphTypeOfResource(head);
  const type = odataType ? graphType(odataType) : undefined;
  if (!type) return [];
  return type.properties
    .map((mapping) => ({ name: mapping.property.charAt(0).toUpperCase() + mapping.property.slice(1), mapping }))
    .filter(({ name }) => !written.has(name.toLowerCase()))
    .map(({ name, mapping }) => item(name, catalog.byPath(mapping.node), `${mapping.graphType} → ${mapping.node}`));
}
