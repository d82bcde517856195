/**
 * A translation is a file (issue 17, point 6): every text of package.json that VS Code or the
 * Marketplace shows is a %key% placeholder whose English is in package.nls.json, and the client's
 * messages go through vscode.l10n.t (or @vscode/l10n's l10n.t in its vscode-free modules) into
 * l10n/bundle.l10n.json, which also holds the language server's messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { placeholderKey, readManifest, resolvePlaceholders } from '../../../scripts/manifest/localizedManifest';
import { L10N_BUNDLE_PATH, l10nMessages } from '../../../scripts/manifest/generateL10nBundle';

const root = join(__dirname, '..', '..', '..');
const { raw, nls } = readManifest(root);

/** Keys whose values VS Code shows anywhere inside a settings schema (settings, their items, patterns). */
const SCHEMA_TEXT = new Set(['title', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels', 'deprecationMessage', 'markdownDeprecationMessage', 'patternErrorMessage', 'errorMessage']);

/** [where, text] for every user-visible string of the manifest. */
function userVisibleStrings(manifest: any): [string, string][] {
  const out: [string, string][] = [];
  const add = (where: string, value: unknown) => {
    if (typeof value === 'string') out.push([where, value]);
    else if (Array.isArray(value)) value.forEach((item, index) => add(`${where}[${index}]`, item));
  };
  const fields = (where: string, entries: unknown, keys: string[]) => {
    if (!Array.isArray(entries)) return;
    entries.forEach((entry, index) => { for (const key of keys) add(`${where}[${index}].${key}`, entry?.[key]); });
  };
  const schemaText = (where: string, node: unknown) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (SCHEMA_TEXT.has(key) && (typeof value === 'string' || Array.isArray(value))) add(`${where}.${key}`, value);
      else schemaText(`${where}.${key}`, value);
    }
  };
  add('displayName', manifest.displayName);
  add('description', manifest.description);
  for (const [kind, capability] of Object.entries(manifest.capabilities ?? {})) add(`capabilities.${kind}.description`, (capability as any)?.description);
  const c = manifest.contributes ?? {};
  fields('commands', c.commands, ['title', 'shortTitle', 'category']);
  for (const configuration of [c.configuration].flat().filter(Boolean)) schemaText('configuration', configuration);
  for (const [place, containers] of Object.entries(c.viewsContainers ?? {})) fields(`viewsContainers.${place}`, containers, ['title']);
  for (const [container, views] of Object.entries(c.views ?? {})) fields(`views.${container}`, views, ['name', 'contextualTitle']);
  fields('viewsWelcome', c.viewsWelcome, ['contents']);
  fields('submenus', c.submenus, ['label']);
  fields('problemMatchers', c.problemMatchers, ['label']);
  for (const [index, definition] of (c.taskDefinitions ?? []).entries()) schemaText(`taskDefinitions[${index}]`, definition);
  for (const [index, walkthrough] of (c.walkthroughs ?? []).entries()) {
    add(`walkthroughs[${index}].title`, walkthrough.title);
    add(`walkthroughs[${index}].description`, walkthrough.description);
    fields(`walkthroughs[${index}].steps`, walkthrough.steps, ['title', 'description']);
    for (const [step, { media }] of (walkthrough.steps ?? []).entries()) add(`walkthroughs[${index}].steps[${step}].media.altText`, media?.altText);
  }
  return out;
}

test('every user-visible string of package.json is a %key% placeholder', () => {
  const strings = userVisibleStrings(raw);
  assert.ok(strings.length > 50, `found ${strings.length} strings: the walk reaches the contributions`);
  const literal = strings.filter(([, text]) => placeholderKey(text) === undefined).map(([where, text]) => `${where}: ${JSON.stringify(text)}`);
  assert.deepEqual(literal, [], 'move these to package.nls.json');
});

