/**
 * The adapter registry: which adapter claims a document. Order matters: our own policy file first
 * (decided by name or language id), then the structured exports, then loose OMA-URIs in any text.
 * An export is claimed only when it is a WHfB policy (formats/whfbPolicy.ts).
 */
import type { SourceFormat } from '../model/types';
import type { DetectInput, FormatAdapter } from './adapter';
import { customProfileAdapter } from './customProfile';
import { gpoReportAdapter } from './gpoReport';
import { registryPolAdapter } from './gpoRegistryPol';
import { graphWhfbAdapter } from './graphWhfb';
import { looseTextAdapter } from './looseText';
import { policyYamlAdapter } from './policyYaml';
import { powershellAdapter } from './powershell';
import { settingsCatalogAdapter } from './settingsCatalog';
import { syncmlAdapter } from './syncml';
import { namesWhfbNode } from './whfbPolicy';

/**
 * The adapters in the order they are asked, each read when its turn comes: in the Node server the
 * export formats' modules are a bundle of their own, loaded at the first document that is not a
 * policy file (scripts/serviceSplit.mjs), so detecting a policy file must not touch them.
 */
const REGISTERED: readonly (() => FormatAdapter)[] = [
  () => policyYamlAdapter,
  // Before the other exports: a Graph list holding an Identity protection profile beside custom profiles reads both.
  () => graphWhfbAdapter,
  () => settingsCatalogAdapter,
  () => customProfileAdapter,
  () => syncmlAdapter,
  () => gpoReportAdapter, () => registryPolAdapter,
  () => powershellAdapter,
  () => looseTextAdapter,
];

/** Every registered adapter, in order (this loads the export formats' modules where they are apart). */
export function registeredAdapters(): FormatAdapter[] {
  return REGISTERED.map((adapter) => adapter());
}

export interface Detected {
  adapter: FormatAdapter;
  format: SourceFormat;
  /**
   * Set when a detector threw: whether the file is a policy is unknown, and answering "not a policy"
   * would make a named file vanish from the results with exit status 0. The file is then claimed by
   * the adapter that failed (its first format) and reported as an internal error for that file.
   */
  failure?: unknown;
}

export function detectFormat(input: DetectInput, adapters?: readonly FormatAdapter[]): Detected | undefined {
  for (const next of adapters ?? REGISTERED) {
    const adapter = typeof next === 'function' ? next() : next;
    let format: SourceFormat | undefined;
    try {
      format = adapter.detect(input);
      // Group Policy backups and Microsoft365DSC Account protection resources are WHfB by their own markers (their detectors decide).
      if (format && format !== 'whfb-yaml' && format !== 'dsc-powershell' && !adapter.decidesWhfbItself && !namesWhfbNode(input.text)) return undefined;
    } catch (error) {
      const claimed = adapter.formats[0];
      if (claimed) return { adapter, format: claimed, failure: error };
      throw error;
    }
    if (format) return { adapter, format };
  }
  return undefined;
}

/** What the failure was, for the log and the diagnostic: the error's message, never its stack. */
export function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
