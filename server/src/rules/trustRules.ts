/**
 * Rules about the deployment model and trust type: the trust flags the settings set (WHFB130), WHfB
 * enabled where MDM deploys it (WHFB131), cloud Kerberos ticket retrieval (WHFB132), the deployment
 * block's own consistency (WHFB140), and the recommended security device (WHFB190).
 * Findings about something missing stand on `deployment.trust` (or `deployment.model`); findings
 * about a contradiction stand on the setting, with the other place as related information.
 */
import type { CatalogIndex } from '../catalog/index';
import { finding } from '../model/findings';
import { insertSettingFix } from '../model/insertSetting';
import { catalogNodeFor, catalogNodesFor, NODES, settingsFor, type NodeRef } from '../model/settingLookup';
import type { Finding, FixData, Located, OffsetRange, PolicyModel, PolicySetting } from '../model/types';
import { asBoolean, asInteger } from '../model/values';
import { innerRange, type Rule } from './rule';

interface DeploymentFacts {
  trust?: Located<string>;
  model?: Located<string>;
  /** Settings are delivered by MDM (management intune or both): missing MDM settings matter. */
  mdm: boolean;
  /** Where a finding about something missing stands. */
  missingAnchor?: OffsetRange;
}

function facts(model: PolicyModel): DeploymentFacts {
  const deployment = model.deployment;
  const management = deployment?.management?.value.trim().toLowerCase();
  const trust = deployment?.trust && deployment.trust.value.trim() ? deployment.trust : undefined;
  const depModel = deployment?.model && deployment.model.value.trim() ? deployment.model : undefined;
  return {
    trust,
    model: depModel,
    mdm: deployment !== undefined && management !== 'group-policy',
    missingAnchor: trust?.range ?? depModel?.range ?? deployment?.range,
  };
}

function trustOf(located: Located<string> | undefined): string | undefined {
  return located?.value.trim().toLowerCase();
}

/** Formats where a value's text can be swapped for true/false/1 as is. */
function valueFix(model: PolicyModel, setting: PolicySetting, newValue: string, title: string): { data?: FixData } {
  if (!setting.value) return {};
  if (!['whfb-yaml', 'custom-profile-json', 'custom-profile-yaml'].includes(model.format)) return {};
  if (typeof setting.value.value === 'string' && model.format !== 'whfb-yaml') return {};
  return { data: { fix: 'replace', title, replacements: [{ range: innerRange(model.text, setting.value.range), newText: newValue }] } };
}

/** What a finding about a missing setting carries: the fix that adds it, and the paths it is about (either scope, when the ref names none). */
function missingSetting(model: PolicyModel, catalog: CatalogIndex, ref: NodeRef, value: boolean | number): { data?: FixData; paths: string[] } {
  const paths = catalogNodesFor(catalog, ref).filter((node) => !node.interior).map((node) => node.path);
  const node = catalogNodeFor(catalog, ref);
  if (!node) return { paths };
  const data = insertSettingFix(model, node, value, `Add ${node.name} = ${String(value)}`);
  return data ? { data, paths } : { paths };
}

function pathsOf(...settings: PolicySetting[]): { paths: string[] } {
  return { paths: settings.flatMap((setting) => (setting.node ? [setting.node.path] : [])) };
}

function flagged(settings: PolicySetting[], wanted: boolean): PolicySetting[] {
  return settings.filter((setting) => setting.value && asBoolean(setting.value.value) === wanted);
}

function related(located: Located<string> | undefined, message: string): { related?: Finding['related'] } {
  return located ? { related: [{ range: located.range, message }] } : {};
}

