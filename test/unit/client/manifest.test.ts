import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../server/src/model/ruleCodes';
import { readManifest } from '../../../scripts/manifest/localizedManifest';

const root = join(__dirname, '..', '..', '..');
// As VS Code shows it: %key% placeholders resolved from package.nls.json.
const manifest = readManifest(root).resolved;
const contributes = manifest.contributes;

function clientSources(dir = join(root, 'client', 'src')): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? clientSources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? readFileSync(join(dir, entry.name), 'utf8') : ''))
    .join('\n');
}

test('every contributed command is registered by the extension and has the WHfB category', () => {
  const sources = clientSources();
  const ids = contributes.commands.map((c: { command: string }) => c.command);
  for (const id of ['whfb.newPolicy', 'whfb.insertSetting', 'whfb.openReference', 'whfb.chooseDeploymentModel', 'whfb.resetChecklist', 'whfb.exportChecklist', 'whfb.checklist.openGuide', 'whfb.revealSetting']) {
    assert.ok(ids.includes(id), `${id} contributed`);
  }
  for (const command of contributes.commands) {
    assert.equal(command.category, 'WHfB', command.command);
    assert.ok(sources.includes(`'${command.command}'`), `${command.command} registered in client/src`);
  }
});

test('menus, views and walkthrough name only contributed commands, views and existing files', () => {
  const ids = new Set(contributes.commands.map((c: { command: string }) => c.command));
  for (const [menu, entries] of Object.entries(contributes.menus) as [string, { command: string }[]][]) {
    for (const entry of entries) assert.ok(ids.has(entry.command), `${menu}: ${entry.command}`);
  }
  assert.deepEqual(contributes.views.whfb.map((v: { id: string }) => v.id), ['whfb.checklist', 'whfb.settings']);
  assert.equal(contributes.viewsContainers.activitybar[0].icon, 'media/whfb.svg');
  const files = [
    manifest.icon,
    contributes.viewsContainers.activitybar[0].icon,
    ...contributes.languages.map((l: { configuration: string }) => l.configuration),
    ...contributes.grammars.map((g: { path: string }) => g.path),
    ...(contributes.snippets ?? []).map((s: { path: string }) => s.path),
    ...contributes.walkthroughs[0].steps.map((s: { media: { markdown: string } }) => s.media.markdown),
  ];
  for (const file of files) assert.ok(existsSync(join(root, file)), file);
  const png = readFileSync(join(root, manifest.icon));
  assert.equal(png.readUInt32BE(16), 128, 'icon width');
  assert.equal(png.readUInt32BE(20), 128, 'icon height');
});

test('settings: each has a scope and a description; whfb.rules lists every rule code', () => {
  const properties = contributes.configuration.properties;
  for (const key of ['whfb.enable', 'whfb.validation.delay', 'whfb.rules', 'whfb.maxFileSize', 'whfb.trace.server', 'whfb.checklist.stateFile', 'whfb.deploymentModel']) {
    assert.ok(properties[key], key);
  }
  for (const [key, property] of Object.entries(properties) as [string, Record<string, unknown>][]) {
    assert.ok(property.scope, `${key} scope`);
    assert.ok(property.description || property.markdownDescription, `${key} description`);
  }
  const rulesText = properties['whfb.rules'].markdownDescription as string;
  for (const rule of RULES) assert.ok(rulesText.includes(rule.code), `whfb.rules describes ${rule.code}`);
  assert.deepEqual(properties['whfb.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(properties['whfb.checklist.stateFile'].default, '.whfb/checklist.json');
});

test('the language and activation: *.whfb.yaml / *.whfb.yml, activated by the language or a workspace holding policies', () => {
  const language = contributes.languages.find((l: { id: string }) => l.id === 'whfb-yaml');
  assert.deepEqual(language.extensions, ['.whfb.yaml', '.whfb.yml']);
  assert.ok(language.aliases.includes('WHfB Policy YAML'));
  assert.ok(manifest.activationEvents.includes('onLanguage:whfb-yaml'));
  assert.ok(manifest.activationEvents.includes('workspaceContains:**/*.whfb.yaml'));
  assert.ok(!manifest.activationEvents.includes('*'), 'never activated for every window');
  // Restricted Mode: everything runs, but the workspace may not choose where the state file is written.
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['whfb.checklist.stateFile']);
  assert.match(manifest.capabilities.untrustedWorkspaces.description, /whfb\.checklist\.stateFile/);
  // VS Code for the Web (issue 18): a browser entry, and virtual workspaces with what is limited there.
  assert.equal(manifest.browser, './dist/web/extension.js');
  assert.equal(manifest.capabilities.virtualWorkspaces.supported, true);
  assert.match(manifest.capabilities.virtualWorkspaces.description, /\.whfbrc\.json/);
  const config = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8'));
  assert.equal(config.comments.lineComment, '#');
  // After "- omaUri: ..." Enter lines the next key up under "omaUri".
  const listRule = config.onEnterRules.find((rule: { action: { appendText?: string } }) => rule.action.appendText === '  ');
  assert.ok(new RegExp(listRule.beforeText).test('  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork'));
  assert.ok(new RegExp(config.indentationRules.increaseIndentPattern).test('settings:'));
});
