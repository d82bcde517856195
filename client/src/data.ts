/**
 * The generated data the client shows, imported statically so esbuild bundles it into
 * dist/extension.js (the extension reads no data file at run time). The catalog comes through the
 * server's pure getCatalog(), bundled the same way.
 */
import type { Checklists, DeploymentModelId } from '../../server/src/checklists/types';
import type { CatalogIndex } from '../../server/src/catalog/catalogIndex';
import { getCatalog } from '../../server/src/catalog/catalog';
import checklistsJson from '../../data/generated/checklists.json';
import policyTemplatesJson from '../../data/generated/policy-templates.json';

export const checklists: Checklists = checklistsJson as Checklists;

/** A policy skeleton per deployment model, generated from the guides. */
export const policyTemplates: Partial<Record<DeploymentModelId, string>> = policyTemplatesJson as Partial<Record<DeploymentModelId, string>>;

let catalog: CatalogIndex | undefined;

/** Built on first use: most sessions never insert a setting. */
export function catalogIndex(): CatalogIndex {
  catalog ??= getCatalog();
  return catalog;
}
