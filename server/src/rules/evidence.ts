/**
 * Why each rule exists: what it checks, why it has its severity, and the sentences of the shipped
 * guides (data/guides) and DDF (data/ddf) it rests on. Kept apart from the rule table (model/ruleCodes.ts), keyed by code, so
 * that rewording a rule's row and revising its evidence never touch the same line.
 *
 * Every quote is checked against the file it names (test/unit/ruleEvidence.test.ts): it must occur
 * there verbatim once whitespace and Markdown are normalised, and a guide quote must sit in the
 * section its href points at. A quote that drifts from the sources fails the build.
 * docs/rules.md is generated from this table (scripts/rules/generateRuleDocs.ts).
 */

export interface EvidenceQuote {
  /** The sentence as the source writes it (Markdown may be left out). */
  quote: string;
  source: 'guide' | 'ddf';
  /** The file under data/ that holds it: a guide page (includes are resolved) or a DDF file. */
  file: string;
  /** The published section (guide) or CSP reference entry (DDF) the quote is read at. */
  href: string;
  /**
   * 'supports' (default): the rule stands on it. 'limits': the source narrows or contradicts
   * the rule as implemented; the docs show it so a reader sees the disagreement.
   */
  stance?: 'supports' | 'limits';
}

export interface RuleEvidence {
  /** What the rule checks, in full. */
  checks: string;
  /** Why the rule has its default severity, under the severity policy (docs/rules.md). */
  severityReason: string;
  evidence: readonly EvidenceQuote[];
  /** Set when no guide or DDF sentence supports the rule: what it rests on instead. */
  unsupported?: string;
}

/** The severity policy every rule's default severity follows; docs/rules.md prints it. */
export const SEVERITY_POLICY = {
  error: 'Windows or Intune rejects the setting or ignores it on every device the policy reaches (so the policy does not do what it says), or Windows Hello for Business will not work as the deployment block says.',
  warning: 'The guides (or the DDF) say it should not be so, or only some devices in scope will ignore the setting; Windows applies the rest of the policy.',
  information: 'Advice: the guides recommend something the policy does not do.',
  tool: 'Rules about reading the file (WHFB001-WHFB003) are rated by what the checker can do: error when the file cannot be read as a policy at all, warning when it was read but is not checked.',
} as const;

const LEARN = 'https://learn.microsoft.com/windows/security/identity-protection/hello-for-business';
const CSP = 'https://learn.microsoft.com/windows/client-management/mdm';

const PAGES = {
  configure: 'guides/hello-for-business/configure.md',
  policySettings: 'guides/hello-for-business/policy-settings.md',
  plan: 'guides/hello-for-business/deploy/index.md',
  cloudKerberos: 'guides/hello-for-business/deploy/hybrid-cloud-kerberos-trust.md',
  cloudOnly: 'guides/hello-for-business/deploy/cloud-only.md',
  hybridCertEnroll: 'guides/hello-for-business/deploy/hybrid-cert-trust-enroll.md',
  entraJoinedCert: 'guides/hello-for-business/hello-hybrid-aadj-sso-cert.md',
  hybridKeyEnroll: 'guides/hello-for-business/deploy/hybrid-key-trust-enroll.md',
  onPremKeyEnroll: 'guides/hello-for-business/deploy/on-premises-key-trust-enroll.md',
} as const;

const DDF = {
  passport: 'ddf/PassportForWork.xml',
  kerberos: 'ddf/Kerberos_AreaDDF.xml',
  admxCredentialProviders: 'ddf/ADMX_CredentialProviders_AreaDDF.xml',
  deviceLock: 'ddf/DeviceLock_AreaDDF.xml',
} as const;

function guide(file: string, href: string, quote: string, stance?: 'limits'): EvidenceQuote {
  return { quote, source: 'guide', file, href, ...(stance ? { stance } : {}) };
}

function ddf(file: string, href: string, quote: string, stance?: 'limits'): EvidenceQuote {
  return { quote, source: 'ddf', file, href, ...(stance ? { stance } : {}) };
}

