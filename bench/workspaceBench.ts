/**
 * Workspace index rows (issue 13): indexing 1,000 policy files of 20 settings (time and heap), and
 * an edit in one file at 1,000 files (the file re-indexed and the cross-file findings of the
 * settings it touched re-judged; p50 and p95). Standalone: `npx tsx bench/workspaceBench.ts`;
 * `workspaceRows()` returns the rows for bench/run.ts to print.
 */
import { getLanguageService } from '../server/src/service/languageService';

const TENANT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const NODES = [
  'UsePassportForWork', 'RequireSecurityDevice', 'UseCloudTrustForOnPremAuth', 'DisablePostLogonProvisioning',
  'PINComplexity/MinimumPINLength', 'PINComplexity/MaximumPINLength', 'PINComplexity/UppercaseLetters', 'PINComplexity/LowercaseLetters',
  'PINComplexity/SpecialCharacters', 'PINComplexity/Digits', 'PINComplexity/History', 'PINComplexity/Expiration',
  'UseHelloCertificatesAsSmartCardCertificates', 'EnablePinRecovery', 'UseCertificateForOnPremAuth', 'Biometrics/UseBiometrics',
  'Biometrics/FacialFeaturesUseEnhancedAntiSpoofing', 'Remote/UseRemotePassport', 'ExcludeSecurityDevices/TPM12', 'EnableUseOnlyHelloCertificate',
];

function valueOf(node: string, file: number, variant: number): { type: string; value: string } {
  if (node === 'PINComplexity/MinimumPINLength') return { type: 'int', value: String(6 + variant) };
  if (node === 'PINComplexity/MaximumPINLength') return { type: 'int', value: '127' };
  if (/UppercaseLetters|LowercaseLetters|SpecialCharacters|Digits/.test(node)) return { type: 'int', value: '1' };
  if (node.endsWith('History')) return { type: 'int', value: String(file % 10) };
  if (node.endsWith('Expiration')) return { type: 'int', value: '0' };
  return { type: 'bool', value: node === 'UseCertificateForOnPremAuth' || node === 'UseCloudTrustForOnPremAuth' ? 'false' : 'true' };
}

function policyFile(file: number, variant = 0): string {
  const lines = ['whfb: 1', `name: Policy ${file}`, `tenantId: ${TENANT}`, 'deployment:', '  model: hybrid', '  trust: key', '  management: intune', 'settings:'];
  for (const node of NODES) {
    const { type, value } = valueOf(node, file, variant);
    lines.push(`  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/${node}`, `    type: ${type}`, `    value: ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface WorkspaceRow { name: string; value: number; unit: string }

export function workspaceRows(files = 1_000, edits = 50): WorkspaceRow[] {
  const service = getLanguageService({ maxIndexedFiles: files + 1 });
  // Warm the catalog and the parser on one file, so the row measures indexing, not start-up.
  service.indexFiles([{ uri: 'file:///warm/x.whfb.yaml', languageId: 'whfb-yaml', version: 1, text: policyFile(0) }]);
  service.unindexFiles(['file:///warm/x.whfb.yaml']);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const docs = Array.from({ length: files }, (_, index) => ({ uri: `file:///ws/policies/p${index}.whfb.yaml`, languageId: 'whfb-yaml', version: 1, text: policyFile(index) }));
  const start = performance.now();
  service.indexFiles(docs);
  for (const doc of docs) service.indexedDiagnostics(doc.uri);
  const indexMs = performance.now() - start;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024);
  const times: number[] = [];
  for (let edit = 1; edit <= edits; edit++) {
    const doc = docs[edit % files]!;
    const next = { ...doc, version: doc.version + edit, text: policyFile(edit % files, edit % 2) };
    const t0 = performance.now();
    service.indexFiles([next]);
    service.indexedDiagnostics(next.uri);
    service.crossFileDiagnostics(docs[(edit + 1) % files]!.uri);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return [
    { name: `workspace index: ${files} files x ${NODES.length} settings, parse + per-file and cross-file findings`, value: Math.round(indexMs), unit: 'ms' },
    { name: `workspace index: heap for ${files} files${global.gc ? '' : ' (run with --expose-gc for a settled figure)'}`, value: Math.round(heapMb), unit: 'MB' },
    { name: `workspace edit at ${files} files: re-index one file + cross-file findings, p50`, value: Number(percentile(times, 50).toFixed(1)), unit: 'ms' },
    { name: `workspace edit at ${files} files: p95`, value: Number(percentile(times, 95).toFixed(1)), unit: 'ms' },
  ];
}

if (require.main === module) {
  for (const row of workspaceRows()) console.log(`${row.name}: ${row.value} ${row.unit}`);
}
