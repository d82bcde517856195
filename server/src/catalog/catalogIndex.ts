/**
 * Lookups over the generated catalog. The only module that knows how OMA-URIs are spelled
 * (roots, the {TenantId} segment, case) and how Settings Catalog ids map to nodes.
 * Implemented in catalog/catalog.ts (getCatalog()).
 */
import type { CatalogNode, GroupPolicyInfo, Scope } from './types';

/** How the dynamic tenant segment of an OMA-URI was written. */
export interface TenantSegment {
  text: string;
  /** Offsets within the OMA-URI string. */
  start: number;
  end: number;
  kind: 'placeholder' | 'guid' | 'invalid';
}

export interface ResolvedOmaUri {
  /** The node, when the OMA-URI names one (case-insensitively, any root spelling). */
  node?: CatalogNode;
  scope?: Scope;
  /** `./Vendor/MSFT/...` legacy root (device scope). */
  legacyRoot: boolean;
  tenant?: TenantSegment;
  /**
   * The names written for the node's other dynamic segments (a certificate install's {UniqueID}...),
   * as written and joined with '/': two such instances are two settings on the device.
   */
  instance?: string;
  /** Written with other letter case than the DDF (still resolves; reported by no rule). */
  caseDiffers: boolean;
}

/** One possible next segment while an OMA-URI is being typed. */
export interface SegmentCompletion {
  segment: string;
  /** The node the segment completes to, when it is a leaf or named interior node. */
  node?: CatalogNode;
  interior: boolean;
  /** True for the dynamic {TenantId} segment. */
  dynamic: boolean;
}

export interface CatalogIndex {
  readonly nodes: readonly CatalogNode[];
  /** Exact canonical path (with {TenantId}). */
  byPath(path: string): CatalogNode | undefined;
  /** Resolve an OMA-URI as an administrator writes it. */
  resolve(omaUri: string): ResolvedOmaUri;
  /** Settings Catalog settingDefinitionId (case-insensitive; {tenantid} literal). */
  bySettingsCatalogId(id: string): CatalogNode | undefined;
  /** The MDM nodes a Group Policy configures, by any of its names (case-insensitive). */
  byGroupPolicy(name: string): CatalogNode[];
  /** The Group Policy setting a name means: editor display name, a guide's name, or the ADMX name (case-insensitive). */
  groupPolicy(name: string): GroupPolicyInfo | undefined;
  /** Known Group Policy display names (for completion and WHFB161). */
  groupPolicyNames(): string[];
  /** Next segments after a partial OMA-URI prefix ("./Device/Vendor/MSFT/PassportForWork/{TenantId}/"). */
  nextSegments(prefix: string): SegmentCompletion[];
  /** Nearest nodes for an OMA-URI that resolves to nothing, best first ("did you mean"). */
  suggest(omaUri: string, limit?: number): CatalogNode[];
}
