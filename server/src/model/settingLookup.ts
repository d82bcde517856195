/**
 * Finding settings and catalog nodes by what a rule means ("the device UseCloudTrustForOnPremAuth
 * of PassportForWork"), never by a typed OMA-URI: paths always come from the catalog.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogNode, Scope } from '../catalog/types';
import { modelIndex } from './modelIndex';
import type { PolicyModel, PolicySetting } from './types';

export interface NodeRef {
  csp: string;
  name: string;
  /** Policy CSP area ("Kerberos"). */
  area?: string;
  /** Any scope when absent. */
  scope?: Scope;
}

export function nodeMatches(node: CatalogNode | undefined, ref: NodeRef): node is CatalogNode {
  if (!node) return false;
  if (node.csp.toLowerCase() !== ref.csp.toLowerCase()) return false;
  if (node.name.toLowerCase() !== ref.name.toLowerCase()) return false;
  if (ref.area !== undefined && (node.area ?? '').toLowerCase() !== ref.area.toLowerCase()) return false;
  if (ref.scope !== undefined && node.scope !== ref.scope) return false;
  return true;
}

/** The settings that set the node `ref` means, in document order. */
export function settingsFor(model: PolicyModel, ref: NodeRef, catalog?: CatalogIndex): PolicySetting[] {
  if (!catalog) return model.settings.filter((setting) => nodeMatches(setting.node, ref));
  const { byNode } = modelIndex(model, catalog);
  const found: PolicySetting[] = [];
  for (const node of catalogNodesFor(catalog, ref)) {
    const list = byNode.get(node);
    if (list) found.push(...list);
  }
  return found.length > 1 ? found.sort((a, b) => a.range.start - b.range.start) : found;
}

const nodesByRef = new WeakMap<CatalogIndex, Map<string, CatalogNode[]>>();

/** Every catalog node a ref means (both scopes when it names none). */
export function catalogNodesFor(catalog: CatalogIndex, ref: NodeRef): CatalogNode[] {
  let memo = nodesByRef.get(catalog);
  if (!memo) {
    memo = new Map();
    nodesByRef.set(catalog, memo);
  }
  const key = `${ref.csp}|${ref.area ?? ''}|${ref.name}|${ref.scope ?? ''}`;
  let nodes = memo.get(key);
  if (!nodes) {
    nodes = catalog.nodes.filter((node) => nodeMatches(node, ref));
    memo.set(key, nodes);
  }
  return nodes;
}

/** The catalog node a rule means; device scope first when the ref names none. */
export function catalogNodeFor(catalog: CatalogIndex, ref: NodeRef): CatalogNode | undefined {
  const matches = catalog.nodes.filter((node) => nodeMatches(node, ref) && !node.interior);
  return matches.find((node) => node.scope === 'device') ?? matches[0];
}

export const NODES = {
  usePassportForWork: { csp: 'PassportForWork', name: 'UsePassportForWork' },
  useCloudTrust: { csp: 'PassportForWork', name: 'UseCloudTrustForOnPremAuth', scope: 'device' },
  useCertificateTrust: { csp: 'PassportForWork', name: 'UseCertificateForOnPremAuth', scope: 'device' },
  requireSecurityDevice: { csp: 'PassportForWork', name: 'RequireSecurityDevice' },
  disablePostLogonProvisioning: { csp: 'PassportForWork', name: 'DisablePostLogonProvisioning' },
  mdmWinsOverGroupPolicy: { csp: 'Policy', area: 'ControlPolicyConflict', name: 'MDMWinsOverGP', scope: 'device' },
  minimumPinLength: { csp: 'PassportForWork', name: 'MinimumPINLength' },
  maximumPinLength: { csp: 'PassportForWork', name: 'MaximumPINLength' },
  cloudKerberosTicketRetrieval: { csp: 'Policy', area: 'Kerberos', name: 'CloudKerberosTicketRetrievalEnabled', scope: 'device' },
} as const satisfies Record<string, NodeRef>;
