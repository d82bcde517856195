/**
 * The deployment vocabulary of the Windows Hello for Business guides, spelled once: deployment
 * models, trust types, how users authenticate to Microsoft Entra ID, how settings reach devices,
 * and the six model ids the checklists use. The schema generator, the checklist generator, rules,
 * features and the client all read these words from here.
 *
 * Imports nothing, so the client can use it without pulling in server internals.
 */

/** `deployment.model` of a policy file: where the identities live. */
export const DEPLOYMENT_MODELS = ['cloud-only', 'hybrid', 'on-premises'] as const;
export type DeploymentModel = (typeof DEPLOYMENT_MODELS)[number];

/** `deployment.trust`: how users authenticate to Active Directory (hybrid and on-premises only). */
export const TRUST_TYPES = ['cloud-kerberos', 'key', 'certificate'] as const;
export type TrustType = (typeof TRUST_TYPES)[number];

/** `deployment.join`: how the devices are joined. */
export const JOIN_TYPES = ['entra', 'hybrid', 'domain'] as const;
export type JoinType = (typeof JOIN_TYPES)[number];

/** `deployment.authentication`: how users authenticate to Microsoft Entra ID (hybrid only). */
export const AUTHENTICATION_METHODS = ['password-hash-sync', 'pass-through', 'federated'] as const;
export type AuthenticationMethod = (typeof AUTHENTICATION_METHODS)[number];

/** `deployment.management`: how the settings reach the devices. */
export const MANAGEMENT_CHANNELS = ['intune', 'group-policy', 'both'] as const;
export type ManagementChannel = (typeof MANAGEMENT_CHANNELS)[number];

/** Stable ids of the six deployment models the guides describe, in the guides' order. */
export const DEPLOYMENT_MODEL_IDS = [
  'hybrid-cloud-kerberos-trust',
  'hybrid-key-trust',
  'hybrid-certificate-trust',
  'on-premises-key-trust',
  'on-premises-certificate-trust',
  'cloud-only',
] as const;
export type DeploymentModelId = (typeof DEPLOYMENT_MODEL_IDS)[number];

/** The model id a deployment block selects: cloud-only has no trust type; the others need one. */
export function deploymentModelIdOf(model: string, trust: string | undefined): DeploymentModelId | undefined {
  if (model === 'cloud-only') return 'cloud-only';
  if (!trust) return undefined;
  const id = `${model}-${trust}-trust`;
  return (DEPLOYMENT_MODEL_IDS as readonly string[]).includes(id) ? (id as DeploymentModelId) : undefined;
}
