/**
 * The policy-file schema as completion reads it: keys of each mapping, enum values with their
 * descriptions. Data in, code out: nothing here is typed by hand.
 */
import policySchema from '../../../schemas/whfb-policy.schema.json';

export interface SchemaProperty {
  key: string;
  description?: string;
  enum?: { value: string; description?: string }[];
  required: boolean;
}

interface JsonSchemaLike {
  description?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  properties?: Record<string, JsonSchemaLike>;
  required?: string[];
  items?: JsonSchemaLike;
}

const schema = policySchema as unknown as JsonSchemaLike;

function propertiesOf(object: JsonSchemaLike | undefined): SchemaProperty[] {
  if (!object?.properties) return [];
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties).map(([key, property]) => ({
    key,
    description: property.description,
    required: required.has(key),
    enum: property.enum?.map((value, index) => ({ value: String(value), description: property.enumDescriptions?.[index] })),
  }));
}

export type SchemaScope = 'root' | 'deployment' | 'settings-entry' | 'group-policy-entry';

export function schemaProperties(scope: SchemaScope): SchemaProperty[] {
  switch (scope) {
    case 'root': return propertiesOf(schema);
    case 'deployment': return propertiesOf(schema.properties?.deployment);
    case 'settings-entry': return propertiesOf(schema.properties?.settings?.items);
    case 'group-policy-entry': return propertiesOf(schema.properties?.groupPolicy?.items);
  }
}
