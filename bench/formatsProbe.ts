/**
 * The formats of issue 11 through the language service in-process: a 2 MB PowerShell script that
 * builds policies (OMA hashtables and Graph JSON here-strings), a 2 MB Microsoft365DSC export and a
 * 2 MB SyncML fragment (no envelope), each validated once after a small warm-up of the same format.
 *   node --import tsx bench/formatsProbe.ts
 * Issue 11's target: a 2 MB PowerShell file with embedded JSON is checked well under a second.
 * Every unit sets the same values (a real file repeats settings, it does not contradict itself
 * thousands of times); CPU time is the figure to read on a shared machine, wall time waits too.
 */
import { performance } from 'node:perf_hooks';
import { getCatalog } from '../server/src/catalog/catalog';
import { detectFormat } from '../server/src/formats/detect';
import { getLanguageService } from '../server/src/service/languageService';

const TARGET = 2 * 1024 * 1024;
const GUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

function repeatTo(head: string, unit: (index: number) => string, tail: string, size: number): string {
  const parts = [head];
  let length = head.length + tail.length;
  for (let index = 0; length < size; index++) {
    const piece = unit(index);
    parts.push(piece);
    length += piece.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** Hashtables with $TenantId segments, and every tenth unit a Graph custom profile in a here-string. */
function powershellScript(size: number): string {
  return repeatTo('param([string] $TenantId)\n$omaSettings = @(\n', (index) => {
    const hashtable = `    @{\n        '@odata.type' = '#microsoft.graph.omaSettingInteger'\n        displayName   = 'Minimum PIN length ${index}'\n        omaUri        = "./Device/Vendor/MSFT/PassportForWork/$TenantId/Policies/PINComplexity/MinimumPINLength"\n        value         = 6\n    }\n`;
    if (index % 10 !== 9) return hashtable;
    return `${hashtable})\n$body${index} = @'\n{ "displayName": "Profile ${index}", "omaSettings": [ { "@odata.type": "#microsoft.graph.omaSettingBoolean", "omaUri": "./Device/Vendor/MSFT/PassportForWork/${GUID}/Policies/UsePassportForWork", "value": true }, { "@odata.type": "#microsoft.graph.omaSettingInteger", "omaUri": "./Device/Vendor/MSFT/PassportForWork/${GUID}/Policies/PINComplexity/MaximumPINLength", "value": 64 } ] }\n'@\n$omaSettings += @(\n`;
  }, ')\n', size);
}

function dscExport(size: number): string {
  return repeatTo('Configuration M365TenantConfig\n{\n    Import-DscResource -ModuleName Microsoft365DSC\n    Node localhost\n    {\n', (index) =>
    `        IntuneAccountProtectionPolicyWindows10 "WHfB ${index}"\n        {\n            DisplayName = "WHfB ${index}";\n            DeviceSettings = MSFT_MicrosoftGraphIntuneSettingsCatalogDeviceSettings_IntuneAccountProtectionPolicyWindows10{\n                UsePassportForWork = 'true'\n                MinimumPINLength = 6\n            };\n            Ensure = "Present";\n        }\n`,
  '    }\n}\n', size);
}

function syncmlFragment(size: number): string {
  return repeatTo('', () =>
    `<Replace>\n  <Item>\n    <Meta><Format xmlns="syncml:metinf">int</Format></Meta>\n    <Target><LocURI>./Device/Vendor/MSFT/PassportForWork/${GUID}/Policies/PINComplexity/MinimumPINLength</LocURI></Target>\n    <Data>6</Data>\n  </Item>\n</Replace>\n`,
  '', size);
}

const service = getLanguageService();
const catalog = getCatalog();
for (const [name, uri, make] of [
  ['PowerShell script (hashtables + here-string JSON)', 'file:///bench/Set-WhfbPolicies.ps1', powershellScript],
  ['Microsoft365DSC export', 'file:///bench/M365TenantConfig.ps1', dscExport],
  ['SyncML fragment (Fleet)', 'file:///bench/whfb-profile.xml', syncmlFragment],
] as const) {
  service.validate({ uri: `${uri}.warmup${uri.slice(uri.lastIndexOf('.'))}`, version: 1, text: make(16 * 1024) });
  const text = make(TARGET);
  const detected = detectFormat({ uri, text });
  const parseCpu = process.cpuUsage();
  detected?.adapter.parse(text, detected.format, catalog);
  const parseUsed = process.cpuUsage(parseCpu);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const diagnostics = service.validate({ uri, version: 1, text });
  const used = process.cpuUsage(cpu);
  const summary = service.policySummary({ uri, version: 1, text });
  console.log(`${name.padEnd(50)} ${(text.length / 1024 / 1024).toFixed(2)} MB  ${(performance.now() - started).toFixed(1).padStart(8)} ms wall ${((used.user + used.system) / 1000).toFixed(1).padStart(8)} ms CPU (parse alone ${((parseUsed.user + parseUsed.system) / 1000).toFixed(1)} ms CPU)  ${summary?.settings.length ?? 0} settings, ${diagnostics.length} diagnostics`);
}
