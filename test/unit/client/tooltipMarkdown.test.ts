/**
 * Checklist tooltips render guide Markdown as a tooltip can show it (issue 12 point 7): callouts
 * as a bold label, headings demoted, no Learn tab syntax, and every generated item detail free of
 * what a tooltip would show raw.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tooltipMarkdown } from '../../../client/src/checklist/tooltipMarkdown';
import { checklistItemTooltip } from '../../../client/src/checklist/checklistTooltip';
import type { ChecklistItem, Checklists } from '../../../shared/protocol';

test('a [!IMPORTANT] callout becomes a bold label inside its quote', () => {
  assert.equal(tooltipMarkdown('> [!IMPORTANT]\n> Restart the AD FS service.'), '> **Important**\n> Restart the AD FS service.');
  assert.equal(tooltipMarkdown('> [!note] Short.'), '> **Note** Short.');
});

test('headings are demoted to bold lines, so a section title is not a banner', () => {
  assert.equal(tooltipMarkdown('# Intune/CSP\n\nText\n### Use the event logs ###'), '**Intune/CSP**\n\nText\n**Use the event logs**');
  assert.equal(tooltipMarkdown('> ## Quoted heading'), '> **Quoted heading**');
});

test('Learn tab labels keep their label; tab and grid markers go', () => {
  const input = '# [:::image type="icon" source="images/intune.svg"::: **Intune/CSP**](#tab/intune)\n\nSet it.\n\n---\n:::row:::\n[!INCLUDE [x](includes/x.md)]\n> [!div class="checklist"]';
  const output = tooltipMarkdown(input);
  assert.match(output, /^\*\*Intune\/CSP\*\*\n/);
  assert.doesNotMatch(output, /#tab\/|:::|\[!INCLUDE|\[!div/);
});

test('<br> in a table cell becomes a comma; code blocks are left alone', () => {
  assert.equal(tooltipMarkdown('| a<br>b | c |'), '| a, b | c |');
  assert.equal(tooltipMarkdown('```\n# not a heading\n```'), '```\n# not a heading\n```');
});

test('no tooltip of a generated checklist item shows a callout marker, a heading, tab syntax or HTML', () => {
  const checklists = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'data', 'generated', 'checklists.json'), 'utf8')) as Checklists;
  const items: ChecklistItem[] = [];
  const walk = (list: readonly ChecklistItem[]) => { for (const item of list) { items.push(item); walk(item.children ?? []); } };
  for (const model of checklists.models) for (const section of model.sections) walk(section.items);
  assert.ok(items.length > 50);
  for (const item of items) {
    const tooltip = checklistItemTooltip(item, undefined);
    const outsideCode = tooltip.replace(/```[\s\S]*?```/g, '');
    assert.doesNotMatch(outsideCode, /\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/i, item.id);
    assert.doesNotMatch(outsideCode, /^\s*(>\s*)?#{1,6}\s/m, item.id);
    assert.doesNotMatch(outsideCode, /#tab\/|^\s*:::|<br\s*\/?>/im, item.id);
  }
});
