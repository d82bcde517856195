/**
 * Types of the generated policy-file validators (policySchemaValidators.js, written by
 * scripts/schema/generateValidator.ts). Hand-written: ajv's standalone output is plain JavaScript.
 * Each is an ajv ValidateFunction: it returns whether the value matches and leaves the ajv errors
 * (allErrors, verbose) on its `errors` property.
 */
import type { ValidateFunction } from 'ajv';

/** The whole policy file against schemas/whfb-policy.schema.json. */
export declare const document: ValidateFunction;
/** One entry of `settings` (the schema's `#/properties/settings/items`). */
export declare const settingsEntry: ValidateFunction;
