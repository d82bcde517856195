/**
 * Rules about the deployment model and trust type, judged on MDM settings and Group Policy together:
 * the trust type Windows will use (WHFB130, WHFB133), Windows Hello for Business turned off or not
 * configured (WHFB131, WHFB134), provisioning after sign-in turned off (WHFB135), the deployment
 * block's own consistency (WHFB140), and the recommended security device (WHFB190).
 *
 * What Windows does with the trust flags (policy settings reference):
 * - "Use certificate for on-premises authentication": "If you enable this policy setting, Windows
 *   Hello for Business enrolls a sign-in certificate that is used for on-premises authentication".
 * - "Use cloud trust for on-premises authentication": "If you enable this policy setting, Windows
 *   Hello for Business uses a Kerberos ticket retrieved from authenticating to Microsoft Entra ID for
 *   on-premises authentication", and "If the certificate trust policy setting is enabled, it takes
 *   precedence over this policy setting."
 * - Neither: "Windows Hello for Business will use a key or a Kerberos ticket (depending on other
 *   policy settings)": key trust.
 * Where Group Policy and the PassportForWork CSP both set a flag, Group Policy wins (configure guide:
 * "the conflicting CSP settings aren't applied until the group policy settings are cleared").
 *
 * Findings about something missing stand on `deployment.trust` (or `deployment.model`); findings
 * about a contradiction stand on the setting or Group Policy entry that decides it.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { finding } from '../model/findings';
import { catalogNodeFor, catalogNodesFor, nodeMatches, NODES, settingsFor, type NodeRef } from '../model/settingLookup';
import type { Finding, Fix, GroupPolicyEntry, Located, OffsetRange, PolicyModel, PolicySetting } from '../model/types';
import { asBoolean } from '../model/values';
import type { Rule } from './rule';
import { settingOfNodes } from './readsNodes';
import type { TrustType } from '../vocabulary/deployment';

interface DeploymentFacts {
  trust?: Located<string>;
  model?: Located<string>;
  /** Settings are delivered by Group Policy only. */
  groupPolicyOnly: boolean;
  /**
   * The file describes the channel that delivers the settings, so a setting it lacks is missing: MDM
   * settings, or a groupPolicy block when Group Policy delivers them (a Group Policy deployment
   * without one keeps its GPO elsewhere).
   */
  describesChannel: boolean;
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
    groupPolicyOnly: management === 'group-policy',
    describesChannel: deployment !== undefined && (management !== 'group-policy' || model.groupPolicy.length > 0),
    missingAnchor: trust?.range ?? depModel?.range ?? deployment?.range,
  };
}

function lower(located: Located<string> | undefined): string | undefined {
  return located?.value.trim().toLowerCase();
}

/** One place that turns a flag on or off: an MDM setting with a boolean value, or a Group Policy entry. */
interface FlagSource {
  on: boolean;
  /** Where a finding about it stands (the value, or the policy name). */
  range: OffsetRange;
  /**
   * A Group Policy entry's 'Group Policy "Use cloud trust for on-premises authentication" is
   * enabled'; a setting's "UseCloudTrustForOnPremAuth is true" is written by `saidOf` from `subject`
   * when a message uses it: most sources make no finding, and a file with hundreds of these settings
   * formatted all of them whenever the trust rules ran (issue 16).
   */
  said?: string;
  /** The node a setting sets, by name. */
  subject?: string;
  setting?: PolicySetting;
  entry?: GroupPolicyEntry;
  /** The catalog path of the node it sets (a Group Policy's own node), for the checklist. */
  path?: string;
}

function mdmSources(model: PolicyModel, catalog: CatalogIndex, ref: NodeRef): FlagSource[] {
  const out: FlagSource[] = [];
  for (const setting of settingsFor(model, ref, catalog)) {
    const on = setting.value ? asBoolean(setting.value.value) : undefined;
    if (on === undefined) continue;
    out.push({ on, range: setting.value!.range, subject: setting.node?.name ?? ref.name, setting, ...(setting.node ? { path: setting.node.path } : {}) });
  }
  return out;
}

