/**
 * Completion in Graph objects whose settings are Graph properties or intent setting ids (the
 * Identity protection profile, the tenant-wide enrollment policy, Endpoint security intents), JSON
 * and IntuneCD YAML: the mapped property names, the members of an enum property, and intent
 * definitionIds. Each item shows the CSP node it sets. Names come from the mapping table
 * (catalog/graphMappings.ts), never typed here.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import { graphMembers, graphTypes, type GraphPropertyMapping, type GraphTypeInfo } from '../catalog/graphMappings';
import type { OffsetRange, SourceFormat } from '../model/types';
import { nodeMarkdown } from './nodeDocs';

export interface GraphCursor {
  /** Text of the line before the cursor. */
  before: string;
  offset: number;
}

/** One completion, in terms of the document (completion.ts turns it into the LSP item). */
export interface GraphCompletion {
  label: string;
  kind: 'property' | 'member' | 'value';
  detail: string;
  /** Markdown: the CSP node the item sets. */
  documentation?: string;
  /** The typed word the item replaces. */
  replace: OffsetRange;
}

const PROPERTY = 'property' as const;
const ENUM_MEMBER = 'member' as const;
const VALUE = 'value' as const;

function typeFor(format: SourceFormat): GraphTypeInfo | undefined {
  const scope = format.startsWith('whfb-enrollment-') ? 'tenant-wide' : format.startsWith('identity-protection-') ? 'profile' : undefined;
  return scope ? graphTypes().find((type) => type.policyScope === scope) : undefined;
}

function documentation(mapping: GraphPropertyMapping, catalog: CatalogIndex): string | undefined {
  const node = catalog.byPath(mapping.node);
  return node ? nodeMarkdown(node, { brief: true }) : undefined;
}

/** Completion items for a Graph WHfB document, or undefined when the format is not one or the cursor is on nothing we complete. */
export function graphCompletions(format: SourceFormat, cursor: GraphCursor, catalog: CatalogIndex): GraphCompletion[] | undefined {
  const yaml = format.endsWith('-yaml');
  const isIntent = format.startsWith('intent-');
  if (!isIntent && !typeFor(format)) return undefined;

  // An intent setting's definitionId value.
  const id = (yaml ? /\bdefinitionId:\s*['"]?([\w-]*)$/ : /"definitionId"\s*:\s*"([\w-]*)$/).exec(cursor.before);
  if (isIntent && id) {
    const replace = { start: cursor.offset - (id[1] ?? '').length, end: cursor.offset };
    return graphTypes().flatMap((type) => type.properties).filter((row) => row.intentDefinitionId).map((row) => ({
      label: row.intentDefinitionId ?? '', kind: VALUE, detail: row.node, documentation: documentation(row, catalog), replace,
    }));
  }
  const type = typeFor(format);
  if (!type) return undefined;

  // An enum property's value: "pinUppercaseCharactersUsage": "|  /  pinUppercaseCharactersUsage: |
  const value = (yaml ? /^\s*['"]?(\w+)['"]?:\s*['"]?(\w*)$/ : /"(\w+)"\s*:\s*"(\w*)$/).exec(cursor.before);
  if (value) {
    const mapping = type.properties.find((row) => row.property === value[1]);
    if (!mapping) return undefined;
    const replace = { start: cursor.offset - (value[2] ?? '').length, end: cursor.offset };
    const members = mapping.kind === 'enum' ? graphMembers(mapping) : mapping.kind === 'int' ? [] : ['true', 'false'];
    return members.map((member) => ({
      label: member, kind: ENUM_MEMBER, detail: `${mapping.graphType} -> ${mapping.node}`, replace,
    }));
  }

  // A property name: "pin|  /  pin|
  const key = (yaml ? /^\s*(\w*)$/ : /^\s*"(\w*)$/).exec(cursor.before);
  if (!key) return undefined;
  const replace = { start: cursor.offset - (key[1] ?? '').length, end: cursor.offset };
  return type.properties.map((row) => ({
    label: row.property, kind: PROPERTY, detail: `${row.graphType} -> ${row.node}`, documentation: documentation(row, catalog), replace,
  }));
}
