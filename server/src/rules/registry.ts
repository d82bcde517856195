/**
 * Every rule, in one list. WHFB001-003 are reported by the format adapters while they build the
 * model (syntax, shape, unsupported input); every other code has a rule here.
 */
import { CROSS_FILE_CODES } from './crossFile/crossFileRules';
import { duplicateRules } from './duplicateRules';
import { groupPolicyRules } from './groupPolicyRules';
import { nodeRules } from './nodeRules';
import { pinRules } from './pinRules';
import type { Rule } from './rule';
import { secretRules } from './secretRules';
import { tenantRules } from './tenantRules';
import { trustRules } from './trustRules';

export const ALL_RULES: readonly Rule[] = [
  ...nodeRules,
  ...tenantRules,
  ...pinRules,
  ...trustRules,
  ...duplicateRules,
  ...groupPolicyRules,
  ...secretRules,
];

/** Codes the adapters report while parsing. */
export const ADAPTER_CODES: readonly string[] = ['WHFB001', 'WHFB002', 'WHFB003'];

/** Codes judged over a set of files (rules/crossFile), not one model: the workspace index and the CLI run them. */
export { CROSS_FILE_CODES };

export const IMPLEMENTED_CODES: ReadonlySet<string> = new Set([...ADAPTER_CODES, ...ALL_RULES.map((rule) => rule.code), ...CROSS_FILE_CODES]);