/** Group Policy entries whose policy configures the node itself (not one of its options). */
function groupPolicySources(model: PolicyModel, catalog: CatalogIndex, ref: NodeRef): FlagSource[] {
  const out: FlagSource[] = [];
  for (const entry of model.groupPolicy) {
    const info = catalog.groupPolicy(entry.policy.value);
    const primary = info ? catalog.byPath(info.nodes[0] ?? '') : catalog.byGroupPolicy(entry.policy.value)[0];
    if (!primary || !nodeMatches(primary, { ...ref, scope: undefined })) continue;
    const state = lower(entry.state) ?? 'enabled';
    if (state !== 'enabled' && state !== 'disabled') continue;
    const name = info?.name ?? entry.policy.value.trim();
    out.push({ on: state === 'enabled', range: entry.policy.range, said: state === 'enabled' ? l10n.t('Group Policy "{0}" is enabled', name) : l10n.t('Group Policy "{0}" is disabled', name), entry, path: primary.path });
  }
  // The user node wins over the computer node (configure guide: "User policies take precedence over computer policies").
  return out.sort((a, b) => Number(lower(b.entry?.scope) === 'user') - Number(lower(a.entry?.scope) === 'user'));
}

/** What decides a flag: Group Policy when it sets it, otherwise MDM. */
interface Flag {
  deciding?: FlagSource;
  /** Every place that sets it, deciding first. */
  all: FlagSource[];
  on: boolean;
}

function flag(model: PolicyModel, catalog: CatalogIndex, ref: NodeRef): Flag {
  const gp = groupPolicySources(model, catalog, ref);
  const mdm = mdmSources(model, catalog, ref);
  const deciding = gp[0] ?? mdm[mdm.length - 1];
  const all = deciding ? [deciding, ...[...gp, ...mdm].filter((source) => source !== deciding)] : [];
  return { deciding, all, on: deciding?.on ?? false };
}


/** The trust type Windows uses for on-premises authentication with these flags. */
export function effectiveTrust(certificateOn: boolean, cloudOn: boolean): TrustType {
  if (certificateOn) return 'certificate';
  return cloudOn ? 'cloud-kerberos' : 'key';
}

/** Translated when a message is written, not at load: the server learns the user's language in `initialize`. */
const TRUST_WORDS: Record<TrustType, () => string> = {
  'cloud-kerberos': () => l10n.t('cloud Kerberos trust (a Kerberos ticket from Microsoft Entra ID)'),
  certificate: () => l10n.t('certificate trust (a sign-in certificate)'),
  key: () => l10n.t('key trust (a key)'),
};

/** The fix that sets a setting's value (each format renders it where it can). */
function valueFix(setting: PolicySetting | undefined, value: boolean, title: string): { fix?: Fix } {
  if (!setting?.value) return {};
  return { fix: { kind: 'set-value', title, setting, value } };
}

/** The fix that turns a Group Policy entry's state, where the entry writes one. */
function stateFix(entry: GroupPolicyEntry, state: 'enabled' | 'disabled'): { fix?: Fix } {
  if (!entry.state) return {};
  return { fix: { kind: 'set-group-policy-state', title: state === 'enabled' ? l10n.t('Set "{0}" to enabled', entry.policy.value.trim()) : l10n.t('Set "{0}" to disabled', entry.policy.value.trim()), entry, state } };
}

function sourceFix(source: FlagSource, on: boolean, name: string): { fix?: Fix } {
  return source.entry ? stateFix(source.entry, on ? 'enabled' : 'disabled') : valueFix(source.setting, on, l10n.t('Set {0} to {1}', name, String(on)));
}

/** What a finding about a missing setting carries: the fix that adds it, and the paths it is about (either scope, when the ref names none). */
function missingSetting(catalog: CatalogIndex, ref: NodeRef, value: boolean | number, offerFix: boolean): { fix?: Fix; paths: string[] } {
  const paths = catalogNodesFor(catalog, ref).filter((node) => !node.interior).map((node) => node.path);
  const node = catalogNodeFor(catalog, ref);
  if (!node || !offerFix) return { paths };
  return { fix: { kind: 'add-setting', title: l10n.t('Add {0} = {1}', node.name, String(value)), node, value }, paths };
}