const CONFIGURATION_OPTIONS = `${LEARN}/configure#configuration-options`;
const TENANT_ID_SECTION = `${LEARN}/configure#retrieve-the-microsoft-entra-tenant-id`;
const POLICY_CONFLICTS = `${LEARN}/configure#policy-conflicts-from-multiple-policy-sources`;
const CLOUD_KERBEROS_POLICY = `${LEARN}/deploy/hybrid-cloud-kerberos-trust#configure-windows-hello-for-business-policy-settings`;
const HYBRID_CERT_POLICY = `${LEARN}/deploy/hybrid-cert-trust-enroll#configure-windows-hello-for-business-policy-settings`;
const CLOUD_ONLY_POLICY = `${LEARN}/deploy/cloud-only#configure-windows-hello-for-business-policy-settings`;
const TRUST_TYPES = `${LEARN}/deploy/#trust-types`;
const HYBRID_KEY_POLICY = `${LEARN}/deploy/hybrid-key-trust-enroll#configure-windows-hello-for-business-policy-settings`;
const ON_PREM_KEY_POLICY = `${LEARN}/deploy/on-premises-key-trust-enroll#configure-windows-hello-for-business-policy-settings`;
const INTUNE_OPTIONS = `${LEARN}/configure#configure-windows-hello-for-business-using-microsoft-intune`;
const DISABLE_ENROLLMENT = `${LEARN}/configure#disable-windows-hello-for-business-enrollment`;
const POLICY = (anchor: string): string => `${LEARN}/policy-settings#${anchor}`;
const PASSPORT_CSP = (anchor: string): string => `${CSP}/passportforwork-csp#${anchor}`;

const NO_WHFB_SOURCE = 'A rule about reading the file, not about Windows Hello for Business: no guide or DDF sentence applies. It rests on the file formats themselves (YAML, JSON, XML, SyncML) and on the policy-file schema (schemas/whfb-policy.schema.json).';

