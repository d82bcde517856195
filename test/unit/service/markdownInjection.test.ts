/**
 * Text from documents never becomes Markdown of its own (issue 15, defect 6). Backticks,
 * brackets, HTML, image and link syntax and autolinks are planted in every field a hover or a
 * tooltip echoes, in every format: policy YAML omaUri, value and Group Policy name; Settings
 * Catalog settingDefinitionId and choice values (JSON and IntuneCD YAML); custom-profile omaUri
 * and value (JSON and IntuneCD YAML); SyncML LocURI and Data; loose text (Markdown, PowerShell).
 * Each hover over the planted text, the settings view's tooltip of each setting and the checklist
 * tooltip showing the findings must hold no live image, link, HTML, entity or theme icon: the
 * payload shows only inside code spans or as escaped text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService } from '../../../server/src/service/languageService';
import { markdownCode, markdownText } from '../../../server/src/features/markdownText';
import { settingTooltip } from '../../../client/src/settingsView/settingTooltip';
import { checklistItemTooltip } from '../../../client/src/checklist/checklistTooltip';
import type { ChecklistItem } from '../../../server/src/checklists/types';
import { assertNoLiveMarkup, liveMarkupProblems, liveText, PAYLOADS } from '../markdownSafety';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const service = getLanguageService();

interface Planted { name: string; uri: string; languageId?: string; text: string }

const FIELDS = 'omaUri|settingDefinitionId|value|policy|displayName';

/** JSON: every string value of an echoed key gets the payload appended (JSON-encoded). */
function plantJson(text: string, payload: string): string {
  return text.replace(new RegExp(`("(?:${FIELDS})"\\s*:\\s*)"((?:[^"\\\\]|\\\\.)*)"`, 'g'),
    (_, key: string, value: string) => `${key}${JSON.stringify(JSON.parse(`"${value}"`) + payload)}`);
}