const trustSettings: Rule = {
  code: 'WHFB130',
  check(model, catalog) {
    const { trust, mdm } = facts(model);
    const cloud = settingsFor(model, NODES.useCloudTrust, catalog);
    const certificate = settingsFor(model, NODES.useCertificateTrust, catalog);
    const findings: Finding[] = [];
    const contradiction = (setting: PolicySetting, message: string, newValue: 'true' | 'false') => {
      findings.push(finding('WHFB130', setting.value?.range ?? setting.range, message, {
        ...related(trust, `deployment.trust is ${trust?.value}`),
        ...valueFix(model, setting, newValue, `Set ${setting.node?.name} to ${newValue}`),
      }));
    };
    switch (trustOf(trust)) {
      case 'cloud-kerberos':
        if (cloud.length === 0 && mdm && trust) {
          findings.push(finding('WHFB130', trust.range, 'Cloud Kerberos trust needs UseCloudTrustForOnPremAuth set to true: add the setting.', missingSetting(model, catalog, NODES.useCloudTrust, true)));
        }
        for (const setting of flagged(cloud, false)) contradiction(setting, 'UseCloudTrustForOnPremAuth is false, but deployment.trust is cloud-kerberos: set it to true.', 'true');
        for (const setting of flagged(certificate, true)) contradiction(setting, 'UseCertificateForOnPremAuth is true, which selects certificate trust, but deployment.trust is cloud-kerberos: set it to false or remove it.', 'false');
        break;
      case 'certificate':
        if (certificate.length === 0 && mdm && trust) {
          findings.push(finding('WHFB130', trust.range, 'Certificate trust needs UseCertificateForOnPremAuth set to true: add the setting.', missingSetting(model, catalog, NODES.useCertificateTrust, true)));
        }
        for (const setting of flagged(certificate, false)) contradiction(setting, 'UseCertificateForOnPremAuth is false, but deployment.trust is certificate: set it to true.', 'true');
        for (const setting of flagged(cloud, true)) contradiction(setting, 'UseCloudTrustForOnPremAuth is true, which selects cloud Kerberos trust, but deployment.trust is certificate: set it to false or remove it.', 'false');
        break;
      case 'key':
        for (const setting of flagged(cloud, true)) contradiction(setting, 'UseCloudTrustForOnPremAuth is true, which selects cloud Kerberos trust, but deployment.trust is key: set it to false or remove it.', 'false');
        for (const setting of flagged(certificate, true)) contradiction(setting, 'UseCertificateForOnPremAuth is true, which selects certificate trust, but deployment.trust is key: set it to false or remove it.', 'false');
        break;
      default: {
        // No trust declared: the settings alone must not select two trust models.
        const cloudOn = flagged(cloud, true)[0];
        for (const setting of cloudOn ? flagged(certificate, true) : []) {
          findings.push(finding('WHFB130', setting.value?.range ?? setting.range,
            'UseCertificateForOnPremAuth and UseCloudTrustForOnPremAuth are both true: they select different trust models. Keep the one your deployment uses and set the other to false.',
            { related: [{ range: cloudOn.value?.range ?? cloudOn.range, message: 'UseCloudTrustForOnPremAuth is true' }], ...pathsOf(setting, cloudOn) }));
        }
      }
    }
    return findings;
  },
};

const whfbNotEnabled: Rule = {
  code: 'WHFB131',
  check(model, catalog) {
    const { mdm, missingAnchor, trust, model: depModel } = facts(model);
    if (!mdm || !missingAnchor || !depModel) return [];
    const enable = settingsFor(model, NODES.usePassportForWork, catalog);
    const findings: Finding[] = [];
    if (enable.length === 0) {
      findings.push(finding('WHFB131', missingAnchor, 'Windows Hello for Business is not enabled: add UsePassportForWork = true (Intune delivers this deployment).', missingSetting(model, catalog, NODES.usePassportForWork, true)));
    }
    for (const setting of flagged(enable, false)) {
      findings.push(finding('WHFB131', setting.value?.range ?? setting.range, 'UsePassportForWork is false, which turns Windows Hello for Business off, but the deployment needs it: set it to true.', {
        ...related(trust ?? depModel, 'The deployment that needs Windows Hello for Business'),
        ...valueFix(model, setting, 'true', 'Set UsePassportForWork to true'),
      }));
    }
    return findings;
  },
};

