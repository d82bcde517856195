/**
 * Every item of every generated checklist (children included) reads as plain Markdown on its own:
 * what the generator takes from the guides must leave no Learn-only syntax, no heading or
 * "the following:" with nothing after it, and no link that is relative or wrongly made absolute.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChecklistItem, Checklists } from '../../server/src/checklists/types';
import { allItems } from '../../server/src/checklists/items';
import generated from '../../data/generated/checklists.json';
import { itemDetail } from '../../scripts/checklists/itemDetail';

const checklists = generated as Checklists;
const every: { model: string; item: ChecklistItem }[] = checklists.models.flatMap((model) =>
  model.sections.flatMap((section) => allItems(section.items).map((item) => ({ model: model.id, item }))));

/** Hosts a detail may link to: Microsoft's documentation and support sites the guides cite. */
const KNOWN_LINK = /^https:\/\/(learn\.microsoft\.com\/(?!en-us\/)[a-z][a-z0-9-]*(\/[^\s#)]*)?(#[a-z0-9-_]+)?|support\.microsoft\.com\/[^\s)]+|admin\.microsoft\.com\/[^\s)]+|aka\.ms\/[^\s)]+|www\.microsoft\.com\/[^\s)]+)$/;
/** Learn paths that are sites of their own (a WHfB page made absolute from the wrong folder is not). */
const LEARN_SITES = /^https:\/\/learn\.microsoft\.com\/(windows|windows-server|entra|mem|intune|troubleshoot|graph|azure|powershell|previous-versions|openspecs|defender-endpoint|microsoft-365|answers)\//;

/** Problems with one item's Markdown, as short labels; [] when it reads well. */
function leftovers(item: ChecklistItem): string[] {
  const problems: string[] = [];
  const detail = item.detail;
  const withoutReadMore = detail.replace(/\n*\[Read more\]\([^)]*\)$/, '').trim();
  if (!item.title.trim()) problems.push('empty title');
  if (!withoutReadMore) problems.push('empty detail');
  const paragraphs = withoutReadMore.split(/\n\s*\n/);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  if (/^#{1,6}\s/.test(last.trim())) problems.push(`dangling heading: ${last.trim()}`);
  if (/:\s*$/.test(last.trim().replace(/\*\*$/, ''))) problems.push(`cut after a colon: ${last.trim().slice(-60)}`);
  for (const [pattern, label] of [[/\[!div\b/, '[!div'], [/#tab\//, '#tab/'], [/\[!INCLUDE/i, '[!INCLUDE'], [/:::/, ':::'], [/\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/, 'raw alert']] as const) {
    if (pattern.test(detail) || pattern.test(item.title)) problems.push(`Learn-only syntax ${label}`);
  }
  if (/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/m.test(detail)) problems.push('stray horizontal rule');
  for (const match of detail.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const url = match[1];
    if (!KNOWN_LINK.test(url)) problems.push(`link of unknown shape: ${url}`);
    else if (url.startsWith('https://learn.microsoft.com/') && !LEARN_SITES.test(url)) problems.push(`link made absolute wrongly: ${url}`);
  }
  return problems;
}

test('no item of any model keeps guide syntax the tooltip cannot show, or text cut in the middle', () => {
  assert.ok(every.length > 60, `every item, children included: ${every.length}`);
  const found = every.flatMap(({ model, item }) => leftovers(item).map((problem) => `${item.id} (${model}): ${problem}`));
  assert.deepEqual(found, []);
});

test('the leftovers the issue found are each caught by the check and cleaned by the generator', () => {
  const href = 'https://learn.microsoft.com/windows/security/identity-protection/hello-for-business/deploy/#authentication-to-microsoft-entra-id';
  const base = { id: 'x', title: 'X', guide: 'g.md', anchor: 'a', href, settings: [], groupPolicies: [] };
  const garbled = [
    'Users authenticate with PHS or PTA.\n\n### Device registration',
    'The Windows Hello for Business provisioning process begins immediately after a user signs in.\n\nWhen the enrollment process begins:',
    'The object is created in the domain. This object:',
    'Configure it.\n\n# [ **Intune/CSP**](https://learn.microsoft.com/windows/x#tab/intune)\n\nUse a policy.',
    '> [!div class="checklist"]\n> - One',
    'Text.\n\n---\n\nMore.',
    'See [how it works](https://learn.microsoft.com/hello-how-it-works-technology).',
    '> [!IMPORTANT]\n> Be careful.',
  ];
  for (const detail of garbled) assert.notDeepEqual(leftovers({ ...base, detail }), [], detail);
  // The same text through the generator's cleaning reads well (the link is fixed where includes are inlined).
  for (const detail of garbled.slice(0, 6).concat(garbled[7])) {
    const cleaned = itemDetail(detail, href);
    assert.deepEqual(leftovers({ ...base, detail: cleaned }), [], `${detail}\n→ ${cleaned}`);
  }
  assert.match(itemDetail('> [!IMPORTANT]\n> Be careful.', href), /^> \*\*Important\*\*\n> Be careful\.$/);
  assert.match(itemDetail('Configure it.\n\n# [ **Intune/CSP**](https://learn.microsoft.com/windows/x#tab/intune)\n\nUse a policy.', href), /\*\*Intune\/CSP\*\*/);
});

test('every item has an id, a title and a detail; children ids extend their parent\'s', () => {
  const check = (items: readonly ChecklistItem[], parent?: string): void => {
    for (const item of items) {
      assert.ok(item.id && item.title.trim() && item.detail.trim(), item.id);
      if (parent) assert.ok(item.id.startsWith(`${parent}/`), `${item.id} under ${parent}`);
      if (item.children) {
        assert.ok(item.children.length >= 2, `${item.id}: a parent has at least two things to do`);
        check(item.children, item.id);
      }
    }
  };
  for (const model of checklists.models) for (const section of model.sections) check(section.items);
});