/** "UseCloudTrustForOnPremAuth is true" / 'Group Policy "..." is enabled'. */
function saidOf(source: FlagSource): string {
  return source.said ?? l10n.t('{0} is {1}', source.subject ?? '', String(source.on));
}

function pathsOf(...sources: (FlagSource | undefined)[]): { paths: string[] } {
  return { paths: sources.flatMap((source) => (source?.path ? [source.path] : [])) };
}

function related(located: Located<string> | undefined, message: string): { related?: Finding['related'] } {
  return located ? { related: [{ range: located.range, message }] } : {};
}

/** How to turn a flag on, in the channel the file uses. */
function howToEnable(groupPolicyOnly: boolean, node: string, policy: string): string {
  return groupPolicyOnly ? l10n.t('enable the Group Policy "{0}"', policy) : l10n.t('set {0} to true', node);
}

const CLOUD = 'UseCloudTrustForOnPremAuth';
const CERTIFICATE = 'UseCertificateForOnPremAuth';
const CLOUD_POLICY = 'Use cloud trust for on-premises authentication';
const CERTIFICATE_POLICY = 'Use certificate for on-premises authentication';

const trustSettings: Rule = {
  code: 'WHFB130',
  check(model, catalog) {
    const { trust, groupPolicyOnly, describesChannel } = facts(model);
    const wanted = lower(trust);
    if (wanted !== 'cloud-kerberos' && wanted !== 'certificate' && wanted !== 'key') return [];
    const cloud = flag(model, catalog, NODES.useCloudTrust);
    const certificate = flag(model, catalog, NODES.useCertificateTrust);
    const used = effectiveTrust(certificate.on, cloud.on);
    if (used === wanted) return [];
    const findings: Finding[] = [];
    const deployed = related(trust, l10n.t('deployment.trust is {0}', trust!.value));
    const uses = l10n.t('Windows uses {0}, not {1}', TRUST_WORDS[used](), TRUST_WORDS[wanted]());
    if (wanted === 'cloud-kerberos') {
      if (certificate.on) {
        // "If the Use certificate for on-premises authentication policy is enabled, certificate trust takes precedence over cloud Kerberos trust."
        const source = certificate.deciding!;
        findings.push(finding('WHFB130', source.range, l10n.t('{0}: certificate trust takes precedence over cloud Kerberos trust, so {1}. The cloud Kerberos trust guide: make sure this policy is not configured; remove it.', saidOf(source), uses), { ...deployed, ...sourceFix(source, false, CERTIFICATE), ...pathsOf(source) }));
      }
      if (cloud.deciding && !cloud.on) {
        const source = cloud.deciding;
        findings.push(finding('WHFB130', source.range, l10n.t('{0}: {1}. {2}.', saidOf(source), uses, howToEnable(!!source.entry, CLOUD, CLOUD_POLICY).replace(/^./, (c) => c.toUpperCase())), { ...deployed, ...sourceFix(source, true, CLOUD), ...pathsOf(source) }));
      } else if (!cloud.deciding && describesChannel) {
        findings.push(finding('WHFB130', trust!.range, l10n.t('Without {0} ({1}), {2}: {3}.', CLOUD_POLICY, CLOUD, uses, howToEnable(groupPolicyOnly, CLOUD, CLOUD_POLICY)), missingSetting(catalog, NODES.useCloudTrust, true, !groupPolicyOnly)));
      }
    } else if (wanted === 'certificate') {
      if (certificate.deciding) {
        const source = certificate.deciding;
        findings.push(finding('WHFB130', source.range, l10n.t('{0}: {1}. {2}.', saidOf(source), uses, howToEnable(!!source.entry, CERTIFICATE, CERTIFICATE_POLICY).replace(/^./, (c) => c.toUpperCase())), { ...deployed, ...sourceFix(source, true, CERTIFICATE), ...pathsOf(source) }));
      } else if (describesChannel && groupPolicyOnly) {
        // Through Intune the tenant-wide policy can set it ("If the Intune tenant-wide policy is enabled and configured to your needs, you can skip to Enroll"): WHFB134.
        findings.push(finding('WHFB130', trust!.range, l10n.t('Without {0} ({1}), {2}: {3}.', CERTIFICATE_POLICY, CERTIFICATE, uses, howToEnable(groupPolicyOnly, CERTIFICATE, CERTIFICATE_POLICY)), missingSetting(catalog, NODES.useCertificateTrust, true, !groupPolicyOnly)));
      }
    } else {
      // Key trust: the flag that decides is the one to turn off (certificate first: it takes precedence).
      const source = (certificate.on ? certificate.deciding : cloud.deciding)!;
      const name = certificate.on ? CERTIFICATE : CLOUD;
      findings.push(finding('WHFB130', source.range, l10n.t('{0}: {1}. Set it to false or remove it.', saidOf(source), uses), { ...deployed, ...sourceFix(source, false, name), ...pathsOf(source) }));
    }
    return findings;
  },
};