export const RULE_EVIDENCE: Readonly<Record<string, RuleEvidence>> = {
  WHFB001: {
    checks: 'The file parses as the format it claims to be: YAML for policy files and IntuneCD exports, JSON for Graph exports, XML for SyncML. The finding stands on the first syntax error; nothing else in the file is checked.',
    severityReason: 'Error: a file that does not parse cannot be imported by Intune or read by the checker, so none of its settings take effect as written.',
    evidence: [],
    unsupported: NO_WHFB_SOURCE,
  },
  WHFB002: {
    checks: 'The file has the shape of its format: a policy file follows the policy-file schema (known keys, right types, required keys such as `whfb` and `tenantId`), a Settings Catalog export has a `settings` list of setting instances, a SyncML document has a `<SyncML>` root with `<SyncBody>` and items that name a node.',
    severityReason: 'Error: a file of the wrong shape is not a policy the checker (or Intune, for exports) can read; settings in the wrong place are silently dropped.',
    evidence: [],
    unsupported: NO_WHFB_SOURCE,
  },
  WHFB003: {
    checks: 'The file is one the checker can safely read: not too large, not binary, not nested beyond the limits, no YAML alias bomb, no merge-conflict markers. Such a file is reported once and not checked further. A failure inside the checker itself is reported under this code too, as an error naming the internal error, so a file the tool could not check never looks clean.',
    severityReason: 'Warning (tool rule): the file was found but not checked, so a clean result would be a false assurance; it is not an error because the file may well be a valid policy.',
    evidence: [],
    unsupported: NO_WHFB_SOURCE,
  },
  WHFB101: {
    checks: 'Every OMA-URI under a CSP the catalog covers (PassportForWork, the Policy CSP areas for Windows Hello for Business, ClientCertificateInstall, RemoteLock) names a node the DDF defines, and every Settings Catalog id that names a PassportForWork or Kerberos setting is one the catalog knows. A close match is offered as "did you mean" with a quick fix. OMA-URIs of other CSPs are left alone in exports.',
    severityReason: 'Error: a path that names no node is not applied on the device; the policy does not do what it says.',
    evidence: [
      guide(PAGES.configure, CONFIGURATION_OPTIONS, 'To configure Windows Hello for Business, use the PassportForWork CSP'),
      guide(PAGES.configure, TENANT_ID_SECTION, 'the PassportForWork CSP documentation describes how to configure Windows Hello for Business options using the OMA-URI: ./Device/Vendor/MSFT/PassportForWork/{TenantId}'),
    ],
  },
  WHFB102: {
    checks: "The data type a setting is written with (policy file `type`, custom profile `@odata.type`, SyncML `<Format>`, Settings Catalog value type) is the node's DDF format: bool, int, chr (string), b64 or xml.",
    severityReason: 'Error: a value sent with the wrong format is rejected by the device, so the setting does not apply.',
    evidence: [
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'OMA-URI: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UseCloudTrustForOnPremAuth - Data type: bool - Value: True'),
      ddf(DDF.passport, PASSPORT_CSP('devicetenantidpoliciesusecloudtrustforonpremauth'), 'If you disable or do not configure this policy setting, Windows Hello for Business will use a key or certificate to authenticate to on-premises resources.</Description> <DFFormat> <bool /> </DFFormat>'),
    ],
  },
  WHFB103: {
    checks: "The value is one the node allows: one of the DDF's enumerated values, inside its range, matching its pattern (for a list node, such as DeviceUnlock GroupA, every item of the list, split at the delimiter the DDF or the guide gives), or for ADMX-backed Policy CSP nodes: an `<enabled/>`/`<disabled/>` payload where the value is a raw OMA-URI string (custom profile, SyncML, policy file), and the `_1` (Enabled) or `_0` (Disabled) option where it is a Settings Catalog choice, whose payload Intune writes itself. Booleans and integers must read as such.",
    severityReason: 'Error: the device rejects a value outside the allowed set, or (for PIN lengths) falls back to defaults; either way the setting does not apply as written.',
    evidence: [
      ddf(DDF.passport, PASSPORT_CSP('devicetenantidpoliciespincomplexityminimumpinlength'), 'The lowest number you can configure for this policy setting is 4.'),
      guide(PAGES.policySettings, POLICY('minimum-pin-length'), 'The lowest number you can configure for this policy setting is 4.'),
      ddf(DDF.passport, PASSPORT_CSP('devicetenantidpoliciespincomplexityhistory'), 'Valid values are 0 to 50 inclusive.'),
      ddf(DDF.admxCredentialProviders, `${CSP}/policy-csp-admx-credentialproviders#defaultcredentialprovider`, '<MSFT:AllowedValues ValueType="ADMX"> <MSFT:AdmxBacked Area="CredentialProviders~AT~System~Logon" Name="DefaultCredentialProvider" File="CredentialProviders.admx" /> </MSFT:AllowedValues>'),
    ],
  },
  WHFB104: {
    checks: 'The top-level `tenantId` and every tenant segment of a PassportForWork OMA-URI is a GUID written without braces (or, in a policy file, the `{TenantId}` placeholder). A quick fix removes braces or puts the placeholder back.',
    severityReason: 'Error: the DDF names the segment a GUID without curly braces; a segment that is not the tenant GUID configures a tenant the device does not belong to, so the policy does not apply.',
    evidence: [
      ddf(DDF.passport, PASSPORT_CSP('devicetenantid'), 'This policy specifies the Tenant ID in the format of a Globally Unique Identifier (GUID) without curly braces ( { , } ), which will be used as part of Windows Hello for Business provisioning and management.'),
      guide(PAGES.configure, TENANT_ID_SECTION, 'When configuring devices, replace TenantID with your Microsoft Entra tenant ID. For example, if your Microsoft Entra tenant ID is dcd219dd-bc68-4b9b-bf0b-4a33a796be35, the OMA-URI would be: ./Device/Vendor/MSFT/PassportForWork/{dcd219dd-bc68-4b9b-bf0b-4a33a796be35}', 'limits'),
    ],
  },
  WHFB105: {
    checks: 'A `{TenantId}` placeholder has a tenant to stand for: in a policy file, a top-level `tenantId`; in exports, custom profiles and SyncML nothing replaces it, so it must be the GUID itself. An OMA-URI that spells a GUID different from `tenantId` is flagged too.',
    severityReason: 'Error: Intune sends the OMA-URI as written; a literal {TenantId} segment or another tenant\'s GUID configures no tenant the device is in, so the setting never applies.',
    evidence: [
      guide(PAGES.configure, TENANT_ID_SECTION, 'The configuration via CSP or registry of different Windows Hello for Business policy settings require to specify the Microsoft Entra tenant ID where the device is registered.'),
      guide(PAGES.configure, TENANT_ID_SECTION, 'When configuring devices, replace TenantID with your Microsoft Entra tenant ID.'),
    ],
  },
  WHFB106: {
    checks: 'The node can take a value: it is not an interior node (one that only groups other nodes) and its DDF access types include Add or Replace.',
    severityReason: 'Error: the device rejects a value for a node it does not let you set.',
    evidence: [
      ddf(DDF.passport, PASSPORT_CSP('devicesecuritykey'), '<NodeName>SecurityKey</NodeName> <DFProperties> <AccessType> <Get /> </AccessType> <Description>Security Key</Description> <DFFormat> <node /> </DFFormat>'),
    ],
  },
  WHFB120: {
    checks: 'MinimumPINLength is less than MaximumPINLength where the two apply together: the device pair, and the user-scope values together with the device values for whatever the user scope leaves unset (the user policy takes precedence over the device policy). Equal lengths are reported too.',
    severityReason: 'Error: when the PIN lengths contradict each other Windows ignores both and uses the defaults, so the PIN policy does not do what it says.',
    evidence: [
      guide(PAGES.policySettings, POLICY('minimum-pin-length'), 'The largest number you can configure must be less than the number configured in the Maximum PIN length policy setting or the number 127, whichever is the lowest.'),
      guide(PAGES.policySettings, POLICY('minimum-pin-length'), 'If the above specified conditions for the minimum PIN length are not met, default values will be used for both the maximum and minimum PIN lengths.'),
      ddf(DDF.passport, PASSPORT_CSP('devicetenantidpoliciespincomplexityminimumpinlength'), 'NOTE: If the above specified conditions for the minimum PIN length are not met, default values will be used for both the maximum and minimum PIN lengths.'),
      guide(PAGES.configure, DISABLE_ENROLLMENT, "If there's a conflicting device policy and user policy, the user policy takes precedence."),
    ],
  },
  WHFB130: {
    checks: 'The trust type Windows will use, decided from the trust flags in the MDM settings and the `groupPolicy` entries together (Group Policy wins over MDM, a user policy over a computer one), is the one `deployment.trust` names. Windows uses certificate trust when UseCertificateForOnPremAuth is on, otherwise cloud Kerberos trust when UseCloudTrustForOnPremAuth is on, otherwise key trust. The message says which trust Windows will use.',
    severityReason: 'Error: Windows Hello for Business authenticates on-premises with another trust model than the deployment block says, so sign-in to Active Directory does not work as deployed.',
    evidence: [
      guide(PAGES.policySettings, POLICY('use-certificate-for-on-premises-authentication'), "If you disable or don't configure this policy setting, Windows Hello for Business will use a key or a Kerberos ticket (depending on other policy settings) for on-premises authentication"),
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'There are two policy settings required to configure Windows Hello for Business in a cloud Kerberos trust model'),
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'If the Use certificate for on-premises authentication policy is enabled, certificate trust takes precedence over cloud Kerberos trust. Ensure that the machines that you want to enable cloud Kerberos trust have this policy not configured.'),
      guide(PAGES.hybridCertEnroll, HYBRID_CERT_POLICY, 'There are two policy settings required to enable Windows Hello for Business in a certificate trust model'),
      guide(PAGES.policySettings, POLICY('use-cloud-trust-for-on-premises-authentication'), 'Cloud Kerberos trust is incompatible with certificate trust. If the certificate trust policy setting is enabled, it takes precedence over this policy setting.'),
      guide(PAGES.entraJoinedCert, `${LEARN}/hello-hybrid-aadj-sso-cert#assign-group-to-the-whfb-certificate-enrollment-certificate-profile`, 'Devices managed with MDM where UseCertificateForOnPremAuth is enabled will fail a prerequisite check for Windows Hello for Business provisioning.', 'limits'),
    ],
  },
  WHFB131: {
    checks: 'Where the deployment block deploys Windows Hello for Business, Use Windows Hello for Business is not turned off: UsePassportForWork is not false and its Group Policy is not disabled. The Intune tenant-wide enrollment policy turned off (state disabled) is not reported. A missing setting is WHFB134 (hybrid and on-premises) or nothing at all (cloud-only, where it is on by default).',
    severityReason: 'Error: with the setting off the device does not provision Windows Hello for Business for any user, so the deployment does not happen.',
    evidence: [
      guide(PAGES.policySettings, POLICY('use-windows-hello-for-business'), "If you disable this policy setting, the device doesn't provision Windows Hello for Business for any user"),
      ddf(DDF.passport, PASSPORT_CSP('devicetenantidpoliciesusepassportforwork'), 'If you enable or do not configure this policy setting, the device provisions Windows Hello for Business for all users.', 'limits'),
      guide(PAGES.cloudOnly, CLOUD_ONLY_POLICY, "If you want to use Windows Hello for Business in a cloud-only environment with its default settings, there's no extra configuration needed.", 'limits'),
      guide(PAGES.configure, DISABLE_ENROLLMENT, 'Windows Hello for Business is enabled by default for devices that are Microsoft Entra joined.', 'limits'),
      // Why the tenant-wide enrollment policy (PolicyModel.policyScope) is never reported: disabling it is the usual practice.
      guide(PAGES.configure, `${LEARN}/configure#configure-windows-hello-for-business-using-microsoft-intune`, 'For this reason, the policy is usually disabled and Windows Hello for Business is enabled using a policy targeted to a security group', 'limits'),
    ],
  },
  WHFB133: {
    checks: 'Both trust flags are on (UseCertificateForOnPremAuth and UseCloudTrustForOnPremAuth, in MDM settings or Group Policy) where the deployment is not cloud Kerberos trust: certificate trust takes precedence and the cloud trust flag has no effect. (In a cloud Kerberos deployment the same pair is WHFB130, since Windows then uses certificate trust.)',
    severityReason: 'Warning: the guides say the two are incompatible; Windows applies certificate trust and ignores the cloud trust flag, so the deployment still works but the policy says something it does not do.',
    evidence: [
      guide(PAGES.policySettings, POLICY('use-cloud-trust-for-on-premises-authentication'), 'Cloud Kerberos trust is incompatible with certificate trust. If the certificate trust policy setting is enabled, it takes precedence over this policy setting.'),
    ],
  },
  WHFB134: {
    checks: "A hybrid or on-premises deployment does not set a policy setting its guide lists as required (Use Windows Hello for Business; Use cloud trust for on-premises authentication for cloud Kerberos trust; Use certificate for on-premises authentication for certificate trust). Through Intune the message names the tenant-wide policy, which can stand in for the settings; cloud-only deployments are never asked.",
    severityReason: 'Information: the setting may come from the Intune tenant-wide policy or another file, which the guides allow; the finding is advice to check that it does.',
    evidence: [
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'There are two policy settings required to configure Windows Hello for Business in a cloud Kerberos trust model'),
      guide(PAGES.onPremKeyEnroll, ON_PREM_KEY_POLICY, "There's 1 policy setting required to enable Windows Hello for Business in a key trust model"),
      guide(PAGES.hybridCertEnroll, HYBRID_CERT_POLICY, 'There are two policy settings required to enable Windows Hello for Business in a certificate trust model'),
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'If the Intune tenant-wide policy is enabled and configured to your needs, you only need to enable the policy setting Use Cloud Trust For On Prem Auth. Otherwise, both settings must be configured.', 'limits'),
      guide(PAGES.hybridKeyEnroll, HYBRID_KEY_POLICY, 'If the Intune tenant-wide policy is enabled and configured to your needs, you can skip to Enroll in Windows Hello for Business.', 'limits'),
      guide(PAGES.cloudOnly, CLOUD_ONLY_POLICY, "If you want to use Windows Hello for Business in a cloud-only environment with its default settings, there's no extra configuration needed.", 'limits'),
    ],
  },
  WHFB135: {
    checks: "DisablePostLogonProvisioning is true: Windows does not start provisioning after sign-in, which the guides reserve for a non-Microsoft provisioning solution.",
    severityReason: 'Warning: the guides say to choose this only with a non-Microsoft provisioning solution; without one, users are never asked to provision and the deployment stalls.',
    evidence: [
      guide(PAGES.policySettings, POLICY('use-windows-hello-for-business'), "Select the option Don't start Windows Hello provisioning after sign-in when you use a non-Microsoft solution to provision Windows Hello for Business"),
      guide(PAGES.policySettings, POLICY('use-windows-hello-for-business'), "If you select Don't start Windows Hello provisioning after sign-in, Windows Hello for Business doesn't automatically start provisioning after the user has signed in"),
    ],
  },
  WHFB140: {
    checks: 'The deployment block agrees with itself: cloud Kerberos trust is a hybrid trust type (not on-premises); hybrid certificate trust needs federated authentication; a cloud-only deployment has no trust type; hybrid and on-premises deployments name one.',
    severityReason: 'Error: the combination the block describes is one the guides say cannot be deployed, so Windows Hello for Business will not work as the block says. (It also fires when a hybrid certificate trust block leaves `authentication` out, which contradicts nothing; under the policy that case would be information.)',
    evidence: [
      guide(PAGES.plan, TRUST_TYPES, 'For this reason, the trust type isn\'t applicable to a cloud-only deployment model.'),
      guide(PAGES.plan, `${LEARN}/deploy/#authentication-to-microsoft-entra-id`, "Certificate trust Federated authentication This deployment model doesn't support PTA or PHS. Active Directory must be federated with Microsoft Entra ID using AD FS"),
      guide(PAGES.plan, `${LEARN}/deploy/#pki-requirements`, "Cloud Kerberos trust is the only hybrid deployment option that doesn't require the deployment of any certificates."),
      guide(PAGES.plan, `${LEARN}/deploy/#deployment-models`, "For organizations that don't have cloud identities or use applications hosted in Microsoft Entra ID."),
      guide(PAGES.plan, TRUST_TYPES, "A deployment's trust type defines how Windows Hello for Business clients authenticate to Active Directory."),
    ],
  },
  WHFB150: {
    checks: 'The same setting (node, scope and tenant, with `{TenantId}` and the tenant GUID counted as one) appears twice in one file with different values.',
    severityReason: 'Error: for most nodes the last value written wins, so which of the two a device keeps depends on delivery order and the policy does not say what the device will do.',
    evidence: [
      ddf(DDF.passport, PASSPORT_CSP('devicebiometricsenableesswithsupportedperipherals'), '<MSFT:ConflictResolution>LastWrite</MSFT:ConflictResolution>'),
      ddf(DDF.deviceLock, `${CSP}/policy-csp-devicelock#devicepasswordhistory`, '<MSFT:ConflictResolution>HighestValueMostSecure</MSFT:ConflictResolution>', 'limits'),
    ],
  },
  WHFB160: {
    checks: 'Group Policy and MDM configure the same setting in one file (a `groupPolicy` entry maps to a node a `settings` entry also sets), or the deployment block says `management: both`. For PassportForWork settings Group Policy wins; for Policy CSP settings (Kerberos, DeviceLock...) Group Policy wins unless ControlPolicyConflict/MDMWinsOverGP is 1, and the rule is silent where the file sets it.',
    severityReason: 'Warning: the guides say not to mix the two; Windows applies the Group Policy value and ignores the CSP value, which the author may not expect.',
    evidence: [
      guide(PAGES.configure, POLICY_CONFLICTS, 'Windows Hello for Business can be configured by GPO or CSP, but not a combination of both.'),
      guide(PAGES.configure, POLICY_CONFLICTS, "If you mix GPO and CSP policy settings, the conflicting CSP settings aren't applied until the group policy settings are cleared."),
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'If you deploy Windows Hello for Business configuration using both Group Policy and Intune, Group Policy settings take precedence, and Intune settings are ignored.'),
      guide(PAGES.configure, POLICY_CONFLICTS, 'MDMWinsOverGP only applies to policies in the Policy CSP, while the Windows Hello for Business policies are in the PassportForWork CSP.'),
    ],
  },
  WHFB161: {
    checks: 'Every `groupPolicy` entry of a policy file names a Group Policy setting the catalog maps: the names the guides\' Group Policy tables use, the Group Policy editor (ADMX/ADML) display names, the policy settings reference headings and the ADMX policy names are all accepted; an unknown name gets a "did you mean".',
    severityReason: 'Error: a name that is no Group Policy is a setting nobody can configure as written, so the deployment does not get it, as with an OMA-URI that names no node (WHFB101).',
    evidence: [
      guide(PAGES.policySettings, `${LEARN}/policy-settings`, 'The list of settings is sorted alphabetically and organized in four categories'),
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'Computer Configuration\\Administrative Templates\\Windows Components\\Windows Hello for Business Use cloud Kerberos trust for on-premises authentication Enabled'),
    ],
  },
  WHFB170: {
    checks: 'With `deployment.minimumOsBuild` set, every node is available on that build, compared per servicing branch as the DDF lists them: within a listed branch the revision decides; a branch newer than every listed one has the node; an older branch does not; an unlisted branch between two listed ones is serviced with the one below it. A node the DDF lists only for Insider builds (99.9.99999) is reported as not available on any released build.',
    severityReason: 'Warning: only devices on builds older than the node ignore it; newer devices and the rest of the policy apply.',
    evidence: [
      ddf(DDF.passport, PASSPORT_CSP('devicetenantidpoliciesusecloudtrustforonpremauth'), '<MSFT:OsBuildVersion>10.0.22621, 10.0.22000.527, 10.0.19044.1566</MSFT:OsBuildVersion>'),
      guide(PAGES.plan, `${LEARN}/deploy/#windows-requirements`, 'All supported Windows versions can be used with Windows Hello for Business. However, cloud Kerberos trust requires minimum versions:'),
      guide(PAGES.plan, `${LEARN}/deploy/#windows-requirements`, 'Windows 10 21H2, with KB5010415 and later'),
    ],
  },
  WHFB171: {
    checks: 'The node is one the DDF marks deprecated; the quick fix writes its successor.',
    severityReason: 'Warning: the node still works today, but the DDF says it will be removed.',
    evidence: [
      ddf(DDF.passport, PASSPORT_CSP('deviceusebiometrics'), 'THIS NODE IS DEPRECATED AND WILL BE REMOVED IN A FUTURE VERSION. PLEASE USE Biometrics/UseBiometrics NODE INSTEAD.'),
    ],
  },
  WHFB180: {
    checks: 'A value is exactly `****`: what Microsoft Graph exports in place of an encrypted custom-profile value.',
    severityReason: 'Error: importing the export would set the literal `****`, which is not the value the policy had.',
    evidence: [],
    unsupported: 'No sentence of the shipped guides or DDF: the rule rests on how Microsoft Graph exports encrypted OMA-URI values (secret values come back masked), which is not in data/.',
  },
  WHFB181: {
    checks: 'A custom-profile string looks like a plain-text secret: the setting names a password, key or token and its value is one opaque string of at least 8 characters. GUIDs and GUID lists, numbers and flags, paths and URIs, XML, placeholders, domains, mail addresses and prose are not secrets; Settings Catalog choices and nodes whose DDF format or allowed values say what the value is (bool, int, enum, ADMX, range, pattern) are never reported.',
    severityReason: 'Warning: repository hygiene, not a Windows behaviour; the policy itself works.',
    evidence: [],
    unsupported: 'No sentence of the shipped guides or DDF: the rule is repository hygiene (secrets do not belong in version control), not Windows Hello for Business behaviour. Its severity does not fit the policy\'s "warning = the guides say it should not be so".',
  },
  WHFB190: {
    checks: 'Use a hardware security device: reported as advice where Intune delivers the deployment and neither RequireSecurityDevice nor its Group Policy is set, and on the value where it is false or the Group Policy is disabled. Two MDM values that disagree are left to WHFB150.',
    severityReason: 'Information: the guides call a hardware security device optional but recommended; without it Windows still prefers the TPM.',
    evidence: [
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'Another optional, but recommended, policy setting is: Use a hardware security device'),
      guide(PAGES.cloudOnly, CLOUD_ONLY_POLICY, 'Another optional, but recommended, policy setting is: Use a hardware security device'),
      guide(PAGES.policySettings, POLICY('use-a-hardware-security-device'), "A Trusted Platform Module (TPM) provides additional security benefits over software because data protected by it can't be used on other devices."),
      guide(PAGES.policySettings, POLICY('use-a-hardware-security-device'), "If you disable or don't configure this policy setting, the TPM is still preferred, but all devices can provision Windows Hello for Business using software if the TPM is nonfunctional or unavailable."),
    ],
  },
  WHFB300: {
    checks: 'Across the policy files of a folder or workspace (not within one file: that is WHFB150): the same MDM setting (catalog node and scope) is set to different values in two files that reach the same devices. Reach is read from the `assignments` of Graph and IntuneCD exports (All devices, All users, the same group id or name, exclusions and assignment filters considered; two different groups are taken not to overlap); where a file has no assignments the finding says the conflict holds if both reach the same devices. Files of two different tenants never conflict. Use Windows Hello for Business is left to WHFB302, the tenant-wide policy against a device configuration policy is not a conflict (the latter applies after enrollment). The finding stands on each side and points at the other.',
    severityReason: 'Error: on the devices both policies reach, Intune reports the setting as conflicting and neither value is applied as the files say.',
    evidence: [
      ddf(DDF.passport, PASSPORT_CSP('devicebiometricsenableesswithsupportedperipherals'), '<MSFT:ConflictResolution>LastWrite</MSFT:ConflictResolution>', 'limits'),
    ],
    unsupported: 'No sentence of the shipped guides or DDF: what Intune does with two assigned policies that set one setting to different values (it reports a conflict and applies neither) is Intune documentation, which is not in data/. The DDF conflict-resolution attribute describes the device side when two writes arrive.',
  },
  WHFB301: {
    checks: 'Across files: UseCertificateForOnPremAuth (or its Group Policy) is on in one policy file, or in the tenant-wide policy, and UseCloudTrustForOnPremAuth is on in another file reaching the same devices. The finding stands on the certificate trust setting, which wins, and points at the cloud trust setting.',
    severityReason: 'Error: devices use certificate trust and the cloud Kerberos trust deployment the other file makes does not happen, so on-premises sign-in works otherwise than one of the two files says.',
    evidence: [
      guide(PAGES.policySettings, POLICY('use-cloud-trust-for-on-premises-authentication'), 'Cloud Kerberos trust is incompatible with certificate trust. If the certificate trust policy setting is enabled, it takes precedence over this policy setting.'),
      guide(PAGES.configure, INTUNE_OPTIONS, 'Is only applied at enrollment time, and any changes to its configuration doesn\'t apply to devices already enrolled in Intune'),
    ],
  },
  WHFB302: {
    checks: 'Across files: Use Windows Hello for Business (UsePassportForWork, its Group Policy, or the tenant-wide policy\'s state) is on in one source and off in another reaching the same devices. The finding stands on the source that wins (Group Policy over the PassportForWork CSP, a user policy over a device policy, a device configuration policy over the tenant-wide policy), or on both where two MDM policies conflict.',
    severityReason: 'Error: one of the two files does not do what it says: either devices do not provision Windows Hello for Business where a file enables it, or they do where a file disables it.',
    evidence: [
      guide(PAGES.policySettings, POLICY('use-windows-hello-for-business'), "If you disable this policy setting, the device doesn't provision Windows Hello for Business for any user"),
      guide(PAGES.configure, POLICY_CONFLICTS, "If you mix GPO and CSP policy settings, the conflicting CSP settings aren't applied until the group policy settings are cleared."),
      guide(PAGES.configure, DISABLE_ENROLLMENT, "If there's a conflicting device policy and user policy, the user policy takes precedence."),
      guide(PAGES.configure, INTUNE_OPTIONS, 'A device configuration policy that is applied after device enrollment.'),
    ],
  },
  WHFB303: {
    checks: 'Across files: MinimumPINLength (same scope) in one policy file is not less than MaximumPINLength in another file reaching the same devices. The finding stands on the minimum and points at the maximum.',
    severityReason: 'Error: where both apply Windows ignores both lengths and uses the defaults, so neither file\'s PIN policy applies.',
    evidence: [
      guide(PAGES.policySettings, POLICY('minimum-pin-length'), 'The largest number you can configure must be less than the number configured in the Maximum PIN length policy setting or the number 127, whichever is the lowest.'),
      guide(PAGES.policySettings, POLICY('minimum-pin-length'), 'If the above specified conditions for the minimum PIN length are not met, default values will be used for both the maximum and minimum PIN lengths.'),
    ],
  },
  WHFB304: {
    checks: 'Across files: a Group Policy (a `groupPolicy` entry of a policy file, or a GPO backup) and an MDM setting in another file configure the same setting for the same devices. For PassportForWork settings Group Policy wins and the finding stands on it; for Policy CSP settings Group Policy wins unless a policy reaching the devices sets ControlPolicyConflict/MDMWinsOverGP to 1, in which case the finding stands on the MDM setting. Different values of Use Windows Hello for Business are WHFB302.',
    severityReason: 'Warning: the guides say not to mix the two; Windows applies one value and ignores the other, which the author of the losing file may not expect.',
    evidence: [
      guide(PAGES.configure, POLICY_CONFLICTS, 'Windows Hello for Business can be configured by GPO or CSP, but not a combination of both.'),
      guide(PAGES.configure, POLICY_CONFLICTS, "If you mix GPO and CSP policy settings, the conflicting CSP settings aren't applied until the group policy settings are cleared."),
      guide(PAGES.configure, POLICY_CONFLICTS, 'MDMWinsOverGP only applies to policies in the Policy CSP, while the Windows Hello for Business policies are in the PassportForWork CSP.'),
    ],
  },
  WHFB305: {
    checks: 'Policy files in one folder name different Microsoft Entra tenant ids (a policy file\'s `tenantId`, or the one tenant GUID the OMA-URIs of an export spell). Reported on each file whose tenant differs from the first file\'s (by name), pointing at that file. Cross-file rules never compare files of two tenants.',
    severityReason: 'Information: a folder may well hold two tenants on purpose; the finding says the files do not apply together.',
    evidence: [
      guide(PAGES.configure, TENANT_ID_SECTION, 'The configuration via CSP or registry of different Windows Hello for Business policy settings require to specify the Microsoft Entra tenant ID where the device is registered.'),
    ],
  },
};
