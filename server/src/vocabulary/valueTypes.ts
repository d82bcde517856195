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

/** The `@odata.type` of a custom-profile OMA setting that carries a value of each policy-file type. */
export const OMA_SETTING_ODATA_TYPES: Record<PolicyFileType, string> = {
  bool: `${GRAPH}omaSettingBoolean`,
  int: `${GRAPH}omaSettingInteger`,
  string: `${GRAPH}omaSettingString`,
};

/**
 * Every custom-profile OMA setting type Graph defines, by its suffix after `#microsoft.graph.`
 * (lower case, as matched), with the value type it carries.
 */
export const OMA_SETTING_VALUE_TYPES = {
  omasettingboolean: 'bool',
  omasettinginteger: 'int',
  omasettingstring: 'string',
  omasettingstringxml: 'xml',
  omasettingbase64: 'base64',
  omasettingfloatingpoint: 'float',
  omasettingdatetime: 'date',
} as const;

/** Strips the `#microsoft.graph.` namespace from a written type; the rest lower case. */
export function withoutGraphNamespace(written: string): string {
  return written.trim().toLowerCase().replace(/^#?microsoft\.graph\./, '');
}