/** YAML: every scalar of an echoed key becomes a double-quoted string with the payload appended. */
function plantYaml(text: string, payload: string): string {
  return text.replace(new RegExp(`^(\\s*(?:- )?(?:${FIELDS}):[ \\t]+)(.+)$`, 'gm'), (_, key: string, value: string) => {
    const plain = value.startsWith('"') ? JSON.parse(value) as string : value.replace(/\s+#.*$/, '');
    return `${key}${JSON.stringify(plain + payload)}`;
  });
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** SyncML: LocURI and Data get the payload appended (XML-escaped, as a real export would hold it). */
function plantSyncMl(text: string, payload: string): string {
  return text.replace(/<(LocURI|Data)>([^<]*)<\/\1>/g, (_, tag: string, value: string) => `<${tag}>${value}${xmlEscape(payload)}</${tag}>`);
}

/** Loose text: the payload right after each OMA-URI (part of the same token), and on a line of its own. */
function plantLoose(text: string, payload: string): string {
  return `${text.replace(/(\.\/(?:Device|User)\/Vendor\/MSFT\/[^\s`"']+)/g, `$1${payload}`)}\n${payload}\n`;
}

function filesIn(folder: string, pattern: RegExp): string[] {
  return readdirSync(join(FIXTURES, folder)).filter((name) => pattern.test(name)).sort().map((name) => join(folder, name));
}

function plantedDocuments(): Planted[] {
  const documents: Planted[] = [];
  const add = (path: string, plant: (text: string, payload: string) => string, payloads: string[], languageId?: string) => {
    const original = readFileSync(join(FIXTURES, path), 'utf8');
    payloads.forEach((payload, index) => {
      const text = plant(original, payload);
      assert.notEqual(text, original, `${path}: something was planted`);
      documents.push({ name: `${path} #${index}`, uri: `file:///work/${path}`, languageId, text });
    });
  };
  const both = [PAYLOADS.token, PAYLOADS.spaced];
  for (const path of filesIn('whfb-yaml', /-(bad|good)\.whfb\.yaml$/).filter((p) => !/WHFB00[13]/.test(p))) add(path, plantYaml, both, 'whfb-yaml');
  for (const path of [...filesIn('matrix/settings-catalog', /\.json$/), ...filesIn('matrix/custom-profile', /\.json$/)]) add(path, plantJson, both, 'json');
  for (const path of [...filesIn('matrix/intunecd-settings-catalog', /\.yaml$/), ...filesIn('matrix/intunecd-custom-profile', /\.yaml$/)]) add(path, plantYaml, both, 'yaml');
  for (const path of filesIn('matrix/syncml', /\.xml$/)) add(path, plantSyncMl, both, 'xml');
  for (const path of filesIn('matrix/markdown', /\.md$/)) add(path, plantLoose, [PAYLOADS.token], 'markdown');
  for (const path of filesIn('matrix/powershell', /\.ps1$/)) add(path, plantLoose, [PAYLOADS.token], 'powershell');
  return documents;
}

function positionAt(text: string, offset: number) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Offsets on every line that holds planted text (every fourth character: each field is longer). */
function offsetsOnPlantedLines(text: string): number[] {
  const offsets: number[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    if (/evil|``|&lt;|!\[/.test(line)) for (let i = 0; i < line.length; i += 4) offsets.push(lineStart + i);
    lineStart += line.length + 1;
  }
  return offsets;
}

const CHECKLIST_ITEM: ChecklistItem = {
  id: 'policy', title: 'Configure the policy', detail: 'Set the settings.', guide: 'g.md', anchor: 'policy',
  href: 'https://learn.microsoft.com/windows/security/identity-protection/hello-for-business/policy-settings', settings: [], groupPolicies: [],
} as unknown as ChecklistItem;

test('the checker itself: raw payloads are live Markdown, escaped ones are not', () => {
  for (const payload of Object.values(PAYLOADS)) {
    assert.ok(liveMarkupProblems(`x ${payload} y`).length >= 3, `the raw payload is caught: ${payload}`);
    assert.ok(liveMarkupProblems(`\`${payload}\``).length >= 1, 'a plain backtick code span does not hold it');
    assertNoLiveMarkup(markdownCode(payload), 'markdownCode');
    assertNoLiveMarkup(markdownText(payload), 'markdownText');
    assertNoLiveMarkup(`**${markdownText(payload)}** and ${markdownCode(payload)}: ${markdownText(payload)}`, 'mixed');
    // The code span holds exactly the text (line breaks as spaces), nothing dropped or added.
    const { codeSpans } = liveText(markdownCode(payload));
    assert.equal(codeSpans.length, 1);
    assert.equal(codeSpans[0].replace(/^ (.*) $/, '$1'), payload.replace(/\r\n|\n/g, ' '));
  }
  for (const edge of ['', ' ', '`', '``', 'a`', '`a', '```a```', 'a\n\nb']) {
    const { codeSpans } = liveText(`x ${markdownCode(edge)} y`);
    assert.equal(codeSpans.length, 1, `one code span for ${JSON.stringify(edge)}`);
  }
});

test('hovers, settings tooltips and checklist tooltips echo planted text only as text', () => {
  const documents = plantedDocuments();
  let hovers = 0;
  let unknownHovers = 0;
  let tooltips = 0;
  let echoed = 0;
  for (const document of documents) {
    const input = { uri: document.uri, languageId: document.languageId, version: 1, text: document.text };
    for (const offset of offsetsOnPlantedLines(document.text)) {
      const hover = service.hover(input, positionAt(document.text, offset));
      if (!hover) continue;
      hovers++;
      if (/names no node of the catalog|is not a Group Policy the catalog knows/.test(hover.contents.value)) unknownHovers++;
      if (hover.contents.value.includes('evil.example')) echoed++;
      assertNoLiveMarkup(hover.contents.value, `hover in ${document.name} at ${offset}`);
    }
    const diagnostics = service.validate(input);
    for (const diagnostic of diagnostics) if (diagnostic.message.includes('evil.example')) echoed++;
    const summary = service.policySummary(input);
    for (const setting of summary?.settings ?? []) {
      tooltips++;
      assertNoLiveMarkup(settingTooltip(setting), `settings tooltip in ${document.name}`);
    }
    const check = {
      status: 'problem' as const,
      description: '',
      settings: (summary?.settings ?? []).map((setting) => ({
        path: setting.path ?? setting.written, name: setting.label, status: 'problem' as const,
        problems: diagnostics.map((d) => ({ code: String(d.code), severity: 'error', message: d.message })),
      })),
    };
    tooltips++;
    assertNoLiveMarkup(checklistItemTooltip(CHECKLIST_ITEM, check, { by: PAYLOADS.token, at: PAYLOADS.spaced }), `checklist tooltip for ${document.name}`);
  }
  // Not vacuous: the planted text reached hovers (unknown nodes echo what is written) and messages.
  assert.ok(documents.length >= 100, `documents: ${documents.length}`);
  assert.ok(unknownHovers > 50, `hovers on unknown nodes: ${unknownHovers} of ${hovers}`);
  assert.ok(echoed > 100, `echoes of the payload: ${echoed}`);
  assert.ok(tooltips > 200, `tooltips: ${tooltips}`);
});
