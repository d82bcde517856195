/**
 * Which exported files are Windows Hello for Business policies. Exports mix CSPs freely: a security
 * baseline sets hundreds of Policy CSP settings (DeviceLock, Kerberos, CredentialProviders,
 * Authentication ...) that the catalog also covers, because WHfB deployments touch them. Such a file
 * is not a WHfB policy, and judging it would be a false alarm on someone else's baseline.
 *
 * The decision: an export (Settings Catalog, custom profile, SyncML, loose text) is a WHfB policy when
 * it names a node of a CSP whose nodes the WHfB guides document (the catalog's guideRefs: today the
 * PassportForWork CSP, "the Windows Hello for Business CSP" of the guides' policy tables). Derived from
 * the catalog, so a CSP the guides start to document joins without a code change. Our own policy file
 * (*.whfb.yaml) is a WHfB policy by name.
 */
import { citedByGuides, getCatalog } from '../catalog/catalog';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogNode } from '../catalog/types';
import { graphTypes } from '../catalog/graphMappings';

interface WhfbMarkers {
  /** "vendor/msft/passportforwork" (OMA-URIs) */
  uriPrefixes: string[];
  /** One case-insensitive pattern for the OMA-URI and Settings Catalog id spellings ("vendor_msft_passportforwork"). */
  pattern: RegExp;
}

const markersByNodes = new WeakMap<object, WhfbMarkers>();

function cspPrefix(node: CatalogNode): string {
  return node.csp.toLowerCase() === 'policy' && node.area ? `vendor/msft/policy/config/${node.area}`.toLowerCase() : `vendor/msft/${node.csp}`.toLowerCase();
}

export function whfbMarkersOf(catalog: Pick<CatalogIndex, 'nodes'>): WhfbMarkers {
  let markers = markersByNodes.get(catalog.nodes);
  if (!markers) {
    const uriPrefixes = [...new Set(catalog.nodes.filter(citedByGuides).map(cspPrefix))].sort();
    // No text is lowercased on every keystroke: a large export is scanned once, in place.
    const alternatives = uriPrefixes.map((prefix) => prefix.split('/').map(escapeRegExp).join('[/_]'));
    markers = { uriPrefixes, pattern: alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'i') : /$^/ };
    markersByNodes.set(catalog.nodes, markers);
  }
  return markers;
}

/**
 * Does the text name a WHfB node, as an OMA-URI or a Settings Catalog id? A cheap scan of the whole
 * text (exports hold the paths verbatim); an unknown node of the CSP counts too, so WHFB101 still
 * reports a typo in it.
 */
export function namesWhfbNode(text: string, catalog: Pick<CatalogIndex, 'nodes'> = getCatalog()): boolean {
  return whfbMarkersOf(catalog).pattern.test(text) || namesWhfbGraphType(text);
}

let graphTypeNames: string[] | undefined;

/**
 * Does the text name a Graph type whose properties are WHfB settings (data/mappings: the Identity
 * protection profile, the tenant-wide enrollment policy; intent ids carry the first) or a WHfB intent
 * template (Account protection)? Such a file
 * holds WHfB settings without a single OMA-URI.
 */
export function namesWhfbGraphType(text: string): boolean {
  graphTypeNames ??= graphTypes().flatMap((type) => [type.odataType.replace(/^#microsoft\.graph\./, ''), ...type.intentTemplateIds]);
  return graphTypeNames.some((name) => text.includes(name));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