const cloudKerberosRetrieval: Rule = {
  code: 'WHFB132',
  check(model, catalog) {
    const { trust, mdm } = facts(model);
    const retrieval = settingsFor(model, NODES.cloudKerberosTicketRetrieval, catalog);
    const cloudKerberos = trustOf(trust) === 'cloud-kerberos' || (!trust && flagged(settingsFor(model, NODES.useCloudTrust, catalog), true).length > 0);
    if (!cloudKerberos) return [];
    const findings: Finding[] = [];
    if (retrieval.length === 0 && mdm && trust) {
      findings.push(finding('WHFB132', trust.range, 'Cloud Kerberos trust: add Kerberos/CloudKerberosTicketRetrievalEnabled = 1, so that Microsoft Entra joined devices retrieve cloud Kerberos tickets at sign-in.', missingSetting(model, catalog, NODES.cloudKerberosTicketRetrieval, 1)));
    }
    for (const setting of retrieval) {
      if (!setting.value || asInteger(setting.value.value) === 1 || asBoolean(setting.value.value) === true) continue;
      findings.push(finding('WHFB132', setting.value.range, 'CloudKerberosTicketRetrievalEnabled must be 1 for cloud Kerberos trust: devices cannot get Kerberos tickets from Microsoft Entra ID otherwise.', {
        ...related(trust, 'deployment.trust is cloud-kerberos'),
        ...valueFix(model, setting, '1', 'Set CloudKerberosTicketRetrievalEnabled to 1'),
      }));
    }
    return findings;
  },
};

const deploymentConsistency: Rule = {
  code: 'WHFB140',
  check(model) {
    const deployment = model.deployment;
    if (!deployment) return [];
    const depModel = trustOf(deployment.model);
    const trust = trustOf(deployment.trust);
    const authentication = trustOf(deployment.authentication);
    const findings: Finding[] = [];
    if (trust === 'cloud-kerberos' && depModel === 'on-premises' && deployment.trust) {
      findings.push(finding('WHFB140', deployment.trust.range, 'Cloud Kerberos trust needs Microsoft Entra ID: it is a hybrid trust type. For on-premises use key or certificate trust, or set model: hybrid.', related(deployment.model, 'deployment.model is on-premises')));
    }
    if (depModel === 'hybrid' && trust === 'certificate' && authentication !== 'federated') {
      const at = deployment.authentication ?? deployment.trust;
      if (at) findings.push(finding('WHFB140', at.range, 'Hybrid certificate trust needs federated authentication (AD FS): set authentication: federated, or choose cloud-kerberos or key trust.', related(deployment.trust, 'deployment.trust is certificate')));
    }
    if (depModel === 'cloud-only' && trust && deployment.trust) {
      findings.push(finding('WHFB140', deployment.trust.range, 'A cloud-only deployment has no on-premises trust type: remove trust.', related(deployment.model, 'deployment.model is cloud-only')));
    }
    if ((depModel === 'hybrid' || depModel === 'on-premises') && !trust && deployment.model) {
      findings.push(finding('WHFB140', deployment.model.range, `A ${depModel} deployment needs a trust type: add trust: ${depModel === 'hybrid' ? 'cloud-kerberos, key or certificate' : 'key or certificate'}.`));
    }
    return findings;
  },
};

const requireSecurityDevice: Rule = {
  code: 'WHFB190',
  check(model, catalog) {
    const { mdm } = facts(model);
    if (!mdm || !model.deployment) return [];
    if (settingsFor(model, NODES.requireSecurityDevice, catalog).length > 0) return [];
    const at = model.settingsKey ?? { start: model.deployment.range.start, end: model.deployment.range.start + 'deployment'.length };
    return [finding('WHFB190', at, 'RequireSecurityDevice is not set: the guides recommend requiring a TPM, so that keys never leave the device. Add RequireSecurityDevice = true.', missingSetting(model, catalog, NODES.requireSecurityDevice, true))];
  },
};

export const trustRules: readonly Rule[] = [trustSettings, whfbNotEnabled, cloudKerberosRetrieval, deploymentConsistency, requireSecurityDevice];
