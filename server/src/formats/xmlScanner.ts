/**
 * A small, safe XML scanner that keeps offsets: elements, attributes, text and CDATA.
 *
 * Safety first: no DTD processing at all. A <!DOCTYPE> (internal subset, SYSTEM or PUBLIC id) is
 * skipped, never fetched or expanded; only the five predefined entities and numeric character
 * references are decoded. One forward pass with indexOf, so the cost is linear in the text, and
 * the element stack is an explicit array, so deep nesting cannot overflow the call stack.
 */
import * as l10n from '@vscode/l10n';
import type { Located, OffsetRange } from '../model/types';
import type { AstError } from './jsonAst';

export interface XmlAttribute {
  name: string;
  value: string;
  /** The value's text inside its quotes. */
  valueRange: OffsetRange;
}

export interface XmlTextSegment {
  /** Decoded text. */
  value: string;
  /** Source range of the text (inside the markers for CDATA). */
  range: OffsetRange;
}

export interface XmlElement {
  name: string;
  /** The name without a namespace prefix ("SyncML" for "s:SyncML"). */
  localName: string;
  /** From "<" of the start tag to ">" of the end tag. */
  range: OffsetRange;
  nameRange: OffsetRange;
  /** Between the start tag and the end tag (empty for <x/>). */
  contentRange: OffsetRange;
  attributes: XmlAttribute[];
  children: XmlElement[];
  texts: XmlTextSegment[];
}

export interface XmlParseResult {
  root?: XmlElement;
  errors: AstError[];
}

class XmlSyntaxError extends Error {
  constructor(readonly range: OffsetRange, message: string) {
    super(message);
  }
}

const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * `fragment`: the text is a sequence of top-level elements (a SyncML command list kept without its
 * <SyncML> envelope, as MDM tools store Windows profiles). The root is then a synthetic element
 * named "#fragment" spanning the text, whose children are the top-level elements.
 */
export function parseXml(text: string, options: { fragment?: boolean } = {}): XmlParseResult {
  try {
    return { root: new XmlScanner(text, options.fragment === true).scan(), errors: [] };
  } catch (error) {
    if (error instanceof XmlSyntaxError) return { errors: [{ code: 'WHFB001', message: error.message, range: error.range }] };
    return { errors: [{ code: 'WHFB003', message: l10n.t('The XML could not be read: {0}', String(error)), range: { start: 0, end: 0 } }] };
  }
}

/** The first child element with this local name (case-insensitive: SyncML senders differ). */
export function childElement(element: XmlElement | undefined, localName: string): XmlElement | undefined {
  if (!element) return undefined;
  const wanted = localName.toLowerCase();
  return element.children.find((child) => child.localName.toLowerCase() === wanted);
}

/** The element's text, trimmed, with the range of the trimmed source text. */
export function elementText(text: string, element: XmlElement): Located<string> | undefined {
  const segments = element.texts.filter((segment) => segment.value.trim() !== '');
  if (segments.length === 0) return undefined;
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const rawFirst = text.slice(first.range.start, first.range.end);
  const rawLast = text.slice(last.range.start, last.range.end);
  const start = first.range.start + (rawFirst.length - rawFirst.trimStart().length);
  const end = last.range.end - (rawLast.length - rawLast.trimEnd().length);
  const value = segments.map((segment) => segment.value).join('').trim();
  return { value, range: { start, end: Math.max(start, end) } };
}

class XmlScanner {
  private pos = 0;
  private readonly stack: XmlElement[] = [];
  private root?: XmlElement;
  private rootClosed = false;
  private sawDoctype = false;

  constructor(private readonly text: string, private readonly fragment = false) {}

  scan(): XmlElement {
    const text = this.text;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (this.fragment) {
      const whole = { start: this.pos, end: text.length };
      this.root = { name: '#fragment', localName: '#fragment', range: whole, nameRange: { start: whole.start, end: whole.start }, contentRange: whole, attributes: [], children: [], texts: [] };
      this.stack.push(this.root);
    }
    while (this.pos < text.length) {
      const lt = text.indexOf('<', this.pos);
      const textEnd = lt < 0 ? text.length : lt;
      if (textEnd > this.pos) this.addText(this.pos, textEnd);
      if (lt < 0) break;
      if (text.startsWith('<!--', lt)) this.pos = this.skipPast('-->', lt + 4, lt, l10n.t('The comment is not closed with "-->".'));
      else if (text.startsWith('<![CDATA[', lt)) this.readCdata(lt);
      else if (text.startsWith('<!', lt)) this.skipDoctype(lt);
      else if (text.startsWith('<?', lt)) this.pos = this.skipPast('?>', lt + 2, lt, l10n.t('The processing instruction is not closed with "?>".'));
      else if (text.startsWith('</', lt)) this.readEndTag(lt);
      else this.readStartTag(lt);
    }
    if (this.fragment) this.stack.shift();
    const open = this.stack[this.stack.length - 1];
    if (open) throw new XmlSyntaxError(open.nameRange, l10n.t('The element <{0}> is not closed: </{1}> is missing.', open.name, open.name));
    if (!this.root || (this.fragment && this.root.children.length === 0)) throw new XmlSyntaxError({ start: 0, end: Math.min(text.length, 1) }, l10n.t('The document has no root element.'));
    return this.root;
  }

