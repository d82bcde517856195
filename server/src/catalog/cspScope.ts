/**
 * Which configuration service providers the catalog covers, derived from the catalog itself (no CSP
 * names typed here). Exports and text mix WHfB settings with Defender, BitLocker and the rest; only
 * settings of a covered CSP (PassportForWork, Policy/Config/<area the catalog has>, ...) become
 * model settings, so rules never judge a setting we know nothing about.
 */
import type { CatalogIndex } from './catalogIndex';
import type { CatalogNode } from './types';

export interface CspScope {
  /** True when the OMA-URI (any root spelling, any case) lies under a covered CSP. */
  coversOmaUri(omaUri: string): boolean;
  /** True when the Settings Catalog settingDefinitionId belongs to a covered CSP. */
  coversSettingId(settingDefinitionId: string): boolean;
  /** True when the text mentions a covered Settings Catalog id anywhere (cheap detection scan). */
  mentionsSettingId(text: string): boolean;
}

const scopes = new WeakMap<object, CspScope>();

export function cspScopeOf(catalog: Pick<CatalogIndex, 'nodes'>): CspScope {
  let scope = scopes.get(catalog.nodes);
  if (!scope) {
    scope = buildScope(catalog.nodes);
    scopes.set(catalog.nodes, scope);
  }
  return scope;
}

/**
 * "vendor/msft/passportforwork" or "vendor/msft/policy/config/kerberos", lower case. The Policy CSP's
 * own root nodes (./Device/Vendor/MSFT/Policy, .../Config) cover no area: they must not pull in
 * every Policy area (Defender, BitLocker, ...).
 */
function cspPrefix(node: CatalogNode): string | undefined {
  if (node.csp.toLowerCase() === 'policy') return node.area ? `vendor/msft/policy/config/${node.area}`.toLowerCase() : undefined;
  return `vendor/msft/${node.csp}`.toLowerCase();
}

function buildScope(nodes: readonly CatalogNode[]): CspScope {
  const slashPrefixes = [...new Set(nodes.map(cspPrefix).filter((prefix): prefix is string => prefix !== undefined))];
  const idPrefixes = slashPrefixes.map((prefix) => prefix.replace(/\//g, '_'));

  const coversOmaUri = (omaUri: string): boolean => {
    const rest = stripOmaRoot(omaUri.trim().toLowerCase());
    if (rest === undefined) return false;
    return slashPrefixes.some((prefix) => rest === prefix || rest.startsWith(`${prefix}/`));
  };

  const coversSettingId = (id: string): boolean => {
    const rest = id.trim().toLowerCase().replace(/^(?:device|user)_/, '');
    return idPrefixes.some((prefix) => rest === prefix || rest.startsWith(`${prefix}_`));
  };

  // One case-insensitive scan that stops at the first mention: lower-casing a whole 5 MB export on
  // every document version, to search it prefix by prefix, cost more than the rest of detection.
  const mention = new RegExp(`(?:${idPrefixes.map(escapeRegExp).join('|')})(?=[_"'\\s]|$)`, 'i');
  const mentionsSettingId = (text: string): boolean => idPrefixes.length > 0 && mention.test(text);

  return { coversOmaUri, coversSettingId, mentionsSettingId };
}

/** "./Device/Vendor/MSFT/X" -> "vendor/msft/x"; undefined when the root is not an OMA-DM root. */
function stripOmaRoot(lowerUri: string): string | undefined {
  for (const root of ['./device/', './user/', './']) {
    if (lowerUri.startsWith(root)) {
      const rest = lowerUri.slice(root.length);
      return rest.startsWith('vendor/msft/') ? rest : undefined;
    }
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