const cloudTrustOverridden: Rule = {
  code: 'WHFB133',
  check(model, catalog) {
    const { trust } = facts(model);
    // For cloud Kerberos trust the same pair is WHFB130: Windows does not use the trust the deployment wants.
    if (lower(trust) === 'cloud-kerberos') return [];
    const cloud = flag(model, catalog, NODES.useCloudTrust);
    const certificate = flag(model, catalog, NODES.useCertificateTrust);
    if (!cloud.on || !certificate.on) return [];
    const source = cloud.deciding!;
    return [finding('WHFB133', source.range,
      l10n.t('{0}, but {1}: certificate trust takes precedence (the guides: "Cloud Kerberos trust is incompatible with certificate trust"), so Windows uses certificate trust and ignores {2}. Set it to false or remove it.', saidOf(source), saidOf(certificate.deciding!), CLOUD),
      { related: [{ range: certificate.deciding!.range, message: saidOf(certificate.deciding!) }], ...sourceFix(source, false, CLOUD), ...pathsOf(source, certificate.deciding) })];
  },
};

const whfbTurnedOff: Rule = {
  code: 'WHFB131',
  check(model, catalog) {
    const { trust, model: depModel } = facts(model);
    // The tenant-wide policy "is usually disabled and Windows Hello for Business is enabled using a policy targeted to a security group" (configure guide).
    if (!depModel || model.policyScope === 'tenant-wide') return [];
    const enable = flag(model, catalog, NODES.usePassportForWork);
    const source = enable.deciding;
    if (!source || source.on) return [];
    // "If you disable this policy setting, the device doesn't provision Windows Hello for Business for any user."
    return [finding('WHFB131', source.range, source.entry ? l10n.t('{0}: the device doesn\'t provision Windows Hello for Business for any user, but the deployment block deploys it. Enable the policy.', saidOf(source)) : l10n.t('{0}: the device doesn\'t provision Windows Hello for Business for any user, but the deployment block deploys it. Set it to true.', saidOf(source)), {
      ...related(trust ?? depModel, l10n.t('The deployment that needs Windows Hello for Business')),
      ...sourceFix(source, true, 'UsePassportForWork'),
      ...pathsOf(source),
    })];
  },
};

