/**
 * PowerShell policy scripts, Microsoft365DSC configurations and SyncML fragments, as a user meets
 * them: which files are claimed, what is read and where findings land, fixes, hover, completion.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanPowerShell } from '../../../server/src/formats/powershellScanner';
import { powershellAdapter } from '../../../server/src/formats/powershell';
import { detectFormat } from '../../../server/src/formats/detect';
import type { Diagnostic } from '../../../server/src/lsp/protocolTypes';
import { caret, service } from '../service/helpers';
import { catalog, FIXTURES, positionAt, textAt } from './fixtures';

const GUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const ls = service();
let version = 0;

function check(text: string, uri = 'file:///work/Set-WhfbPolicy.ps1'): Diagnostic[] {
  return ls.validate({ uri, version: ++version, text });
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => diagnostic.code as string);
}

function matrix(folder: string, file: string): string {
  return readFileSync(join(FIXTURES, 'matrix', folder, file), 'utf8');
}

test('the scanner reads quotes, escapes, doubled quotes, here-strings and comments without being fooled by braces in them', () => {
  const text = [
    "<# a block comment with } and @{ inside #>",
    "$a = @{ 'it''s' = \"say `\"hi`\" } # not a comment\"; b = 'x # y'; c = @'",
    "{ \"json\": } '@ not the end",
    "'@",
    "  d = 5 }",
  ].join('\n');
  const document = scanPowerShell(text);
  assert.equal(document.blocks.length, 1);
  const entries = document.blocks[0]!.entries;
  assert.deepEqual(entries.map((entry) => entry.key), ["it's", 'b', 'c', 'd']);
  assert.deepEqual(entries.map((entry) => entry.value.kind === 'string' || entry.value.kind === 'number' ? entry.value.value : entry.value.kind),
    ['say "hi" } # not a comment', 'x # y', "{ \"json\": } '@ not the end", 5]);
  assert.equal(document.comments.length, 1);
});

test('the scanner survives unclosed strings, stray closers and deep nesting', () => {
  for (const text of ["@{ a = 'open", '}}}) @{ a = 1 ))', '@{'.repeat(5000), '"$("$("$(' .repeat(2000), "@'\nnever closed"]) {
    assert.doesNotThrow(() => scanPowerShell(text));
  }
});

test('OMA hashtables: keys in any case and order, both quotes, $true and numbers; a $tenantId segment is the tenant placeholder', () => {
  const text = [
    '$settings = @(',
    `  @{ VALUE = 2; "OmaUri" = "./Device/Vendor/MSFT/PassportForWork/$tenantId/Policies/PINComplexity/MinimumPINLength"; '@odata.type' = "#microsoft.graph.omaSettingInteger" }`,
    `  @{ omauri = './Device/Vendor/MSFT/PassportForWork/\${tenantId}/Policies/UsePassportForWork'; value = $true; "@ODATA.TYPE" = '#microsoft.graph.omaSettingBoolean' }`,
    ')',
  ].join('\n');
  const model = powershellAdapter.parse(text, 'powershell', catalog);
  assert.deepEqual(model.settings.map((setting) => [setting.node?.name, setting.value?.value, setting.type?.normalized]),
    [['MinimumPINLength', 2, 'int'], ['UsePassportForWork', true, 'bool']]);
  const diagnostics = check(text);
  assert.deepEqual(codes(diagnostics), ['WHFB103'], 'no tenant finding for the script-filled segment');
  assert.equal(textAt(text, model.settings[0]!.value!.range), '2');
});

test('a URI whose variable is not a whole segment is left unjudged, never reported as unknown', () => {
  const text = `@{ omaUri = "$base/Policies/UsePassportForWork"; value = $true; '@odata.type' = '#microsoft.graph.omaSettingBoolean' }\n# ./Device/Vendor/MSFT/PassportForWork/${GUID}/Policies/UsePassportForWork`;
  assert.deepEqual(codes(check(text)), []);
});

test('unrelated PowerShell gets nothing; a script with OMA-URIs only in comments keeps the loose-text checks', () => {
  const unrelated = '$config = @{ Name = "web"; Port = 8080 }\nStart-Service -Name $config.Name\n';
  assert.equal(ls.detectFormat({ uri: 'file:///work/deploy.ps1', version: 1, text: unrelated }), undefined);
  const defender = "@{ omaUri = './Device/Vendor/MSFT/Policy/Config/Defender/AllowRealtimeMonitoring'; value = 1; '@odata.type' = '#microsoft.graph.omaSettingInteger' }";
  assert.equal(ls.detectFormat({ uri: 'file:///work/defender.ps1', version: 1, text: defender }), undefined);
  const dscDefender = "IntuneDeviceConfigurationCustomPolicyWindows10 'Defender' { OmaSettings = @( MSFT_MicrosoftGraphomaSetting { OmaUri = './Device/Vendor/MSFT/Policy/Config/Defender/AllowRealtimeMonitoring'; Value = '1' } ) }";
  assert.equal(ls.detectFormat({ uri: 'file:///work/defender-dsc.ps1', version: 1, text: dscDefender }), undefined);
  const comments = matrix('powershell', 'WHFB101-bad.ps1');
  assert.equal(ls.detectFormat({ uri: 'file:///work/pilot.ps1', version: 1, text: comments }), 'text');
});

test('a Graph JSON here-string is read with the JSON readers, findings at the .ps1 offsets', () => {
  const text = matrix('powershell-graph', 'WHFB103-custom-herestring-bad.ps1');
  assert.equal(ls.detectFormat({ uri: 'file:///work/body.ps1', version: 1, text }), 'powershell');
  const [diagnostic] = check(text);
  assert.equal(diagnostic?.code, 'WHFB103');
  assert.deepEqual(diagnostic!.range.start, { line: 23, character: 15 });
});

test('a broken JSON here-string with no variables is a syntax error at its place; one with variables is left to run time', () => {
  const broken = `$body = @'\n{ "omaSettings": [ { "omaUri": "./Device/Vendor/MSFT/PassportForWork/${GUID}/Policies/UsePassportForWork", "value": true, } ] }\n'@`;
  const model = powershellAdapter.parse(broken, 'powershell', catalog);
  assert.deepEqual(model.findings.map((item) => item.code), ['WHFB001']);
  assert.equal(positionAt(broken, model.findings[0]!.range.start).line, 1);
  const templated = `$body = @"\n{ "omaSettings": [ { "omaUri": "./Device/Vendor/MSFT/PassportForWork/$tenantId/Policies/PINComplexity/MinimumPINLength", "value": $min } ] }\n"@`;
  assert.deepEqual(powershellAdapter.parse(templated, 'powershell', catalog).findings, []);
});

test('UTF-16 with a byte-order mark and CRLF line ends (what Windows PowerShell writes) read the same', () => {
  const text = matrix('dsc-powershell', 'WHFB103-account-protection-bad.ps1').replace(/\n/g, '\r\n');
  const decoded = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]).toString('utf16le');
  const diagnostics = check(decoded, 'file:///work/M365TenantConfig.ps1');
  assert.deepEqual(codes(diagnostics), ['WHFB103']);
  assert.deepEqual(diagnostics[0]!.range.start, { line: 34, character: 35 });
});

test('quick fixes write PowerShell: a literal value, an @odata.type, a verbatim OMA-URI', () => {
  const text = `@{ omaUri = './Device/Vendor/MSFT/PassportForWork/${GUID}/Policies/PINComplexity/MinimumPINLength'; value = 'x'; '@odata.type' = '#microsoft.graph.omaSettingString' }`;
  const diagnostics = check(text);
  const typeFinding = diagnostics.find((diagnostic) => diagnostic.code === 'WHFB102');
  assert.ok(typeFinding);
  const actions = ls.codeActions({ uri: 'file:///work/Set-WhfbPolicy.ps1', version, text }, typeFinding.range, [typeFinding]);
  const edit = actions.flatMap((action) => Object.values(action.edit?.changes ?? {}).flat()).find((change) => change.newText.startsWith('#microsoft'));
  assert.equal(edit?.newText, '#microsoft.graph.omaSettingInteger');

  const typo = `@{ omaUri = './Device/Vendor/MSFT/PassportForWork/${GUID}/Policies/UsePassportForWorks'; value = $true; '@odata.type' = '#microsoft.graph.omaSettingBoolean' }`;
  const [unknown] = check(typo);
  assert.equal(unknown?.code, 'WHFB101');
  const fixed = ls.codeActions({ uri: 'file:///work/Set-WhfbPolicy.ps1', version, text: typo }, unknown!.range, [unknown!])
    .flatMap((action) => Object.values(action.edit?.changes ?? {}).flat()).find((change) => change.newText.endsWith('UsePassportForWork'));
  assert.equal(fixed?.newText, `./Device/Vendor/MSFT/PassportForWork/${GUID}/Policies/UsePassportForWork`);
});

test('hover on a DSC property explains the node it stands for; completion offers values and property names', () => {
  const text = matrix('dsc-powershell', 'WHFB103-identity-protection-good.ps1');
  const uri = 'file:///work/identity.ps1';
  const at = text.indexOf('PinMinimumLength');
  const hover = ls.hover({ uri, version: 1, text }, positionAt(text, at + 3));
  assert.match(JSON.stringify(hover?.contents), /MinimumPINLength/);

  const marked = text.replace('PinLowercaseCharactersUsage                  = "allowed"', 'PinLowercaseCharactersUsage                  = "|"');
  const { text: typing, position } = caret(marked);
  const labels = ls.complete({ uri, version: 2, text: typing }, position).items.map((item) => item.label);
  assert.deepEqual([...labels].sort(), ['allowed', 'blocked', 'notConfigured', 'required']);

  const apText = matrix('dsc-powershell', 'WHFB103-account-protection-good.ps1');
  const { text: apTyping, position: apPosition } = caret(apText.replace("                LsaCfgFlags = '1'", "                LsaCfgFlags = '1'\n                Pin|"));
  const properties = ls.complete({ uri: 'file:///work/ap.ps1', version: 3, text: apTyping }, apPosition).items.map((item) => item.label);
  assert.ok(properties.includes('MaximumPINLength'));
  assert.ok(!properties.includes('MinimumPINLength'), 'a property already written is not offered again');
});

test('SyncML fragments: several top-level commands and an Atomic block are read; other XML with such a root is not claimed', () => {
  const fragment = matrix('syncml-fragment', 'WHFB103-bad.xml');
  const detected = detectFormat({ uri: 'file:///work/fleet/whfb.xml', text: fragment });
  assert.equal(detected?.format, 'syncml');
  assert.deepEqual(codes(check(fragment, 'file:///work/fleet/whfb.xml')), ['WHFB103']);
  assert.equal(detectFormat({ uri: 'file:///work/other.xml', text: '<Add><Item>unrelated</Item></Add>' }), undefined);
  const stray = `<Replace><Item><Target><LocURI>./Device/Vendor/MSFT/PassportForWork/${GUID}/Policies/UsePassportForWork</LocURI></Target><Data>true</Data></Item></Replace>\nstray text`;
  assert.deepEqual(codes(check(stray, 'file:///work/fleet/stray.xml')), ['WHFB001']);
});
