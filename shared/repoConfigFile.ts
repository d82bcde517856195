/**
 * What the client needs of the repository configuration (.whfbrc.json / whfb.config.json): the file
 * names and the default deployment model. Import-free, so the client bundle carries no server code;
 * the full reader (rules, ignore globs, problems) is server/src/config/repoConfig.ts.
 */
import type { DeploymentModelId } from './checklists';

export const CONFIG_FILE_NAMES = ['.whfbrc.json', 'whfb.config.json'] as const;

export const DEPLOYMENT_MODELS: readonly DeploymentModelId[] = [
  'cloud-only',
  'hybrid-cloud-kerberos-trust',
  'hybrid-key-trust',
  'hybrid-certificate-trust',
  'on-premises-key-trust',
  'on-premises-certificate-trust',
];

/** The `deploymentModel` a configuration file names, when it is one of the models; nothing otherwise. */
export function deploymentModelInConfig(text: string): DeploymentModelId | undefined {
  try {
    const raw: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
    const model = (raw as { deploymentModel?: unknown }).deploymentModel;
    return typeof model === 'string' && (DEPLOYMENT_MODELS as readonly string[]).includes(model) ? (model as DeploymentModelId) : undefined;
  } catch {
    return undefined;
  }
}