const whfbNotConfigured: Rule = {
  code: 'WHFB134',
  check(model, catalog) {
    const { missingAnchor, model: depModel, groupPolicyOnly, trust, describesChannel } = facts(model);
    const kind = lower(depModel);
    // Cloud-only: "If you want to use Windows Hello for Business in a cloud-only environment with its default settings, there's no extra configuration needed."
    if (!missingAnchor || !describesChannel || (kind !== 'hybrid' && kind !== 'on-premises')) return [];
    const findings: Finding[] = [];
    const cloudKerberos = lower(trust) === 'cloud-kerberos';
    if (!flag(model, catalog, NODES.usePassportForWork).deciding) {
      const message = groupPolicyOnly
        ? l10n.t('Use Windows Hello for Business is not configured. The deployment guides list it as a required policy setting ("There are two policy settings required to configure Windows Hello for Business"): enable the Group Policy "Use Windows Hello for Business".')
        : cloudKerberos
          ? l10n.t('Use Windows Hello for Business (UsePassportForWork) is not set. This works only when the Intune tenant-wide policy enables Windows Hello for Business ("If the Intune tenant-wide policy is enabled and configured to your needs, you only need to enable the policy setting Use Cloud Trust For On Prem Auth"); otherwise add UsePassportForWork = true.')
          : l10n.t('Use Windows Hello for Business (UsePassportForWork) is not set. This works only when the Intune tenant-wide policy enables Windows Hello for Business (the guides: "If the Intune tenant-wide policy is enabled and configured to your needs"); otherwise add UsePassportForWork = true.');
      findings.push(finding('WHFB134', missingAnchor, message, missingSetting(catalog, NODES.usePassportForWork, true, !groupPolicyOnly)));
    }
    if (lower(trust) === 'certificate' && !groupPolicyOnly && !flag(model, catalog, NODES.useCertificateTrust).deciding) {
      // Hybrid certificate trust guide (Intune): "If the Intune tenant-wide policy is enabled and configured to your needs, you can skip to Enroll in Windows Hello for Business."
      findings.push(finding('WHFB134', missingAnchor,
        l10n.t('Use certificate for on-premises authentication (UseCertificateForOnPremAuth) is not set. Certificate trust then depends on the Intune tenant-wide policy ("If the Intune tenant-wide policy is enabled and configured to your needs, you can skip to Enroll in Windows Hello for Business"); without it, Windows uses {0}. Add UseCertificateForOnPremAuth = true.', TRUST_WORDS[effectiveTrust(false, flag(model, catalog, NODES.useCloudTrust).on)]()),
        missingSetting(catalog, NODES.useCertificateTrust, true, true)));
    }
    return findings;
  },
};

const postLogonProvisioningOff: Rule = {
  code: 'WHFB135',
  check(model, catalog) {
    if (!model.deployment) return [];
    const findings: Finding[] = [];
    // "If you select Don't start Windows Hello provisioning after sign-in, Windows Hello for Business doesn't automatically start provisioning after the user has signed in."
    const message = l10n.t('DisablePostLogonProvisioning is true: Windows Hello for Business doesn\'t automatically start provisioning after the user has signed in. The guides select this only "when you use a non-Microsoft solution to provision Windows Hello for Business"; otherwise set it to false or remove it.');
    const title = l10n.t('Set DisablePostLogonProvisioning to false');
    for (const source of mdmSources(model, catalog, NODES.disablePostLogonProvisioning)) {
      if (!source.on || !source.setting) continue;
      const before = postLogonFindings.get(source.setting);
      if (before && before.message === message && before.title === title) {
        findings.push(before.item);
        continue;
      }
      const item = finding('WHFB135', source.range, message, { ...valueFix(source.setting, false, title), ...pathsOf(source) });
      postLogonFindings.set(source.setting, { message, title, item });
      findings.push(item);
    }
    return findings;
  },
};

/**
 * WHFB135's finding per setting object. A setting the incremental parse kept has the same value and
 * range, so it gets the same finding object again, and what was made from it downstream (paths,
 * fix, diagnostic) is reused: the trust rules run again whenever an edit touches a setting they
 * read, and a file with hundreds of DisablePostLogonProvisioning settings rebuilt all their
 * findings and diagnostics then (issue 16). Weak, not one slot per run: another document (or the
 * workspace index) judged between two edits must not cost the edited one its findings; only the
 * few settings an edit re-reads add entries, so little waits here for a full collection.
 */
interface PostLogonFinding { message: string; title: string; item: Finding }
const postLogonFindings = new WeakMap<PolicySetting, PostLogonFinding>();

