/**
 * The Learn Markdown constructs the deployment guides build their lists and tables from:
 * `> [!div class="checklist"]` lists, `:::row:::`/`:::column:::` grids, pipe tables, links,
 * and reference-style link definitions.
 */
import { stripInlineMarkdown } from './markdown';

export interface Link {
  text: string;
  target: string;
}

export interface ListItem {
  /** Plain title ("(optional)" markers kept, Markdown removed). */
  title: string;
  raw: string;
  /** The item's first link, when it has one. */
  link?: Link;
}

export interface Checklist {
  /** Non-item lines of the block ("Once the prerequisites are met, ..."). */
  intro: string;
  items: ListItem[];
}

const CHECKLIST_MARK = /^>\s*\[!div class="checklist"\]\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+\.)\s+(.*)$/;

/** Every `> [!div class="checklist"]` block of a section's text, in order. */
export function checklists(text: string): Checklist[] {
  const lines = text.split('\n');
  const out: Checklist[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!CHECKLIST_MARK.test(lines[i].trim())) continue;
    const intro: string[] = [];
    const items: ListItem[] = [];
    for (i++; i < lines.length && lines[i].trim().startsWith('>'); i++) {
      const content = lines[i].trim().replace(/^>\s?/, '');
      const item = LIST_ITEM.exec(content);
      if (item) items.push(listItem(item[1]));
      else if (content.trim() && !/^\*\*.*\*\*$/.test(content.trim())) intro.push(content.trim());
    }
    i--;
    if (items.length > 0) out.push({ intro: intro.join(' '), items });
  }
  return out;
}

/** Plain bullet lists outside blockquotes (the 2022 guides list their steps this way). */
export function bulletLists(text: string): ListItem[][] {
  const out: ListItem[][] = [];
  let current: ListItem[] = [];
  for (const line of text.split('\n')) {
    const item = /^[-*+]\s+(.*)$/.exec(line);
    if (item) current.push(listItem(item[1]));
    else if (line.trim() !== '' || current.length === 0) {
      if (current.length > 0) out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

function listItem(raw: string): ListItem {
  const link = firstLink(raw);
  return { title: stripInlineMarkdown(raw), raw, ...(link ? { link } : {}) };
}

export function firstLink(markdown: string): Link | undefined {
  const match = /\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/.exec(markdown);
  return match ? { text: stripInlineMarkdown(match[1]), target: match[2] } : undefined;
}

export interface GridRow {
  /** Column contents, Markdown, dedented. */
  columns: string[];
}

/**
 * `:::row:::` grids as the 2023 guides lay out their requirements: one row per requirement,
 * the first column its name (often with a :ballot_box_with_check: mark), the second its detail.
 * Rows the guides leave unclosed end at the next row.
 */
export function gridRows(text: string): GridRow[] {
  const rows: GridRow[] = [];
  let columns: string[] | undefined;
  let column: string[] | undefined;
  const closeColumn = (): void => {
    if (columns && column) columns.push(dedent(column.join('\n')));
    column = undefined;
  };
  const closeRow = (): void => {
    closeColumn();
    if (columns && columns.length > 0) rows.push({ columns });
    columns = undefined;
  };
  for (const line of text.split('\n')) {
    const marker = line.trim();
    if (marker === ':::row:::') {
      closeRow();
      columns = [];
    } else if (marker === ':::row-end:::') {
      closeRow();
    } else if (/^:::column(\s[^:]*)?:::$/.test(marker)) {
      closeColumn();
      if (!columns) columns = [];
      column = [];
    } else if (marker === ':::column-end:::') {
      closeColumn();
    } else if (column) {
      column.push(line);
    }
  }
  closeRow();
  return rows;
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(min, /^\s*/.exec(l)![0].length))).join('\n').trim();
}

export interface PipeTable {
  header: string[];
  rows: string[][];
}

/** Pipe tables (header row, delimiter row, body rows); a table without delimiter row has an empty header. */
export function pipeTables(text: string): PipeTable[] {
  const tables: PipeTable[] = [];
  let block: string[] = [];
  const flush = (): void => {
    if (block.length === 0) return;
    const cells = block.map(splitRow);
    const delimiter = cells.findIndex((row) => row.every((cell) => /^:?-+:?$/.test(cell.trim()) || cell.trim() === ''));
    if (delimiter === 1) tables.push({ header: cells[0], rows: cells.slice(2) });
    else tables.push({ header: [], rows: cells });
    block = [];
  };
  for (const line of text.split('\n')) {
    if (line.trim().startsWith('|')) block.push(line.trim());
    else flush();
  }
  flush();
  return tables;
}

function splitRow(line: string): string[] {
  const inner = line.replace(/^\|/, '').replace(/\|\s*$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/** `[ID]: url` reference definitions of a page. */
export function referenceDefinitions(text: string): Map<string, string> {
  const defs = new Map<string, string>();
  for (const match of text.matchAll(/^\s*\[([^\]]+)\]:\s*(\S+)/gm)) defs.set(match[1].toLowerCase(), match[2]);
  return defs;
}
