/**
 * The guides' snippets (generated: snippets/whfb-yaml.json, snippets/intune-custom-profile.json)
 * as completion items, offered only where their text can start: a whole policy file in an
 * otherwise empty policy document, `settings:` or `groupPolicy:` entries where a list item of that
 * section can start, custom-profile entries where an element of `omaSettings` can start. Never
 * after a key such as `type:`, never inside an entry, never in unrelated JSON. Contributed
 * snippets could not know the position: VS Code showed all sixteen in every list.
 */
import * as l10n from '@vscode/l10n';
import type { SourceFormat } from '../model/types';

type Where = 'policy' | 'settings' | 'groupPolicy' | 'omaSettings';

interface GuideSnippet {
  prefix: string;
  where: Where;
  body: string[];
  description: string;
}

let snippets: readonly (GuideSnippet & { name: string })[] | undefined;

/**
 * Read at the first completion, not imported: an import built them at every start of the server,
 * before its first diagnostics (scripts/build.mjs, jsonLoadedOnFirstUse).
 */
function guideSnippets(): readonly (GuideSnippet & { name: string })[] {
  snippets ??= [
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
    ...Object.entries(require('../../../snippets/whfb-yaml.json') as Record<string, GuideSnippet>),
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
    ...Object.entries(require('../../../snippets/intune-custom-profile.json') as Record<string, GuideSnippet>),
  ].map(([name, snippet]) => ({ name, ...snippet }));
  return snippets;
}

/** Where the cursor is, for the snippets' purposes: what may start here and the text the item replaces. */
export interface SnippetPlace {
  where: Where;
  /** Offsets of the text the item replaces (the word typed so far). */
  start: number;
  end: number;
  /** A list item's `- ` is already typed: the snippet's first dash is dropped. */
  afterDash?: boolean;
  /** Another element follows in the JSON array: the inserted elements end with a comma. */
  commaAfter?: boolean;
}

/** A snippet to offer, in plain terms (completion.ts makes the LSP item: this layer has no LSP types). */
export interface GuideSnippetCompletion {
  label: string;
  /** Beside the label: what kind of text it inserts. */
  description: string;
  /** The guide section the entries come from. */
  detail: string;
  /** Markdown: the section, its link and a preview of the text. */
  documentation: string;
  filterText: string;
  sortText: string;
  /** Offsets of the text replaced, and the snippet text (with tab stops) that replaces it. */
  start: number;
  end: number;
  snippet: string;
}

/** The guides' snippets that can start at `offset`; empty where none can. */
export function snippetCompletions(format: SourceFormat | undefined, text: string, offset: number): GuideSnippetCompletion[] {
  const place = snippetPlace(format, text, offset);
  if (!place) return [];
  return guideSnippets().filter((snippet) => snippet.where === place.where).map((snippet, index) => ({
    label: snippet.name,
    description: LABEL_DESCRIPTION[snippet.where](),
    detail: snippet.description.replace(/\s*\(https:[^)]*\)/g, ''),
    documentation: snippetDocumentation(snippet),
    filterText: `${snippet.prefix} ${snippet.name}`,
    // After the schema's keys and the catalog's settings: a snippet is many lines at once.
    sortText: `8${String(index).padStart(3, '0')}`,
    start: place.start,
    end: place.end,
    snippet: snippetText(snippet.body, place),
  }));
}

/** Translated when offered: the server learns the user's language in `initialize`, after this module loads. */
const LABEL_DESCRIPTION: Record<Where, () => string> = {
  policy: () => l10n.t('policy file from the guide'),
  settings: () => l10n.t('settings from the guide'),
  groupPolicy: () => l10n.t('Group Policy from the guide'),
  omaSettings: () => l10n.t('omaSettings from the guide'),
};

function snippetDocumentation(snippet: GuideSnippet): string {
  const link = /\((https:\/\/learn\.microsoft\.com\/[^)\s]+)\)/.exec(snippet.description)?.[1];
  const preview = snippet.body.join('\n').replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\\([$}\\])/g, '$1');
  const fence = snippet.where === 'omaSettings' ? 'json' : 'yaml';
  return [snippet.description.replace(/\s*\(https:[^)]*\)/g, ''), link ? `[Open the guide section](${link})` : '', `\`\`\`${fence}\n${preview}\n\`\`\``].filter(Boolean).join('\n\n');
}