const deploymentConsistency: Rule = {
  code: 'WHFB140',
  check(model) {
    const deployment = model.deployment;
    if (!deployment) return [];
    const depModel = lower(deployment.model);
    const trust = lower(deployment.trust);
    const authentication = lower(deployment.authentication);
    const findings: Finding[] = [];
    if (trust === 'cloud-kerberos' && depModel === 'on-premises' && deployment.trust) {
      findings.push(finding('WHFB140', deployment.trust.range, l10n.t('Cloud Kerberos trust needs Microsoft Entra ID: it is a hybrid trust type. For on-premises use key or certificate trust, or set model: hybrid.'), related(deployment.model, l10n.t('deployment.model is on-premises'))));
    }
    if (depModel === 'hybrid' && trust === 'certificate' && authentication !== 'federated') {
      const at = deployment.authentication ?? deployment.trust;
      if (at) findings.push(finding('WHFB140', at.range, l10n.t('Hybrid certificate trust needs federated authentication (AD FS): set authentication: federated, or choose cloud-kerberos or key trust.'), related(deployment.trust, l10n.t('deployment.trust is certificate'))));
    }
    if (depModel === 'cloud-only' && trust && deployment.trust) {
      findings.push(finding('WHFB140', deployment.trust.range, l10n.t('A cloud-only deployment has no on-premises trust type: remove trust.'), related(deployment.model, l10n.t('deployment.model is cloud-only'))));
    }
    if ((depModel === 'hybrid' || depModel === 'on-premises') && !trust && deployment.model) {
      findings.push(finding('WHFB140', deployment.model.range, depModel === 'hybrid' ? l10n.t('A hybrid deployment needs a trust type: add trust: cloud-kerberos, key or certificate.') : l10n.t('A {0} deployment needs a trust type: add trust: key or certificate.', depModel)));
    }
    return findings;
  },
};

const requireSecurityDevice: Rule = {
  code: 'WHFB190',
  check(model, catalog) {
    const { groupPolicyOnly, describesChannel } = facts(model);
    if (!model.deployment) return [];
    const device = flag(model, catalog, NODES.requireSecurityDevice);
    // "If you disable or don't configure this policy setting, the TPM is still preferred, but all devices can provision Windows Hello for Business using software if the TPM is nonfunctional or unavailable."
    const consequence = l10n.t('devices without a usable TPM provision Windows Hello for Business in software. The guides recommend it ("Another optional, but recommended, policy setting is: Use a hardware security device")');
    const source = device.deciding;
    // Two MDM values that disagree are WHFB150's to report; advice only when nothing turns it on.
    if (source?.entry ? source.on : device.all.some((each) => each.on)) return [];
    if (source) {
      return [finding('WHFB190', source.range, source.entry ? l10n.t('{0}: {1}. Enable the policy.', saidOf(source), consequence) : l10n.t('{0}: {1}. Set it to true.', saidOf(source), consequence), { ...sourceFix(source, true, 'RequireSecurityDevice'), ...pathsOf(source) })];
    }
    if (!describesChannel) return [];
    const at = model.settingsKey ?? { start: model.deployment.range.start, end: model.deployment.range.start + 'deployment'.length };
    return [finding('WHFB190', at, groupPolicyOnly ? l10n.t('Use a hardware security device (RequireSecurityDevice) is not set: {0}. Enable the Group Policy "Use a hardware security device".', consequence) : l10n.t('Use a hardware security device (RequireSecurityDevice) is not set: {0}. Add RequireSecurityDevice = true.', consequence), missingSetting(catalog, NODES.requireSecurityDevice, true, !groupPolicyOnly))];
  },
};

/**
 * What these rules read (Rule.reads): the settings of the trust, provisioning and security-device
 * nodes, the deployment block, the Group Policy entries, the policy's scope and where the settings
 * list stands. An edit to any other setting leaves their findings as they were.
 */
const TRUST_READS: NonNullable<Rule['reads']> = {
  setting: settingOfNodes(Object.values(NODES)),
  model: (model) => [model.deployment, model.groupPolicy, model.policyScope, model.settingsKey],
};

export const trustRules: readonly Rule[] = [trustSettings, whfbTurnedOff, cloudTrustOverridden, whfbNotConfigured, postLogonProvisioningOff, deploymentConsistency, requireSecurityDevice]
  .map((rule) => ({ ...rule, reads: TRUST_READS }));
