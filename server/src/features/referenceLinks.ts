/**
 * "WHfB: Open reference" on the server: the CSP reference and guide sections of the setting under
 * the cursor (an OMA-URI, a Settings Catalog id, a Group Policy name; resolved through the
 * catalog) or of a setting of the settings view. The client shows the links and opens the one
 * chosen; when the line names nothing the catalog knows, the caller falls back to the hover's links.
 */
import * as l10n from '@vscode/l10n';
import { nodeTexts } from '../catalog/catalog';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogNode } from '../catalog/types';
import type { ReferenceLink } from '../../../shared/protocol';
import { referenceAt, settingIdCandidates, type LineReference } from './lineReferences';

function nodesForReference(catalog: CatalogIndex, reference: LineReference): CatalogNode[] {
  switch (reference.kind) {
    case 'omaUri': {
      const node = catalog.resolve(reference.text).node;
      return node ? [node] : [];
    }
    case 'settingDefinitionId':
      for (const candidate of settingIdCandidates(reference.text)) {
        const node = catalog.bySettingsCatalogId(candidate);
        if (node) return [node];
      }
      return [];
    case 'groupPolicy':
      // One Group Policy can back several nodes (device and user scope, its sub-options): offer them all.
      return catalog.byGroupPolicy(reference.text);
  }
}

/** Each node's CSP reference, then the guide sections that name them, each link once. */
export function nodeLinks(nodes: readonly CatalogNode[]): ReferenceLink[] {
  const links: ReferenceLink[] = [];
  const add = (link: ReferenceLink) => {
    if (!links.some((known) => known.href === link.href)) links.push(link);
  };
  for (const node of nodes) add({ kind: 'csp', title: l10n.t('{0} CSP reference: {1}', node.csp, `${node.scope === 'user' ? './User/…/' : ''}${node.name}`), href: node.referenceUrl });
  for (const guide of nodes.flatMap((node) => nodeTexts(node).guideRefs)) add({ kind: 'guide', title: guide.title, href: guide.href });
  return links;
}

/** The links for what the line names at `character`; empty when it names nothing the catalog knows. */
export function referenceLinksInLine(catalog: CatalogIndex, line: string, character: number): ReferenceLink[] {
  const reference = referenceAt(line, character);
  return reference ? nodeLinks(nodesForReference(catalog, reference)) : [];
}

/** The links of a setting the settings view shows: by its catalog path, else by what was written. */
export function referenceLinksForSetting(catalog: CatalogIndex, setting: { path?: string; written: string }): ReferenceLink[] {
  const node = setting.path ? catalog.byPath(setting.path) : catalog.resolve(setting.written).node;
  return node ? nodeLinks([node]) : [];
}
