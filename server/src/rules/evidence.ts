/**
 * Why each rule exists: what it checks, why it has its severity, and the sentences of the shipped
 * guides (data/guides) and DDF (data/ddf) it rests on. Kept apart from codes.ts, keyed by code, so
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
    checks: 'The file is one the checker can safely read: not too large, not binary, not nested beyond the limits, no YAML alias bomb, no merge-conflict markers. Such a file is reported once and not checked further.',
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
    checks: "The value is one the node allows: one of the DDF's enumerated values, inside its range, matching its pattern, or (for ADMX-backed Policy CSP nodes written as raw OMA-URI strings) an `<enabled/>`/`<disabled/>` payload. Booleans and integers must read as such.",
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
    checks: 'MinimumPINLength is not greater than MaximumPINLength where both are set for the same scope (device or user) and tenant.',
    severityReason: 'Error: when the PIN lengths contradict each other Windows ignores both and uses the defaults, so the PIN policy does not do what it says.',
    evidence: [
      guide(PAGES.policySettings, POLICY('minimum-pin-length'), 'The largest number you can configure must be less than the number configured in the Maximum PIN length policy setting or the number 127, whichever is the lowest.'),
      guide(PAGES.policySettings, POLICY('minimum-pin-length'), 'If the above specified conditions for the minimum PIN length are not met, default values will be used for both the maximum and minimum PIN lengths.'),
      ddf(DDF.passport, PASSPORT_CSP('devicetenantidpoliciespincomplexityminimumpinlength'), 'NOTE: If the above specified conditions for the minimum PIN length are not met, default values will be used for both the maximum and minimum PIN lengths.'),
    ],
  },
  WHFB130: {
    checks: 'The trust flags the policy sets agree with `deployment.trust`: cloud Kerberos trust needs UseCloudTrustForOnPremAuth true and UseCertificateForOnPremAuth not true; certificate trust needs UseCertificateForOnPremAuth true; key trust needs neither flag true. Without a declared trust, both flags true is flagged.',
    severityReason: 'Error: with the wrong flag Windows Hello for Business authenticates on-premises with another trust model than the deployment block says (certificate trust takes precedence over cloud Kerberos trust), so sign-in to Active Directory does not work as deployed.',
    evidence: [
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'There are two policy settings required to configure Windows Hello for Business in a cloud Kerberos trust model'),
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'If the Use certificate for on-premises authentication policy is enabled, certificate trust takes precedence over cloud Kerberos trust. Ensure that the machines that you want to enable cloud Kerberos trust have this policy not configured.'),
      guide(PAGES.hybridCertEnroll, HYBRID_CERT_POLICY, 'There are two policy settings required to enable Windows Hello for Business in a certificate trust model'),
      guide(PAGES.policySettings, POLICY('use-cloud-trust-for-on-premises-authentication'), 'Cloud Kerberos trust is incompatible with certificate trust. If the certificate trust policy setting is enabled, it takes precedence over this policy setting.'),
      guide(PAGES.policySettings, POLICY('use-certificate-for-on-premises-authentication'), "If you disable or don't configure this policy setting, Windows Hello for Business will use a key or a Kerberos ticket (depending on other policy settings) for on-premises authentication", 'limits'),
      guide(PAGES.entraJoinedCert, `${LEARN}/hello-hybrid-aadj-sso-cert#assign-group-to-the-whfb-certificate-enrollment-certificate-profile`, 'Devices managed with MDM where UseCertificateForOnPremAuth is enabled will fail a prerequisite check for Windows Hello for Business provisioning.', 'limits'),
    ],
  },
  WHFB131: {
    checks: 'Where Intune delivers the deployment (`management: intune` or `both`) and the deployment block names a model, the policy enables Windows Hello for Business: UsePassportForWork is present and not false.',
    severityReason: 'Error when UsePassportForWork is false: the device does not provision Windows Hello for Business at all. When the setting is missing the sources do not support an error (see below).',
    evidence: [
      guide(PAGES.policySettings, POLICY('use-windows-hello-for-business'), "If you disable this policy setting, the device doesn't provision Windows Hello for Business for any user"),
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'There are two policy settings required to configure Windows Hello for Business in a cloud Kerberos trust model'),
      guide(PAGES.policySettings, POLICY('use-windows-hello-for-business'), "If you don't configure this policy setting, users can provision Windows Hello for Business", 'limits'),
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'If the Intune tenant-wide policy is enabled and configured to your needs, you only need to enable the policy setting Use Cloud Trust For On Prem Auth. Otherwise, both settings must be configured.', 'limits'),
      guide(PAGES.cloudOnly, CLOUD_ONLY_POLICY, "If you want to use Windows Hello for Business in a cloud-only environment with its default settings, there's no extra configuration needed.", 'limits'),
      guide(PAGES.configure, `${LEARN}/configure#disable-windows-hello-for-business-enrollment`, 'Windows Hello for Business is enabled by default for devices that are Microsoft Entra joined.', 'limits'),
      ddf(DDF.passport, PASSPORT_CSP('devicetenantidpoliciesusepassportforwork'), 'If you enable or do not configure this policy setting, the device provisions Windows Hello for Business for all users.', 'limits'),
    ],
  },
  WHFB132: {
    checks: 'For cloud Kerberos trust, the policy sets Kerberos/CloudKerberosTicketRetrievalEnabled to 1 (missing or 0 is reported).',
    severityReason: 'Information: the cloud Kerberos trust guide does not name this setting among the required ones, so at most it is advice.',
    evidence: [
      ddf(DDF.kerberos, `${CSP}/policy-csp-kerberos#cloudkerberosticketretrievalenabled`, 'Allow retrieving the cloud kerberos ticket during the logon'),
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'There are two policy settings required to configure Windows Hello for Business in a cloud Kerberos trust model: Use Windows Hello for Business Use cloud trust for on-premises authentication', 'limits'),
      ddf(DDF.kerberos, `${CSP}/policy-csp-kerberos#cloudkerberosticketretrievalenabled`, '<Description>Allow retrieving the cloud kerberos ticket during the logon</Description> <DFFormat> <int /> </DFFormat> <Occurrence> <ZeroOrOne /> </Occurrence> <Scope> <Dynamic /> </Scope> <DFType> <MIME>text/plain</MIME> </DFType> <DefaultValue>0</DefaultValue> <MSFT:Applicability> <MSFT:OsBuildVersion>10.0.22000</MSFT:OsBuildVersion>', 'limits'),
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
    checks: 'Group Policy and MDM configure the same setting in one file (a `groupPolicy` entry maps to a node a `settings` entry also sets), or the deployment block says `management: both`.',
    severityReason: 'Warning: the guides say not to mix the two; Windows applies the Group Policy value and ignores the CSP value, which the author may not expect.',
    evidence: [
      guide(PAGES.configure, POLICY_CONFLICTS, 'Windows Hello for Business can be configured by GPO or CSP, but not a combination of both.'),
      guide(PAGES.configure, POLICY_CONFLICTS, "If you mix GPO and CSP policy settings, the conflicting CSP settings aren't applied until the group policy settings are cleared."),
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'If you deploy Windows Hello for Business configuration using both Group Policy and Intune, Group Policy settings take precedence, and Intune settings are ignored.'),
      guide(PAGES.configure, POLICY_CONFLICTS, 'MDMWinsOverGP only applies to policies in the Policy CSP, while the Windows Hello for Business policies are in the PassportForWork CSP.', 'limits'),
    ],
  },
  WHFB161: {
    checks: 'Every `groupPolicy` entry of a policy file names a Group Policy setting the catalog maps (from the guides and the ADMX-backed DDF): an unknown name gets a "did you mean".',
    severityReason: 'Error today. Under the policy it would be a warning: an unknown name is a mistake in the policy file, not a setting Windows rejects.',
    evidence: [
      guide(PAGES.policySettings, `${LEARN}/policy-settings`, 'The list of settings is sorted alphabetically and organized in four categories'),
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'Computer Configuration\\Administrative Templates\\Windows Components\\Windows Hello for Business Use cloud Kerberos trust for on-premises authentication Enabled', 'limits'),
    ],
  },
  WHFB170: {
    checks: 'With `deployment.minimumOsBuild` set, every node is available on that build: the DDF lists the Windows builds each node needs (one per servicing branch).',
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
    checks: 'A custom-profile string looks like a secret: the setting names a password, key or token, or the value is a long high-entropy string.',
    severityReason: 'Warning: repository hygiene, not a Windows behaviour; the policy itself works.',
    evidence: [],
    unsupported: 'No sentence of the shipped guides or DDF: the rule is repository hygiene (secrets do not belong in version control), not Windows Hello for Business behaviour. Its severity does not fit the policy\'s "warning = the guides say it should not be so".',
  },
  WHFB190: {
    checks: 'Where Intune delivers the deployment, RequireSecurityDevice is set. Only MDM settings count: a Group Policy "Use a hardware security device" in the same file does not silence it.',
    severityReason: 'Information: the guides call a hardware security device optional but recommended.',
    evidence: [
      guide(PAGES.cloudKerberos, CLOUD_KERBEROS_POLICY, 'Another optional, but recommended, policy setting is: Use a hardware security device'),
      guide(PAGES.cloudOnly, CLOUD_ONLY_POLICY, 'Another optional, but recommended, policy setting is: Use a hardware security device'),
      guide(PAGES.policySettings, POLICY('use-a-hardware-security-device'), "A Trusted Platform Module (TPM) provides additional security benefits over software because data protected by it can't be used on other devices."),
      guide(PAGES.policySettings, POLICY('use-a-hardware-security-device'), "If you disable or don't configure this policy setting, the TPM is still preferred, but all devices can provision Windows Hello for Business using software if the TPM is nonfunctional or unavailable."),
    ],
  },
};
