/**
 * One realistic file per format, for the bench's row-per-format table: open→diagnostics and an
 * edit→diagnostics through our server on the pull path. Adding a format is one line here (a file
 * the repository already has under test/fixtures, and the language id VS Code gives it).
 */
export interface FormatFixture {
  /** The SourceFormat the file is read as (shared/protocol.ts), for the table. */
  format: string;
  /** Path from the repository root. */
  file: string;
  languageId: string;
}

export const FORMAT_FIXTURES: readonly FormatFixture[] = [
  { format: 'whfb-yaml', file: 'test/fixtures/whfb-yaml/WHFB135-bad.whfb.yaml', languageId: 'whfb-yaml' },
  { format: 'settings-catalog-json', file: 'test/fixtures/realworld-shapes/sc-device-baseline-with-whfb-306.json', languageId: 'json' },
  { format: 'custom-profile-json', file: 'test/fixtures/realworld-shapes/custom-profile-device-unlock-and-admx.json', languageId: 'json' },
  { format: 'settings-catalog-yaml', file: 'test/fixtures/realworld-shapes/intunecd-whfb-with-lockscreen-admx.yaml', languageId: 'yaml' },
  { format: 'custom-profile-yaml', file: 'test/fixtures/intunecd/broken-custom-profile.yaml', languageId: 'yaml' },
  { format: 'syncml', file: 'test/fixtures/syncml/whfb-cloud-kerberos.syncml.xml', languageId: 'xml' },
  { format: 'markdown (loose OMA-URIs)', file: 'test/fixtures/matrix/markdown/WHFB101-bad.md', languageId: 'markdown' },
  { format: 'powershell (loose OMA-URIs)', file: 'test/fixtures/matrix/powershell/WHFB101-bad.ps1', languageId: 'powershell' },
  { format: 'intent-json', file: 'test/fixtures/intents/account-protection-intent.json', languageId: 'json' },
  { format: 'whfb-enrollment-json', file: 'test/fixtures/enrollment/whfb-enrollment.json', languageId: 'json' },
  { format: 'identity-protection-json', file: 'test/fixtures/identity-protection/identity-protection.json', languageId: 'json' },
  { format: 'syncml (fragment)', file: 'test/fixtures/matrix/syncml-fragment/WHFB103-bad.xml', languageId: 'xml' },
  { format: 'powershell', file: 'test/fixtures/matrix/powershell-graph/WHFB103-settings-catalog-herestring-bad.ps1', languageId: 'powershell' },
  { format: 'dsc-powershell', file: 'test/fixtures/matrix/dsc-powershell/WHFB103-bad.ps1', languageId: 'powershell' },
  { format: 'gpo-report-xml', file: 'test/fixtures/gpo-backup/{9F2B4C83-1E5D-4A6B-B7C8-0D3E5F7A9B22}/gpreport.xml', languageId: 'xml' },
];
