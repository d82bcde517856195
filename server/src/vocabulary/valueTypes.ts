/**
 * How the formats name the data type of a value, spelled once: the policy file's `type:` names,
 * and Graph's `@odata.type` of custom-profile OMA settings (#microsoft.graph.omaSetting*).
 *
 * Imports nothing, so the client can use it without pulling in server internals.
 */

/** The types a policy file's `type:` is written with (after aliases). */
export const POLICY_FILE_TYPES = ['bool', 'int', 'string'] as const;
export type PolicyFileType = (typeof POLICY_FILE_TYPES)[number];

const GRAPH = '#microsoft.graph.';

/** Every value type a policy model holds (model/types.ts ValueType is this). */
export type VocabularyValueType = 'bool' | 'int' | 'string' | 'xml' | 'base64' | 'float' | 'date';

/**
 * Graph's custom-profile OMA setting type for each value type: `#microsoft.graph.omaSetting<Suffix>`.
 * The one table: the writer's `@odata.type` and the reader's type map are both derived from it.
 */
const OMA_SETTING_SUFFIXES: Record<VocabularyValueType, string> = {
  bool: 'Boolean',
  int: 'Integer',
  string: 'String',
  xml: 'StringXml',
  base64: 'Base64',
  float: 'FloatingPoint',
  date: 'DateTime',
};

/** The `@odata.type` a custom-profile OMA setting carrying a value of `type` is written with. */
export function omaSettingOdataType(type: VocabularyValueType): string {
  return `${GRAPH}omaSetting${OMA_SETTING_SUFFIXES[type]}`;
}

/**
 * Every custom-profile OMA setting type Graph defines, by its suffix after `#microsoft.graph.`
 * (lower case, as matched), with the value type it carries.
 */
export const OMA_SETTING_VALUE_TYPES: Readonly<Record<string, VocabularyValueType>> = Object.fromEntries(
  (Object.entries(OMA_SETTING_SUFFIXES) as [VocabularyValueType, string][])
    .map(([type, suffix]) => [`omasetting${suffix.toLowerCase()}`, type]),
);

/** Strips the `#microsoft.graph.` namespace from a written type; the rest lower case. */
export function withoutGraphNamespace(written: string): string {
  return written.trim().toLowerCase().replace(/^#?microsoft\.graph\./, '');
}
