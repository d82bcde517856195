/**
 * The adapter registry: which adapter claims a document. Order matters: our own policy file first
 * (decided by name or language id), then the structured exports, then loose OMA-URIs in any text.
 */
import type { SourceFormat } from '../model/types';
import type { DetectInput, FormatAdapter } from './adapter';
import { customProfileAdapter } from './customProfile';
import { looseTextAdapter } from './looseText';
import { policyYamlAdapter } from './policyYaml';
import { settingsCatalogAdapter } from './settingsCatalog';
import { syncmlAdapter } from './syncml';

export const ADAPTERS: readonly FormatAdapter[] = [
  policyYamlAdapter,
  settingsCatalogAdapter,
  customProfileAdapter,
  syncmlAdapter,
  looseTextAdapter,
];

export interface Detected {
  adapter: FormatAdapter;
  format: SourceFormat;
}

export function detectFormat(input: DetectInput): Detected | undefined {
  for (const adapter of ADAPTERS) {
    try {
      const format = adapter.detect(input);
      if (format) return { adapter, format };
    } catch {
      // A detector that throws does not claim the document.
    }
  }
  return undefined;
}
