/**
 * Completion in Graph objects whose settings are Graph properties or intent setting ids (the
 * Identity protection profile, the tenant-wide enrollment policy, Endpoint security intents), JSON
 * and IntuneCD YAML: the mapped property names, the members of an enum property, and intent
 * definitionIds. Each item shows the CSP node it sets. Names come from the mapping table
 * (catalog/graphMappings.ts), never typed here.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import { graphMembers, graphTypes, type GraphPropertyMapping, type GraphTypeInfo } from '../catalog/graphMappings';
import type { SourceFormat } from '../model/types';
import type { CompletionItem, Range } from '../service/protocolTypes';
import { nodeMarkdown } from './nodeDocs';

export interface GraphCursor {
  /** Text of the line before the cursor. */
  before: string;
  offset: number;
  range: (start: number, end: number) => Range;
}

const PROPERTY = 10; // CompletionItemKind.Property
const ENUM_MEMBER = 20; // CompletionItemKind.EnumMember
const VALUE = 12; // CompletionItemKind.Value

function typeFor(format: SourceFormat): GraphTypeInfo | undefined {
  const scope = format.startsWith('whfb-enrollment-') ? 'tenant-wide' : format.startsWith('identity-protection-') ? 'profile' : undefined;
  return scope ? graphTypes().find((type) => type.policyScope === scope) : undefined;
}

function documentation(mapping: GraphPropertyMapping, catalog: CatalogIndex): CompletionItem['documentation'] {
  const node = catalog.byPath(mapping.node);
  return node ? { kind: 'markdown', value: nodeMarkdown(node, { brief: true }) } : undefined;
}

/** Completion items for a Graph WHfB document, or undefined when the format is not one or the cursor is on nothing we complete. */
export function graphCompletions(format: SourceFormat, cursor: GraphCursor, catalog: CatalogIndex): CompletionItem[] | undefined {
  const yaml = format.endsWith('-yaml');
  const isIntent = format.startsWith('intent-');
  if (!isIntent && !typeFor(format)) return undefined;

  // An intent setting's definitionId value.
  const id = (yaml ? /\bdefinitionId:\s*['"]?([\w-]*)$/ : /"definitionId"\s*:\s*"([\w-]*)$/).exec(cursor.before);
  if (isIntent && id) {
    const range = cursor.range(cursor.offset - id[1]!.length, cursor.offset);
    return graphTypes().flatMap((type) => type.properties).filter((row) => row.intentDefinitionId).map((row) => ({
      label: row.intentDefinitionId!, kind: VALUE, detail: row.node, documentation: documentation(row, catalog),
      textEdit: { range, newText: row.intentDefinitionId! },
    }));
  }
  const type = typeFor(format);
  if (!type) return undefined;

  // An enum property's value: "pinUppercaseCharactersUsage": "|  /  pinUppercaseCharactersUsage: |
  const value = (yaml ? /^\s*['"]?(\w+)['"]?:\s*['"]?(\w*)$/ : /"(\w+)"\s*:\s*"(\w*)$/).exec(cursor.before);
  if (value) {
    const mapping = type.properties.find((row) => row.property === value[1]);
    if (!mapping) return undefined;
    const range = cursor.range(cursor.offset - value[2]!.length, cursor.offset);
    const members = mapping.kind === 'enum' ? graphMembers(mapping) : mapping.kind === 'int' ? [] : ['true', 'false'];
    return members.map((member) => ({
      label: member, kind: ENUM_MEMBER, detail: `${mapping.graphType} -> ${mapping.node}`, textEdit: { range, newText: member },
    }));
  }

  // A property name: "pin|  /  pin|
  const key = (yaml ? /^\s*(\w*)$/ : /^\s*"(\w*)$/).exec(cursor.before);
  if (!key) return undefined;
  const range = cursor.range(cursor.offset - key[1]!.length, cursor.offset);
  return type.properties.map((row) => ({
    label: row.property, kind: PROPERTY, detail: `${row.graphType} -> ${row.node}`, documentation: documentation(row, catalog),
    textEdit: { range, newText: row.property },
  }));
}
