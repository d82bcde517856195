/**
 * Random mutations of a document's text: line insertions, deletions, duplications and swaps,
 * random characters and bytes (including lone surrogates, NUL, BOM, CR and invalid UTF-8 decoded
 * the way an editor decodes it), tokens of the formats, and truncation.
 */
import type { Prng } from './prng';

/** Pieces that make each parser take unusual paths. */
const TOKENS = [
  '{', '}', '[', ']', ':', ': ', '- ', '-', ',', '"', "'", '\\', '#', '# whfb-ignore WHFB101', '&a ', '*a', '<<: *a', '!!binary ', '!!str ',
  '%YAML 1.2\n---\n', '---\n', '...\n', '|', '>-', '? ', '\t', '\r', '\r\n', '\n', '  ', '\u0000', '\uFEFF', '\uD800', '\uDC00', '😀',
  '\u2028', '\u00A0', 'null', 'true', '0x1F', '1e309', '-0', '****', '{TenantId}', 'omaUri: ', 'type: ', 'value: ', 'whfb: 1\n',
  './Device/Vendor/MSFT/PassportForWork/', './User/Vendor/MSFT/PassportForWork/{TenantId}/Policies/', './Vendor/MSFT/Policy/Config/',
  '3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'PINComplexity/', 'MinimumPINLength', 'UsePassportForWork', '"omaUri": "', '"@odata.type": "#microsoft.graph.omaSettingString"',
  '"settingDefinitionId": "device_vendor_msft_passportforwork_', '"children": [', '"choiceSettingValue": {', '"value": ',
  '<SyncML>', '</SyncML>', '<LocURI>', '</LocURI>', '<Data>', '</Data>', '<![CDATA[', ']]>', '<!--', '-->', '&amp;', '&lt;', '&#x41;', '&#xD800;', '&bogus;',
  '<!DOCTYPE x [<!ENTITY e "boom">]>', '<?xml version="1.0"?>', '<Meta><Format xmlns="syncml:metinf">int</Format></Meta>',
  '<<<<<<< HEAD\n', '=======\n', '>>>>>>> main\n', '```\n', '`', '$', '${env:X}', '"@', '@"',
];

export interface Mutation {
  kind: string;
  text: string;
}

function lines(text: string): string[] {
  return text.split('\n');
}

function randomChars(prng: Prng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    const roll = prng.next();
    if (roll < 0.5) out += String.fromCharCode(prng.int(0x20, 0x7e));
    else if (roll < 0.65) out += String.fromCharCode(prng.int(0, 0x1f));
    else if (roll < 0.8) out += String.fromCharCode(prng.int(0x80, 0xffff));
    else out += prng.pick(TOKENS);
  }
  return out;
}

/** Random bytes decoded as UTF-8: what an editor shows for a binary or mis-encoded file. */
function randomBytesAsText(prng: Prng, count: number): string {
  const bytes = Buffer.alloc(count);
  for (let i = 0; i < count; i++) bytes[i] = prng.int(0, 255);
  return bytes.toString('utf8');
}

export function mutate(text: string, prng: Prng): Mutation {
  const at = () => prng.int(0, text.length);
  const kind = prng.pick([
    'insert-line', 'delete-line', 'duplicate-line', 'swap-lines', 'insert-token', 'insert-chars', 'delete-span',
    'replace-span', 'random-bytes', 'truncate', 'duplicate-span', 'indent', 'dedent', 'case-flip', 'line-endings',
  ] as const);
  switch (kind) {
    case 'insert-line': {
      const all = lines(text);
      const index = prng.int(0, all.length);
      const inserted = prng.chance(0.5) && all.length > 0 ? prng.pick(all) : randomChars(prng, prng.int(0, 30));
      all.splice(index, 0, inserted);
      return { kind, text: all.join('\n') };
    }
    case 'delete-line': {
      const all = lines(text);
      all.splice(prng.int(0, all.length - 1), prng.int(1, 3));
      return { kind, text: all.join('\n') };
    }
    case 'duplicate-line': {
      const all = lines(text);
      const index = prng.int(0, all.length - 1);
      const count = prng.int(1, 4);
      all.splice(index, 0, ...all.slice(index, index + count));
      return { kind, text: all.join('\n') };
    }
    case 'swap-lines': {
      const all = lines(text);
      const a = prng.int(0, all.length - 1);
      const b = prng.int(0, all.length - 1);
      [all[a], all[b]] = [all[b]!, all[a]!];
      return { kind, text: all.join('\n') };
    }
    case 'insert-token': {
      const offset = at();
      return { kind, text: text.slice(0, offset) + prng.pick(TOKENS) + text.slice(offset) };
    }
    case 'insert-chars': {
      const offset = at();
      return { kind, text: text.slice(0, offset) + randomChars(prng, prng.int(1, 12)) + text.slice(offset) };
    }
    case 'delete-span': {
      const start = at();
      return { kind, text: text.slice(0, start) + text.slice(Math.min(text.length, start + prng.int(1, 40))) };
    }
    case 'replace-span': {
      const start = at();
      return { kind, text: text.slice(0, start) + randomChars(prng, prng.int(1, 8)) + text.slice(Math.min(text.length, start + prng.int(1, 8))) };
    }
    case 'random-bytes': {
      const start = at();
      return { kind, text: text.slice(0, start) + randomBytesAsText(prng, prng.int(1, 64)) + text.slice(start) };
    }
    case 'truncate':
      return { kind, text: text.slice(0, at()) };
    case 'duplicate-span': {
      const start = at();
      const end = Math.min(text.length, start + prng.int(1, 400));
      const target = at();
      return { kind, text: text.slice(0, target) + text.slice(start, end) + text.slice(target) };
    }
    case 'indent':
    case 'dedent': {
      const all = lines(text);
      const index = prng.int(0, all.length - 1);
      const line = all[index]!;
      all[index] = kind === 'indent' ? ' '.repeat(prng.int(1, 4)) + line : line.replace(/^ {1,2}/, '');
      return { kind, text: all.join('\n') };
    }
    case 'case-flip': {
      const start = at();
      const end = Math.min(text.length, start + prng.int(1, 20));
      const span = text.slice(start, end);
      return { kind, text: text.slice(0, start) + (span === span.toUpperCase() ? span.toLowerCase() : span.toUpperCase()) + text.slice(end) };
    }
    case 'line-endings':
      return { kind, text: prng.chance(0.5) ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n') };
  }
}

/** A random position on a real line (lines as the editor counts them), sometimes at a line's end or inside a surrogate pair. */
export function randomPosition(text: string, prng: Prng): { line: number; character: number } {
  const editorLines = text.split(/\r\n|\r|\n/);
  const line = prng.int(0, editorLines.length - 1);
  const length = editorLines[line]!.length;
  return { line, character: prng.chance(0.1) ? length : prng.int(0, length) };
}

/** Text an edit types or pastes: nothing (a deletion), a token, random characters, or a line of the document. */
export function randomEditText(text: string, prng: Prng): string {
  const roll = prng.next();
  if (roll < 0.25) return '';
  if (roll < 0.5) return prng.pick(TOKENS);
  if (roll < 0.75) return randomChars(prng, prng.int(1, 10));
  const all = lines(text);
  return `${prng.pick(all)}\n`;
}
