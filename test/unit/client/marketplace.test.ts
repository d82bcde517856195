/**
 * The Marketplace face (issue 17, point 7): categories VS Code accepts, keywords within vsce's
 * limit, a Keep a Changelog CHANGELOG.md whose newest release is package.json's version, and a
 * README that says what the extension is, shows it, documents every setting (the table is
 * generated from package.json) and links the rule reference.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest } from '../../../scripts/manifest/localizedManifest';
import { SETTINGS_END, SETTINGS_START, settingsTable } from '../../../scripts/manifest/generateSettingsTable';

const root = join(__dirname, '..', '..', '..');
const { raw, resolved } = readManifest(root);
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The categories the Marketplace and vsce accept (vsce's validation list, VS Code 1.90+). */
const MARKETPLACE_CATEGORIES = new Set([
  'AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps',
  'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages',
  'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization',
]);

test('categories are ones the Marketplace accepts and describe what the extension contributes', () => {
  const categories = raw.categories as string[];
  assert.ok(categories.length > 0);
  assert.deepEqual(categories.filter((c) => !MARKETPLACE_CATEGORIES.has(c)), [], 'unknown categories');
  assert.equal(new Set(categories).size, categories.length, 'no duplicates');
  // Each category is earned by a contribution: diagnostics, a language and grammar, snippets.
  assert.ok(categories.includes('Linters'));
  if (categories.includes('Programming Languages')) assert.ok(raw.contributes.languages?.length && raw.contributes.grammars?.length);
  if (categories.includes('Snippets')) assert.ok(raw.contributes.snippets?.length);
});

test('keywords: at most 30 (vsce refuses more), distinct ignoring case, no category repeated as a keyword', () => {
  const keywords = raw.keywords as string[];
  assert.ok(keywords.length > 0 && keywords.length <= 30, `${keywords.length} keywords`);
  const lower = keywords.map((k) => k.trim().toLowerCase());
  assert.equal(new Set(lower).size, keywords.length, 'duplicate keywords');
  for (const keyword of keywords) assert.ok(keyword.trim() === keyword && keyword.length > 0, JSON.stringify(keyword));
  const categories = new Set((raw.categories as string[]).map((c) => c.toLowerCase()));
  assert.deepEqual(lower.filter((k) => categories.has(k)), []);
  for (const needed of ['windows hello for business', 'intune', 'oma-uri']) assert.ok(lower.includes(needed), needed);
});

test('the Marketplace fields: display name, description, icon, publisher, licence, version', () => {
  assert.ok(resolved.displayName && resolved.displayName.length <= 50);
  assert.ok(resolved.description.length > 40 && resolved.description.length <= 300, resolved.description);
  assert.match(raw.version, /^\d+\.\d+\.\d+$/);
  assert.ok(raw.publisher);
  assert.equal(raw.license, 'MIT');
  assert.ok(existsSync(join(root, raw.icon)) && raw.icon.endsWith('.png'), 'a PNG icon (the Marketplace refuses SVG)');
  assert.ok(existsSync(join(root, 'LICENSE')));
});

test('CHANGELOG.md follows Keep a Changelog; its newest release is the version in package.json', () => {
  const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, /^# Changelog\n/);
  assert.match(changelog, /keepachangelog\.com/);
  const headings = [...changelog.matchAll(/^## (.*)$/gm)].map((m) => m[1]!);
  assert.equal(headings[0], '[Unreleased]');
  const releases = headings.slice(1).map((heading) => {
    const match = /^\[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$/.exec(heading);
    assert.ok(match, `release heading "## ${heading}" is "## [x.y.z] - YYYY-MM-DD"`);
    return { version: match![1]!, date: match![2]! };
  });
  assert.ok(releases.length > 0);
  assert.equal(releases[0]!.version, raw.version, 'the newest release is the packaged version');
  const dates = releases.map((r) => r.date);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  const kinds = [...changelog.matchAll(/^### (.*)$/gm)].map((m) => m[1]!);
  assert.deepEqual(kinds.filter((k) => !['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'].includes(k)), []);
  for (const section of changelog.split(/^## /m).slice(1)) {
    const body = section.slice(section.indexOf('\n'));
    assert.ok(!/^### \w+\n\n(?=###|$)/m.test(body), 'no empty change-type section');
  }
});

test('README for the Marketplace page: what and who for, screenshots that exist, rule reference, changelog, telemetry', () => {
  const intro = readme.slice(0, readme.indexOf('\n## '));
  assert.match(intro, /Windows Hello for Business/);
  assert.match(intro, /administrators/, 'who it is for');
  const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)];
  assert.ok(images.length >= 3, 'screenshots');
  for (const [, alt, path] of images) {
    assert.ok(alt!.length > 10, `alt text for ${path}`);
    assert.ok(existsSync(join(root, path!)), `${path} exists`);
  }
  assert.ok(intro.includes('](docs/rules.md)'), 'the rule reference is linked before the first section');
  assert.ok(readme.includes('](CHANGELOG.md)'));
  const telemetry = /^## Telemetry\n\n([^#]+)/m.exec(readme);
  assert.ok(telemetry, 'a Telemetry section');
  assert.match(telemetry![1]!, /^None\./);
  assert.match(telemetry![1]!, /isTelemetryEnabled/);
});

test("README's settings table is the one generated from package.json and lists every setting", () => {
  const start = readme.indexOf(SETTINGS_START);
  const end = readme.indexOf(SETTINGS_END);
  assert.ok(start >= 0 && end > start, 'settings table markers');
  const table = readme.slice(start + SETTINGS_START.length, end).trim();
  assert.equal(table, settingsTable(root), 'stale: run npm run generate');
  for (const id of Object.keys(resolved.contributes.configuration.properties)) assert.ok(table.includes(`| \`${id}\` |`), id);
  assert.ok(!table.includes('%'), 'placeholders are resolved');
});