  private addText(start: number, end: number): void {
    // Indentation between elements is most of a SyncML file's text: drop it without allocating.
    if (isBlank(this.text, start, end)) return;
    const current = this.stack[this.stack.length - 1];
    const raw = this.text.slice(start, end);
    if (!current || current === this.fragmentRoot()) {
      if (raw.trim() !== '') {
        const offset = start + (raw.length - raw.trimStart().length);
        throw new XmlSyntaxError({ start: offset, end: Math.min(end, offset + raw.trim().length) }, l10n.t('Text outside the root element.'));
      }
      return;
    }
    current.texts.push({ value: this.decode(raw, start), range: { start, end } });
  }

  /** The synthetic root of a fragment: text and CDATA directly in it are outside every element. */
  private fragmentRoot(): XmlElement | undefined {
    return this.fragment ? this.root : undefined;
  }

  private readCdata(lt: number): void {
    const end = this.text.indexOf(']]>', lt + 9);
    if (end < 0) throw new XmlSyntaxError({ start: lt, end: lt + 9 }, l10n.t('The CDATA section is not closed with "]]>".'));
    const current = this.stack[this.stack.length - 1];
    if (!current || current === this.fragmentRoot()) throw new XmlSyntaxError({ start: lt, end: lt + 9 }, l10n.t('A CDATA section outside the root element.'));
    current.texts.push({ value: this.text.slice(lt + 9, end), range: { start: lt + 9, end } });
    this.pos = end + 3;
  }

