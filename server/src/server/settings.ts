/**
 * The `whfb.*` settings as the client sends them, turned into what the language service and
 * the diagnostics scheduler need. Settings come from users' JSON, so every field is checked:
 * a wrong value falls back to the default instead of breaking validation.
 */
import { contributes } from '../../../package.json';
import { DEFAULT_SETTINGS, type LanguageServiceSettings } from '../service/api';
import type { SeverityName } from '../lsp/protocolTypes';

export interface ServerSettings {
  service: LanguageServiceSettings;
  /** whfb.validation.workspace: index every policy file of the workspace folders. */
  workspace: boolean;
  /** whfb.validation.exclude: globs of files the workspace index leaves out (besides files.exclude). */
  exclude: string[];
  /** Debounce before push diagnostics, in ms; 0 validates at once. */
  validationDelayMs: number;
}

export const DEFAULT_VALIDATION_DELAY_MS = 150;

/**
 * The range package.json declares for whfb.validation.delay. VS Code does not enforce it on
 * values typed into settings.json, and Node turns a timer over 2^31-1 ms into 1 ms (with a
 * TimeoutOverflowWarning), so 1e308 would mean "at once": out-of-range values are clamped.
 */
const DELAY_SETTING = contributes.configuration.properties['whfb.validation.delay'];
export const MIN_VALIDATION_DELAY_MS = DELAY_SETTING.minimum;
export const MAX_VALIDATION_DELAY_MS = DELAY_SETTING.maximum;

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  service: DEFAULT_SETTINGS,
  workspace: true,
  exclude: [],
  validationDelayMs: DEFAULT_VALIDATION_DELAY_MS,
};

const SEVERITY_SETTINGS = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

/** `raw` is the value of the `whfb` section (or anything else a client may send). */
export function toServerSettings(raw: unknown): ServerSettings {
  const section = isObject(raw) ? raw : {};
  const validation = isObject(section.validation) ? section.validation : {};
  return {
    service: {
      enable: typeof section.enable === 'boolean' ? section.enable : DEFAULT_SETTINGS.enable,
      ruleSeverity: toRuleSeverity(section.rules),
      maxFileSizeBytes: isNonNegativeNumber(section.maxFileSize) ? section.maxFileSize : DEFAULT_SETTINGS.maxFileSizeBytes,
      maxIndexedFiles: isNonNegativeNumber(validation.maxWorkspaceFiles) ? Math.floor(validation.maxWorkspaceFiles) : DEFAULT_SETTINGS.maxIndexedFiles,
    },
    workspace: typeof validation.workspace === 'boolean' ? validation.workspace : true,
    exclude: Array.isArray(validation.exclude) ? validation.exclude.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [],
    validationDelayMs: toValidationDelay(validation.delay),
  };
}

/**
 * initializationOptions may carry the section itself or `{ settings: { whfb } }` / `{ whfb }`;
 * accept the shapes clients commonly use.
 */
export function settingsFromInitializationOptions(options: unknown): ServerSettings {
  if (!isObject(options)) return DEFAULT_SERVER_SETTINGS;
  if (isObject(options.settings) && isObject(options.settings.whfb)) return toServerSettings(options.settings.whfb);
  if (isObject(options.whfb)) return toServerSettings(options.whfb);
  return toServerSettings(options);
}

/** A number (even 1e308, -5 or Infinity) is clamped to the declared range; anything else (NaN, "fast") is the default. */
function toValidationDelay(value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return DEFAULT_VALIDATION_DELAY_MS;
  return Math.min(MAX_VALIDATION_DELAY_MS, Math.max(MIN_VALIDATION_DELAY_MS, value));
}

function toRuleSeverity(rules: unknown): Record<string, SeverityName | 'off'> {
  const result: Record<string, SeverityName | 'off'> = {};
  if (!isObject(rules)) return result;
  for (const [code, severity] of Object.entries(rules)) {
    if (typeof severity === 'string' && SEVERITY_SETTINGS.has(severity)) result[code.toUpperCase()] = severity as SeverityName | 'off';
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