test('every %key% of package.json is in package.nls.json, and every key there is used', () => {
  const used = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      const key = placeholderKey(value);
      if (key) used.add(key);
    } else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(raw);
  assert.deepEqual([...used].filter((key) => !(key in nls)), [], 'placeholders without English text');
  assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), [], 'package.nls.json keys no placeholder uses');
  for (const [key, text] of Object.entries(nls)) assert.ok(typeof text === 'string' && text.trim().length > 0, `${key} has text`);
  assert.doesNotThrow(() => resolvePlaceholders(raw, nls));
});

test('the resolved manifest reads as before: a placeholder inside text is not expanded by VS Code, so none is used', () => {
  // VS Code replaces only a whole string "%key%"; "Run %key% now" would be shown as it is.
  const partial: string[] = [];
  const walk = (where: string, value: unknown) => {
    if (typeof value === 'string') {
      if (/%[A-Za-z][\w.-]*%/.test(value) && placeholderKey(value) === undefined) partial.push(`${where}: ${value}`);
    } else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(`${where}.${key}`, item);
  };
  walk('package.json', raw);
  assert.deepEqual(partial, []);
});

test('the l10n bundle: package.json points at l10n/, whose English bundle holds every l10n.t message of client/src and server/src', () => {
  assert.equal(raw.l10n, './l10n');
  assert.ok(existsSync(join(root, L10N_BUNDLE_PATH)));
  const bundle = JSON.parse(readFileSync(join(root, L10N_BUNDLE_PATH), 'utf8')) as Record<string, string>;
  const messages = l10nMessages(root);
  assert.ok(messages.length >= 20, `${messages.length} messages`);
  assert.deepEqual(Object.keys(bundle).sort(), [...messages].sort());
  for (const [key, value] of Object.entries(bundle)) assert.equal(value, key, 'the English bundle maps each message to itself');
  // Placeholders are {0}, {1} ...: a translator must see every argument in the message.
  for (const message of messages) {
    const indices = [...message.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]));
    assert.deepEqual([...new Set(indices)].sort(), indices.length ? [...Array(Math.max(...indices) + 1).keys()] : [], message);
  }
});

/** Every client module (client/src, recursively). */
function clientFiles(dir = join(root, 'client', 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? clientFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

/** Literal English the user never sees, each with why (a match here is not a user-visible string). */
const NOT_USER_VISIBLE: Record<string, string> = {
  "client/src/languageClient.web.ts: const worker = new Worker(await this.url, { name: 'WHfB language server' });": 'the web worker\'s name, shown only in the browser\'s developer tools',
};

test('no client module shows literal English: messages, titles, tooltips, labels and view texts go through vscode.l10n.t or l10n.t', () => {
  const LITERAL_UI = /show(?:Error|Warning|Information)Message\(\s*['"`]|\b(?:title|tooltip|message|name|label|placeHolder|prompt|description|detail)\s*[:=]\s*['"`][A-Za-z]/g;
  const files = clientFiles();
  assert.ok(files.length > 40, `${files.length} client modules`);
  const found: string[] = [];
  for (const path of files) {
    const file = relative(root, path).split('\\').join('/');
    const text = readFileSync(path, 'utf8');
    for (const match of text.matchAll(LITERAL_UI)) {
      const lineText = text.split('\n')[text.slice(0, match.index).split('\n').length - 1]!.trim();
      if (/^(\/\/|\*|\/\*)/.test(lineText)) continue; // a comment
      if (!(`${file}: ${lineText}` in NOT_USER_VISIBLE)) found.push(`${file}: ${lineText.slice(0, 120)}`);
    }
  }
  assert.deepEqual(found, [], 'user-visible literal text');
});

test('a vscode-free client module that translates uses @vscode/l10n, which extension.ts configures with the same bundle', () => {
  const extension = readFileSync(join(root, 'client', 'src', 'extension.ts'), 'utf8');
  assert.match(extension, /l10n\.config\(\{ contents: vscode\.l10n\.bundle \?\? \{\} \}\)/);
});
