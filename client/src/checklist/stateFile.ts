/**
 * The checklist state file's shape: `{ version: 1, model?: id, items: { [itemId]: { done: true, by?, at? } } }`.
 * It is meant to be committed, so it is written pretty-printed with sorted keys (small diffs), and
 * read strictly: a file that is not this shape is reported, never silently replaced.
 */
import * as l10n from '@vscode/l10n';

export interface ItemState {
  done: true;
  /** Who ticked it (user name), when recorded. */
  by?: string;
  /** When it was ticked, ISO 8601. */
  at?: string;
}

export interface ChecklistState {
  version: 1;
  model?: string;
  items: Record<string, ItemState>;
  /** Keys a newer version of the extension may have added: kept as they are when the file is rewritten. */
  extra: Record<string, unknown>;
}

/**
 * A record for keys read from the file. Keys are data: `__proto__`, `constructor` or `prototype` in
 * a file are kept like any other key (on a plain `{}`, assigning `__proto__` sets the prototype and
 * the key is silently lost on the next rewrite).
 */
export function dataRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export type ParseResult = { ok: true; state: ChecklistState } | { ok: false; message: string };

export function emptyState(): ChecklistState {
  return { version: 1, items: dataRecord(), extra: dataRecord() };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Line and column of a JSON.parse error, where the engine reports a position. */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

export function parseStateFile(text: string): ParseResult {
  // An empty file holds no ticks to lose, so it is treated as a new file.
  if (text.trim() === '') return { ok: true, state: emptyState() };
  if (/^(<{7}|={7}|>{7})( |$)/m.test(text)) {
    return { ok: false, message: l10n.t('it contains merge-conflict markers (<<<<<<<); resolve the conflict, keeping the ticks of both sides') };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: l10n.t('it is not valid JSON ({0})', describeJsonError(text, error)) };
  }
  if (!isPlainObject(raw)) return { ok: false, message: l10n.t('it is not a JSON object') };
  if (raw.version !== 1) return { ok: false, message: l10n.t('"version" is {0}, expected 1', String(JSON.stringify(raw.version))) };
  if (raw.model !== undefined && typeof raw.model !== 'string') return { ok: false, message: l10n.t('"model" is not a string') };
  if (raw.items !== undefined && !isPlainObject(raw.items)) return { ok: false, message: l10n.t('"items" is not an object') };

  const items = dataRecord<ItemState>();
  for (const [id, entry] of Object.entries(raw.items ?? {})) {
    if (!isPlainObject(entry) || typeof entry.done !== 'boolean') {
      return { ok: false, message: l10n.t('item "{0}" is not an object with a boolean "done"', id) };
    }
    if (entry.by !== undefined && typeof entry.by !== 'string') return { ok: false, message: l10n.t('item "{0}": "by" is not a string', id) };
    if (entry.at !== undefined && typeof entry.at !== 'string') return { ok: false, message: l10n.t('item "{0}": "at" is not a string', id) };
    if (!entry.done) continue;
    items[id] = { done: true, ...(entry.by !== undefined ? { by: entry.by } : {}), ...(entry.at !== undefined ? { at: entry.at } : {}) };
  }
  const extra = dataRecord<unknown>();
  for (const [key, value] of Object.entries(raw)) {
    if (key !== 'version' && key !== 'model' && key !== 'items') extra[key] = value;
  }
  return { ok: true, state: { version: 1, ...(raw.model !== undefined ? { model: raw.model } : {}), items, extra } };
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isPlainObject(value)) return value;
  const sorted = dataRecord<unknown>();
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeysDeep(value[key]);
  return sorted;
}

/** version first, then model and items, then any unknown keys; everything below sorted. */
export function serializeState(state: ChecklistState): string {
  const document = dataRecord<unknown>();
  document.version = 1;
  if (state.model !== undefined) document.model = state.model;
  document.items = sortKeysDeep(state.items);
  for (const key of Object.keys(state.extra).sort()) document[key] = sortKeysDeep(state.extra[key]);
  return `${JSON.stringify(document, null, 2)}\n`;
}
