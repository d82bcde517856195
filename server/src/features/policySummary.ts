/**
 * What the client's views need: the deployment model the file selects (its checklist), and each
 * setting with a group, its value and its problems.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogNode } from '../catalog/types';
import { deploymentModelIdOf, type DeploymentModelId } from '../vocabulary/deployment';
import { NODES, settingsFor } from '../model/settingLookup';
import type { Finding, PolicyModel, PolicySetting } from '../model/types';
import { asBoolean, valueText } from '../model/values';
import type { PolicySettingSummary, PolicySummary } from '../../../shared/protocol';
import type { LineIndex } from '../model/lineIndex';
import { settingAt } from './context';

export function deploymentModelId(model: PolicyModel): DeploymentModelId | undefined {
  const deployment = model.deployment;
  const kind = deployment?.model?.value.trim().toLowerCase();
  const trust = deployment?.trust?.value.trim().toLowerCase();
  if (kind) return deploymentModelIdOf(kind, trust);
  if (deployment) return undefined;
  // No deployment block (an export): what the trust flags imply. Intune-delivered trust is hybrid.
  const on = (settings: PolicySetting[]) => settings.some((setting) => asBoolean(setting.value?.value) === true);
  if (on(settingsFor(model, NODES.useCloudTrust))) return 'hybrid-cloud-kerberos-trust';
  if (on(settingsFor(model, NODES.useCertificateTrust))) return 'hybrid-certificate-trust';
  return undefined;
}

/** "PassportForWork/Policies", "PassportForWork/PINComplexity", "Policy/Kerberos". */
export function settingGroup(node: CatalogNode | undefined): string {
  if (!node) return 'Unknown';
  if (node.area) return `${node.csp}/${node.area}`;
  const segments = node.path.split('/');
  const parent = segments[segments.length - 2];
  if (!parent || parent === node.csp || parent.startsWith('{')) return node.csp;
  return `${node.csp}/${parent}`;
}

export function summarizePolicy(uri: string, model: PolicyModel, lines: LineIndex, findings: readonly Finding[]): PolicySummary {
  const problemsBySetting = new Map<number, PolicySettingSummary['problems']>();
  for (const item of findings) {
    const setting = settingAt(model, item.range.start);
    if (!setting) continue;
    const list = problemsBySetting.get(setting.index) ?? [];
    list.push({ code: item.code, severity: item.severity, message: item.message });
    problemsBySetting.set(setting.index, list);
  }
  const deployment = model.deployment;
  const summary: PolicySummary = {
    uri,
    format: model.format,
    settings: model.settings.map((setting) => {
      const written = setting.omaUri?.value ?? setting.settingDefinitionId?.value ?? '';
      const item: PolicySettingSummary = {
        index: setting.index,
        label: setting.node?.name ?? (written || l10n.t('setting {0}', setting.index + 1)),
        written,
        group: settingGroup(setting.node),
        range: lines.range(setting.range),
        problems: problemsBySetting.get(setting.index) ?? [],
      };
      if (setting.node) {
        item.path = setting.node.path;
        item.csp = setting.node.csp;
        item.scope = setting.node.scope;
      }
      if (setting.value) item.value = valueText(setting.value.value);
      return item;
    }),
  };
  const modelId = deploymentModelId(model);
  if (modelId) summary.deploymentModel = modelId;
  if (deployment) {
    summary.deployment = {
      model: deployment.model?.value,
      trust: deployment.trust?.value,
      authentication: deployment.authentication?.value,
      management: deployment.management?.value,
      range: lines.range(deployment.range),
    };
  }
  if (model.tenantId) summary.tenantId = model.tenantId.value;
  return summary;
}
