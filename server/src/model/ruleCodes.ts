/**
 * Every rule code the product reports, with its default severity and the section it comes from.
 * One table, so the server, the CLI's SARIF rules, the docs and the tests agree. A rule module
 * in rules/ implements each code; tests assert that every code here has a module and fixtures.
 */
import type { SeverityName } from '../../../shared/protocol';

export interface RuleInfo {
  code: string;
  /** Short name, kebab-case, for SARIF and the docs. */
  name: string;
  defaultSeverity: SeverityName;
  /** One line: what the rule catches. */
  summary: string;
  /** The guide or CSP reference section the rule comes from. */
  href: string;
}

const LEARN = 'https://learn.microsoft.com/windows/security/identity-protection/hello-for-business';
const CSP = 'https://learn.microsoft.com/windows/client-management/mdm';

export const GUIDE_URLS = {
  planning: `${LEARN}/deploy/`,
  trustTypes: `${LEARN}/deploy/#trust-types`,
  authentication: `${LEARN}/deploy/#authentication-to-microsoft-entra-id`,
  cloudKerberos: `${LEARN}/deploy/hybrid-cloud-kerberos-trust`,
  cloudKerberosPolicy: `${LEARN}/deploy/hybrid-cloud-kerberos-trust#configure-windows-hello-for-business-policy`,
  hybridKey: `${LEARN}/deploy/hybrid-key-trust`,
  hybridCert: `${LEARN}/deploy/hybrid-cert-trust`,
  onPremKey: `${LEARN}/deploy/on-premises-key-trust`,
  onPremCert: `${LEARN}/deploy/on-premises-cert-trust`,
  cloudOnly: `${LEARN}/deploy/cloud-only`,
  policySettings: `${LEARN}/policy-settings`,
  precedence: `${LEARN}/configure#policy-conflicts-from-multiple-policy-sources`,
  passportCsp: `${CSP}/passportforwork-csp`,
  kerberosCsp: `${CSP}/policy-csp-kerberos`,
  customProfile: 'https://learn.microsoft.com/mem/intune/configuration/custom-settings-windows-10',
} as const;

