/**
 * How Microsoft names a CSP node outside the DDF: Intune Settings Catalog ids and learn.microsoft.com anchors.
 * Kept apart so the conventions are written down once.
 */

const LEARN_MDM = 'https://learn.microsoft.com/windows/client-management/mdm';

/** `./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/X` -> `device_vendor_msft_passportforwork_{tenantid}_policies_x`. */
export function settingsCatalogIdOf(path: string): string {
  return path.replace(/^\.\//, '').toLowerCase().replace(/\//g, '_');
}

/** CSP reference anchors are the node's path after the CSP name, lowercased, punctuation removed. */
function cspAnchor(relativePath: string): string {
  return relativePath.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface ReferenceTarget {
  csp: string;
  area?: string;
  /** Path segments after the CSP root (or after the area, for Policy CSP nodes). */
  relativeSegments: string[];
  scopeName: 'Device' | 'User';
  /** The CSP's reference page shows scope prefixes only when it has both a Device and a User tree. */
  cspHasBothScopes: boolean;
}

export function referenceUrlOf(target: ReferenceTarget): string {
  if (target.csp === 'Policy') {
    if (!target.area) return `${LEARN_MDM}/policy-configuration-service-provider`;
    const page = `${LEARN_MDM}/policy-csp-${target.area.toLowerCase().replace(/_/g, '-')}`;
    return target.relativeSegments.length === 0 ? page : `${page}#${cspAnchor(target.relativeSegments.join('/'))}`;
  }
  const page = `${LEARN_MDM}/${target.csp.toLowerCase()}-csp`;
  if (target.relativeSegments.length === 0) return page;
  const prefix = target.cspHasBothScopes ? `${target.scopeName}/` : '';
  return `${page}#${cspAnchor(prefix + target.relativeSegments.join('/'))}`;
}
