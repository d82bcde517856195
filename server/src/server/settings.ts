/**
 * The `whfb.*` settings as the client sends them, turned into what the language service and
 * the diagnostics scheduler need. Settings come from users' JSON, so every field is checked:
 * a wrong value falls back to the default instead of breaking validation.
 */
import { DEFAULT_SETTINGS, type LanguageServiceSettings } from '../service/api';
import type { SeverityName } from '../service/protocolTypes';

export interface ServerSettings {
  service: LanguageServiceSettings;
  /** Debounce before push diagnostics, in ms; 0 validates at once. */
  validationDelayMs: number;
}

export const DEFAULT_VALIDATION_DELAY_MS = 150;

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  service: DEFAULT_SETTINGS,
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
    },
    validationDelayMs: isNonNegativeNumber(validation.delay) ? validation.delay : DEFAULT_VALIDATION_DELAY_MS,
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
