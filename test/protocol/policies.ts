/** Policy texts the protocol tests open. Line numbers matter: tests point into them. */

export const CLEAN_POLICY = `whfb: 1
tenantId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301
deployment:
  model: hybrid
  trust: cloud-kerberos
  authentication: password-hash-sync
  management: intune
settings:
  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork
    type: bool
    value: true
  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UseCloudTrustForOnPremAuth
    type: bool
    value: true
  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/RequireSecurityDevice
    type: bool
    value: true
  - omaUri: ./Device/Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled
    type: int
    value: 1
`;

/** CLEAN_POLICY with one misspelt node (line 14, 0-based): WHFB101 with a "did you mean" fix. */
export const TYPO_LINE = 14;
export const TYPO_POLICY = CLEAN_POLICY.replace('Policies/RequireSecurityDevice', 'Policies/RequireSecurityDevise');

/** Completion right after "Policies/" on line 8 (0-based). */
export const COMPLETION_POLICY = CLEAN_POLICY.replace(
  '  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork',
  '  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/',
);
export const COMPLETION_POSITION = { line: 8, character: '  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/'.length };

/** Without RequireSecurityDevice: only the information finding WHFB190. */
export const NO_SECURITY_DEVICE_POLICY = CLEAN_POLICY.replace(
  `  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/RequireSecurityDevice
    type: bool
    value: true
`, '');

export const PACKAGE_JSON = `{
  "name": "not-a-policy",
  "version": "1.0.0",
  "scripts": { "test": "node --test" }
}
`;
