/**
 * Where "WHfB: Insert setting" puts a new entry. In a policy file the document is parsed and the
 * place planned by the same code as the service's "Add <setting>" quick fixes
 * (server/src/formats/policyYamlInsert.ts): after the settings entry under the cursor or at the end of
 * the `settings:` list, as the YAML parser ends them (creating the list when missing). In a custom
 * profile, found on the text: at the end of the `omaSettings` array.
 */
import { getCatalog } from '../catalog/catalog';
import { parseJson, type AstNode, type AstObject } from '../formats/jsonAst';
import { parsePolicyYaml } from '../formats/policyYamlParse';
import { planSettingsInsertion } from '../formats/policyYamlInsert';

export interface Insertion {
  /** Offsets of the text to replace (start === end for a pure insertion). */
  start: number;
  end: number;
  /** Indentation of the list items (YAML) or array elements (JSON). */
  indent: string;
  /** Text before and after the entry (newlines, commas, the `settings:` key). */
  before: string;
  after: string;
  /** The entry joins a YAML flow list (`settings: [{...}]`): one `{ omaUri: ..., ... }` on the line. */
  flow?: boolean;
}

/**
 * Undefined when the policy file's `settings:` holds something no entry can join (a scalar or a
 * mapping): the file has a shape error the user fixes first.
 */
export function planYamlSettingInsertion(text: string, cursor: number): Insertion | undefined {
  let plan;
  try {
    plan = planSettingsInsertion(parsePolicyYaml(text, getCatalog()), cursor);
  } catch {
    // The parser reports what it cannot read as findings; this is only a last guard for the command.
    plan = undefined;
  }
  if (!plan) return undefined;
  // The editor writes the document's own line ends, whatever the snippet uses.
  const lf = (part: string) => part.replace(/\r\n/g, '\n');
  return { start: plan.start, end: plan.end, indent: ' '.repeat(plan.indent), before: lf(plan.before), after: lf(plan.after), ...(plan.style === 'flow' ? { flow: true } : {}) };
}

/** Index of the bracket closing the one at `open`, skipping strings; -1 when unbalanced. */
function matchingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (ch === '[' || ch === '{') {
      depth++;
    } else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Where the `omaSettings` key of the profile a new object joins starts. A Graph list holds several
 * profiles: the one whose object contains the cursor, else the first. From the parsed document when
 * it parses; otherwise the first key in the text (the user is mid-edit, the first is the best guess).
 */
function omaSettingsKeyStart(text: string, cursor: number): number {
  const { root } = parseJson(text);
  if (root) {
    const profiles: AstObject[] = [];
    collectProfiles(root, profiles, 0);
    const containing = profiles.filter((profile) => profile.range.start <= cursor && cursor <= profile.range.end);
    const chosen = containing[containing.length - 1] ?? profiles[0];
    const key = chosen?.properties.find((entry) => entry.key === 'omaSettings');
    // keyRange is inside the quotes: the key text starts one character earlier.
    if (key) return key.keyRange.start - 1;
  }
  return text.search(/"omaSettings"\s*:\s*\[/);
}

/** Objects with an `omaSettings` array, outermost first (depth-bounded: exports are shallow). */
function collectProfiles(node: AstNode, into: AstObject[], depth: number): void {
  if (depth > 16) return;
  if (node.kind === 'array') {
    for (const item of node.items) collectProfiles(item, into, depth + 1);
  } else if (node.kind === 'object') {
    if (node.properties.some((entry) => entry.key === 'omaSettings' && entry.value.kind === 'array')) into.push(node);
    for (const entry of node.properties) collectProfiles(entry.value, into, depth + 1);
  }
}

/** The end of the `omaSettings` array of the profile at the cursor, or the cursor when the document has none. */
export function planJsonOmaSettingInsertion(text: string, cursor: number): Insertion {
  const keyStart = omaSettingsKeyStart(text, cursor);
  const key = keyStart >= 0 ? /^"omaSettings"\s*:\s*\[/.exec(text.slice(keyStart)) : null;
  const open = key ? keyStart + key[0].length - 1 : -1;
  const close = open >= 0 ? matchingBracket(text, open) : -1;
  if (close < 0) return { start: cursor, end: cursor, indent: '', before: '', after: '' };

  const lineStart = text.lastIndexOf('\n', keyStart) + 1;
  const keyIndent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const inner = text.slice(open + 1, close);
  const firstElement = /\n([ \t]*)\S/.exec(inner);
  const indent = firstElement?.[1] ?? `${keyIndent}  `;
  if (inner.trim() === '') {
    return { start: open + 1, end: close, indent, before: '\n', after: `\n${keyIndent}` };
  }
  let last = close - 1;
  while (last > open && /\s/.test(text[last]!)) last--;
  return { start: last + 1, end: last + 1, indent, before: ',\n', after: '' };
}

/**
 * The editor re-indents every line of an inserted snippet after the first by the leading
 * whitespace of the line it is inserted on; the entry text is already indented absolutely, so that
 * whitespace is taken off first.
 */
export function indentRelativeToLine(snippet: string, linePrefix: string): string {
  const base = /^[ \t]*/.exec(linePrefix)![0];
  if (!base) return snippet;
  return snippet.split('\n').map((line, i) => (i > 0 && line.startsWith(base) ? line.slice(base.length) : line)).join('\n');
}