export const RULES: readonly RuleInfo[] = [
  { code: 'WHFB001', name: 'syntax', defaultSeverity: 'error', summary: 'The file is not well-formed YAML, JSON or XML.', href: `${GUIDE_URLS.policySettings}` },
  { code: 'WHFB002', name: 'schema', defaultSeverity: 'error', summary: 'The policy file breaks the policy-file schema (unknown key, wrong type, missing key).', href: `${GUIDE_URLS.policySettings}` },
  { code: 'WHFB003', name: 'unsupported-input', defaultSeverity: 'warning', summary: 'The file is too large, binary, too deeply nested, has an alias bomb or merge-conflict markers, and is not checked further; or an internal error stopped the check (then an error).', href: `${GUIDE_URLS.policySettings}` },
  { code: 'WHFB101', name: 'unknown-node', defaultSeverity: 'error', summary: 'The OMA-URI names no node of the CSP.', href: `${GUIDE_URLS.passportCsp}` },
  { code: 'WHFB102', name: 'wrong-type', defaultSeverity: 'error', summary: "The setting's data type is not the node's DDF format.", href: `${GUIDE_URLS.passportCsp}` },
  { code: 'WHFB103', name: 'value-not-allowed', defaultSeverity: 'error', summary: 'The value is not one the node allows (enum, range, pattern, every item of a list node; an ADMX-backed policy: <enabled/>/<disabled/> in an OMA-URI, option _1/_0 in the Settings Catalog).', href: `${GUIDE_URLS.passportCsp}` },
  { code: 'WHFB104', name: 'tenant-id', defaultSeverity: 'error', summary: 'A tenant id, in tenantId or in an OMA-URI segment, is not a GUID without braces.', href: `${GUIDE_URLS.passportCsp}#devicetenantid` },
  { code: 'WHFB105', name: 'tenant-placeholder', defaultSeverity: 'error', summary: 'A {TenantId} placeholder has no tenant id to stand for, or an OMA-URI names a different tenant than tenantId.', href: `${GUIDE_URLS.passportCsp}#devicetenantid` },
  { code: 'WHFB106', name: 'not-settable', defaultSeverity: 'error', summary: 'The node is an interior node or cannot be set (no Add/Replace access).', href: `${GUIDE_URLS.passportCsp}` },
  { code: 'WHFB120', name: 'pin-length-order', defaultSeverity: 'error', summary: 'MinimumPINLength is not less than MaximumPINLength where they apply together (the user scope takes precedence over the device scope): Windows then uses the default values for both.', href: `${GUIDE_URLS.policySettings}#minimum-pin-length` },
  { code: 'WHFB130', name: 'trust-settings', defaultSeverity: 'error', summary: 'The trust flags (UseCloudTrustForOnPremAuth, UseCertificateForOnPremAuth), in MDM settings or Group Policy, make Windows use another trust type than deployment.trust.', href: `${GUIDE_URLS.trustTypes}` },
  { code: 'WHFB131', name: 'whfb-turned-off', defaultSeverity: 'error', summary: 'Use Windows Hello for Business (UsePassportForWork) is false or disabled, so the device does not provision Windows Hello for Business, where the deployment block deploys it.', href: `${GUIDE_URLS.policySettings}#use-windows-hello-for-business` },
  { code: 'WHFB133', name: 'cloud-trust-overridden', defaultSeverity: 'warning', summary: 'UseCloudTrustForOnPremAuth is on beside UseCertificateForOnPremAuth: certificate trust takes precedence and the cloud trust flag has no effect.', href: `${GUIDE_URLS.policySettings}#use-cloud-trust-for-on-premises-authentication` },
  { code: 'WHFB134', name: 'required-setting-not-configured', defaultSeverity: 'information', summary: 'A hybrid or on-premises deployment does not configure a policy setting its guide lists as required (Use Windows Hello for Business; Use certificate for on-premises authentication through Intune), which only the Intune tenant-wide policy can then supply.', href: `${GUIDE_URLS.policySettings}#use-windows-hello-for-business` },
  { code: 'WHFB135', name: 'post-logon-provisioning-off', defaultSeverity: 'warning', summary: 'DisablePostLogonProvisioning is true: Windows does not start provisioning after sign-in, which the guides reserve for non-Microsoft provisioning solutions.', href: `${GUIDE_URLS.policySettings}#use-windows-hello-for-business` },
  { code: 'WHFB140', name: 'deployment-consistency', defaultSeverity: 'error', summary: 'The deployment block contradicts itself (cloud Kerberos trust on-premises, hybrid certificate trust without federation, a trust type for cloud-only).', href: `${GUIDE_URLS.planning}` },
  { code: 'WHFB150', name: 'duplicate-setting', defaultSeverity: 'error', summary: 'The same setting appears twice with different values.', href: `${GUIDE_URLS.precedence}` },
  { code: 'WHFB160', name: 'group-policy-wins', defaultSeverity: 'warning', summary: 'Group Policy and MDM configure the same setting: for PassportForWork settings Group Policy wins; for Policy CSP settings Group Policy wins unless ControlPolicyConflict/MDMWinsOverGP is 1.', href: `${GUIDE_URLS.precedence}` },
  { code: 'WHFB161', name: 'unknown-group-policy', defaultSeverity: 'error', summary: 'The Group Policy name is not one the guides or the Group Policy templates give a setting the catalog knows.', href: `${GUIDE_URLS.policySettings}` },
  { code: 'WHFB170', name: 'newer-than-minimum-build', defaultSeverity: 'warning', summary: 'The node needs a newer Windows build than deployment.minimumOsBuild (compared per servicing branch, as the DDF lists them), or exists only on Insider builds.', href: `${GUIDE_URLS.passportCsp}` },
  { code: 'WHFB171', name: 'deprecated-node', defaultSeverity: 'warning', summary: 'The node is deprecated; use its successor.', href: `${GUIDE_URLS.passportCsp}` },
  { code: 'WHFB180', name: 'redacted-value', defaultSeverity: 'error', summary: 'The value is "****": an encrypted Graph value exported without its secret.', href: `${GUIDE_URLS.customProfile}` },
  { code: 'WHFB181', name: 'plain-text-secret', defaultSeverity: 'warning', summary: 'A custom-profile string looks like a plain-text secret (password, key or token) committed to the repository.', href: `${GUIDE_URLS.customProfile}` },
  { code: 'WHFB190', name: 'require-security-device', defaultSeverity: 'information', summary: 'Use a hardware security device (RequireSecurityDevice) is not set, or set to false; the guides recommend it.', href: `${GUIDE_URLS.policySettings}#use-a-hardware-security-device` },
  { code: 'WHFB300', name: 'cross-file-conflict', defaultSeverity: 'error', summary: 'Two policy files whose assignments overlap (or are unknown) set the same MDM setting to different values: Intune reports a conflict and applies neither value.', href: `${GUIDE_URLS.precedence}` },
  { code: 'WHFB301', name: 'cross-file-trust', defaultSeverity: 'error', summary: 'Certificate trust (UseCertificateForOnPremAuth) is on in one policy file or the tenant-wide policy and cloud Kerberos trust (UseCloudTrustForOnPremAuth) in another reaching the same devices: certificate trust takes precedence.', href: `${GUIDE_URLS.policySettings}#use-cloud-trust-for-on-premises-authentication` },
  { code: 'WHFB302', name: 'cross-file-enablement', defaultSeverity: 'error', summary: 'Windows Hello for Business is enabled in one source (MDM, Group Policy, tenant-wide policy) and disabled in another reaching the same devices.', href: `${GUIDE_URLS.policySettings}#use-windows-hello-for-business` },
  { code: 'WHFB303', name: 'cross-file-pin-length', defaultSeverity: 'error', summary: 'MinimumPINLength in one policy file is not less than MaximumPINLength in another reaching the same devices: Windows then uses the default values for both.', href: `${GUIDE_URLS.policySettings}#minimum-pin-length` },
  { code: 'WHFB304', name: 'cross-file-group-policy', defaultSeverity: 'warning', summary: 'Group Policy (a GPO backup or a policy file\'s groupPolicy) and MDM in another file configure the same setting: Group Policy wins for PassportForWork settings, and for Policy CSP settings unless MDMWinsOverGP is 1.', href: `${GUIDE_URLS.precedence}` },
  { code: 'WHFB305', name: 'tenant-ids-differ', defaultSeverity: 'information', summary: 'Policy files in one folder name different tenant ids: each applies only to devices of its own tenant.', href: `${GUIDE_URLS.passportCsp}#devicetenantid` },
];

/**
 * Codes no longer reported, kept so that they are never reused for another check and so that an
 * old `whfb.rules` entry or `# whfb-ignore` comment naming one stays harmless.
 */
export const RETIRED_RULES: readonly { code: string; name: string; reason: string }[] = [
  {
    code: 'WHFB132',
    name: 'cloud-kerberos-retrieval',
    reason: 'Retired: it asked for Kerberos/CloudKerberosTicketRetrievalEnabled in cloud Kerberos trust, but the cloud Kerberos trust guide names two required policy settings (Use Windows Hello for Business, Use cloud trust for on-premises authentication) and this is neither; the DDF also lists the node only from 10.0.22000.',
  },
];

export const RULES_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((rule) => [rule.code, rule]));

/** The rule reference (generated by scripts/rules/generateRuleDocs.ts), relative to the repository root. */
export const RULE_DOCS_PATH = 'docs/rules.md';

/** A rule's page in the rule reference: docs/rules.md#whfb120 (relative; the project has no public docs URL). */
export function ruleDocsUrl(code: string): string {
  return `${RULE_DOCS_PATH}#${code.toLowerCase()}`;
}