  /** Skips <!DOCTYPE ...> including an internal subset in [...], honouring quoted strings. Nothing in it is used. */
  private skipDoctype(lt: number): void {
    const text = this.text;
    if (!/^<!DOCTYPE\s/i.test(text.slice(lt, lt + 10))) {
      throw new XmlSyntaxError({ start: lt, end: lt + 2 }, l10n.t('Unexpected "<!": expected a comment, CDATA section or DOCTYPE.'));
    }
    if (this.root && !(this.fragment && this.root.children.length === 0)) throw new XmlSyntaxError({ start: lt, end: lt + 9 }, l10n.t('A DOCTYPE must come before the root element.'));
    let depth = 0;
    let quote: string | undefined;
    for (let pos = lt + 9; pos < text.length; pos++) {
      const ch = text[pos];
      if (quote) { if (ch === quote) quote = undefined; continue; }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[') depth++;
      else if (ch === ']') depth = Math.max(0, depth - 1);
      else if (ch === '>' && depth === 0) {
        this.sawDoctype = true;
        this.pos = pos + 1;
        return;
      }
    }
    throw new XmlSyntaxError({ start: lt, end: lt + 9 }, l10n.t('The DOCTYPE is not closed with ">".'));
  }

  private readStartTag(lt: number): void {
    const text = this.text;
    if (this.rootClosed) {
      throw new XmlSyntaxError({ start: lt, end: this.nameEnd(lt + 1) }, l10n.t('A second root element: an XML document has exactly one.'));
    }
    const nameStart = lt + 1;
    const nameEnd = this.nameEnd(nameStart);
    if (nameEnd === nameStart) throw new XmlSyntaxError({ start: lt, end: lt + 1 }, l10n.t('A "<" that starts no element: write "&lt;" in text.'));
    const name = text.slice(nameStart, nameEnd);
    const element: XmlElement = {
      name,
      localName: name.includes(':') ? name.slice(name.indexOf(':') + 1) : name,
      range: { start: lt, end: lt },
      nameRange: { start: nameStart, end: nameEnd },
      contentRange: { start: lt, end: lt },
      attributes: [],
      children: [],
      texts: [],
    };
    let pos = nameEnd;
    for (;;) {
      pos = this.skipSpace(pos);
      const ch = text[pos];
      if (ch === undefined) throw new XmlSyntaxError(element.nameRange, l10n.t('The start tag <{0}> is not closed with ">".', name));
      if (ch === '>' || (ch === '/' && text[pos + 1] === '>')) break;
      pos = this.readAttribute(pos, element);
    }
    const selfClosing = text[pos] === '/';
    const tagEnd = pos + (selfClosing ? 2 : 1);
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(element);
    else this.root = element;
    if (selfClosing) {
      element.range.end = tagEnd;
      element.contentRange = { start: tagEnd, end: tagEnd };
      if (!parent) this.rootClosed = true;
    } else {
      element.contentRange = { start: tagEnd, end: tagEnd };
      this.stack.push(element);
    }
    this.pos = tagEnd;
  }

  private readAttribute(pos: number, element: XmlElement): number {
    const text = this.text;
    const nameEnd = this.nameEnd(pos);
    if (nameEnd === pos) throw new XmlSyntaxError({ start: pos, end: pos + 1 }, l10n.t('Unexpected {0} in the start tag <{1}>.', JSON.stringify(text[pos]), element.name));
    const name = text.slice(pos, nameEnd);
    let at = this.skipSpace(nameEnd);
    if (text[at] !== '=') throw new XmlSyntaxError({ start: pos, end: nameEnd }, l10n.t('The attribute {0} needs a value: {1}="...".', name, name));
    at = this.skipSpace(at + 1);
    const quote = text[at];
    if (quote !== '"' && quote !== "'") throw new XmlSyntaxError({ start: pos, end: nameEnd }, l10n.t('The value of the attribute {0} must be in quotes.', name));
    const close = text.indexOf(quote, at + 1);
    if (close < 0) throw new XmlSyntaxError({ start: at, end: at + 1 }, l10n.t('The value of the attribute {0} is not closed.', name));
    const raw = text.slice(at + 1, close);
    const lessThan = raw.indexOf('<');
    if (lessThan >= 0) throw new XmlSyntaxError({ start: at + 1 + lessThan, end: at + 2 + lessThan }, l10n.t('A "<" inside an attribute value: write "&lt;".'));
    element.attributes.push({ name, value: this.decode(raw, at + 1), valueRange: { start: at + 1, end: close } });
    return close + 1;
  }

  private readEndTag(lt: number): void {
    const nameStart = lt + 2;
    const nameEnd = this.nameEnd(nameStart);
    const name = this.text.slice(nameStart, nameEnd);
    const close = this.skipSpace(nameEnd);
    if (this.text[close] !== '>') throw new XmlSyntaxError({ start: lt, end: nameEnd }, l10n.t('The end tag </{0}> is not closed with ">".', name));
    const open = this.stack.length > (this.fragment ? 1 : 0) ? this.stack.pop() : undefined;
    if (!open) throw new XmlSyntaxError({ start: lt, end: close + 1 }, l10n.t('The end tag </{0}> has no matching start tag.', name));
    if (open.name !== name) {
      throw new XmlSyntaxError({ start: lt, end: close + 1 }, l10n.t('The end tag </{0}> does not match the start tag <{1}>.', name, open.name));
    }
    open.contentRange = { start: open.contentRange.start, end: lt };
    open.range.end = close + 1;
    if (this.stack.length === 0) this.rootClosed = true;
    this.pos = close + 1;
  }

  private decode(raw: string, offset: number): string {
    if (!raw.includes('&')) return raw;
    let out = '';
    let pos = 0;
    for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', pos)) {
      out += raw.slice(pos, amp);
      const semicolon = raw.indexOf(';', amp + 1);
      const name = semicolon > amp && semicolon - amp <= 12 ? raw.slice(amp + 1, semicolon) : undefined;
      const decoded = name === undefined ? undefined : decodeReference(name);
      if (decoded !== undefined) {
        out += decoded;
        pos = semicolon + 1;
        continue;
      }
      // With a DOCTYPE an entity may be declared there; we never expand it, we keep it as written.
      if (name !== undefined && this.sawDoctype && /^[A-Za-z_][\w.-]*$/.test(name)) {
        out += `&${name};`;
        pos = semicolon + 1;
        continue;
      }
      const end = name === undefined ? amp + 1 : semicolon + 1;
      throw new XmlSyntaxError({ start: offset + amp, end: offset + end },
        name === undefined ? l10n.t('A bare "&": write "&amp;".') : l10n.t('Unknown entity "&{0};": only &lt; &gt; &amp; &quot; &apos; and numeric references are allowed.', name));
    }
    return out + raw.slice(pos);
  }

  private skipPast(marker: string, from: number, start: number, message: string): number {
    const end = this.text.indexOf(marker, from);
    if (end < 0) throw new XmlSyntaxError({ start, end: Math.min(this.text.length, from) }, message);
    return end + marker.length;
  }

  private skipSpace(pos: number): number {
    const text = this.text;
    while (pos < text.length) {
      const code = text.charCodeAt(pos);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) pos++;
      else break;
    }
    return pos;
  }

  private nameEnd(pos: number): number {
    const text = this.text;
    while (pos < text.length) {
      const ch = text[pos]!;
      if (ch === '>' || ch === '/' || ch === '=' || ch === '<' || ch === '"' || ch === "'" || ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') break;
      pos++;
    }
    return pos;
  }
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let pos = start; pos < end; pos++) {
    const code = text.charCodeAt(pos);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return false;
  }
  return true;
}

function decodeReference(name: string): string | undefined {
  const predefined = PREDEFINED_ENTITIES[name];
  if (predefined !== undefined) return predefined;
  const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
  if (!numeric) return undefined;
  const codePoint = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
  if (codePoint > 0x10ffff || codePoint === 0) return undefined;
  return String.fromCodePoint(codePoint);
}