function snippetText(body: readonly string[], place: SnippetPlace): string {
  let lines = [...body];
  if (place.afterDash && lines[0]?.startsWith('- ')) lines[0] = lines[0].slice(2);
  if (place.commaAfter) lines = [...lines.slice(0, -1), `${lines[lines.length - 1]},`];
  return lines.join('\n');
}

export function snippetPlace(format: SourceFormat | undefined, text: string, offset: number): SnippetPlace | undefined {
  if (format === 'whfb-yaml') return policyYamlPlace(text, offset);
  if (format === 'custom-profile-json') return omaSettingsPlace(text, offset);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Policy YAML

const LIST_SECTIONS: Record<string, Where> = { settings: 'settings', groupPolicy: 'groupPolicy' };

function policyYamlPlace(text: string, offset: number): SnippetPlace | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const lineEnd = newline < 0 ? text.length : newline;
  const before = text.slice(lineStart, offset);
  // Only where a key or a list item starts: not after `type:`, not in the middle of a word.
  const match = /^(\s*)(-\s+)?([A-Za-z-]*)$/.exec(before);
  if (!match || text.slice(offset, lineEnd).trim() !== '') return undefined;
  const [, indent, dash, word] = match;
  const start = offset - word.length;
  const otherText = (text.slice(0, lineStart) + text.slice(lineEnd)).replace(/^\s*#.*$/gm, '');
  if (!dash && indent.length === 0 && otherText.trim() === '') return { where: 'policy', start, end: offset };

  const section = enclosingSection(text, lineStart);
  if (!section) return undefined;
  const where = LIST_SECTIONS[section.key];
  if (!where) return undefined;
  if (dash) return { where, start, end: offset, afterDash: true };
  // Without a dash: only at the column of the section's list items (a new item), never inside an entry.
  const column = section.itemColumn ?? (indent.length > 0 ? indent.length : 0);
  if (indent.length !== column) return undefined;
  if (column === 0 && section.itemColumn === undefined) return undefined;
  return { where, start, end: offset };
}

/** The top-level key whose block holds the line at `lineStart`, and the column of its `- ` items. */
function enclosingSection(text: string, lineStart: number): { key: string; itemColumn?: number } | undefined {
  const lines = text.slice(0, lineStart).split('\n');
  lines.pop();
  let itemColumn: number | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^(\s*)-(\s|$)/.exec(line);
    if (item) itemColumn = item[1].length;
    const top = /^([A-Za-z]+)\s*:\s*(#.*)?$/.exec(line);
    if (top) return { key: top[1], itemColumn };
    if (/^\S/.test(line) && !item) return undefined; // another top-level key with a value: not a list section
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Custom profile JSON

/**
 * Inside the top-level `omaSettings` array, where an element can start: right after `[` or `,`
 * (whitespace between), with the word typed so far replaced.
 */
function omaSettingsPlace(text: string, offset: number): SnippetPlace | undefined {
  const stack: { kind: '{' | '['; key?: string }[] = [];
  let lastString: string | undefined;
  let keyForNext: string | undefined;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < offset && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= offset) return undefined; // inside a string
      lastString = text.slice(i + 1, j);
      i = j;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (c === ':') keyForNext = lastString;
    else if (c === '{' || c === '[') {
      stack.push({ kind: c, key: keyForNext });
      keyForNext = undefined;
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') keyForNext = undefined;
  }
  const word = /[A-Za-z]*$/.exec(text.slice(0, offset))?.[0] ?? '';
  const beforeWord = text.slice(0, offset - word.length).trimEnd();
  const last = beforeWord[beforeWord.length - 1];
  if (last !== '[' && last !== ',') return undefined;
  const array = stack[stack.length - 1];
  if (stack.length !== 2 || stack[0].kind !== '{' || array?.kind !== '[' || array.key !== 'omaSettings') return undefined;
  const after = text.slice(offset).trimStart();
  return { where: 'omaSettings', start: offset - word.length, end: offset, commaAfter: after.startsWith('{') };
}
