/**
 * A small, safe XML scanner that keeps offsets: elements, attributes, text and CDATA.
 *
 * Safety first: no DTD processing at all. A <!DOCTYPE> (internal subset, SYSTEM or PUBLIC id) is
 * skipped, never fetched or expanded; only the five predefined entities and numeric character
 * references are decoded. One forward pass with indexOf, so the cost is linear in the text, and
 * the element stack is an explicit array, so deep nesting cannot overflow the call stack.
 *
 * The scan writes offsets into an XmlDocument, a table of numbers, not an object per element: a
 * one-line SyncML dump of 20,000 commands has 180,000 elements, and building an object, three
 * ranges and three arrays for each made the garbage collector most of a validation (issue 16).
 * Readers that walk the whole document (SyncML) ask the table; parseXml builds the XmlElement tree
 * from it for readers of small documents (GPO reports) and tests.
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

export interface XmlScanResult {
  document?: XmlDocument;
  errors: AstError[];
}

class XmlSyntaxError extends Error {
  constructor(readonly range: OffsetRange, message: string) {
    super(message);
  }
}

const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** No element, no text segment: the table's null. */
export const NO_ELEMENT = -1;

// The fields of one element in XmlDocument's table.
const START = 0;
const END = 1;
const NAME_START = 2;
const NAME_END = 3;
/** After the namespace prefix's ":" (NAME_START without a prefix). */
const LOCAL_START = 4;
const CONTENT_START = 5;
const CONTENT_END = 6;
const PARENT = 7;
const FIRST_CHILD = 8;
const LAST_CHILD = 9;
const NEXT_SIBLING = 10;
const FIRST_TEXT = 11;
const LAST_TEXT = 12;
const ELEMENT_FIELDS = 13;

// The fields of one text segment.
const TEXT_START = 0;
const TEXT_END = 1;
const TEXT_ELEMENT = 2;
const TEXT_NEXT = 3;
const TEXT_FIELDS = 4;

const FRAGMENT_NAME = '#fragment';

/**
 * `fragment`: the text is a sequence of top-level elements (a SyncML command list kept without its
 * <SyncML> envelope, as MDM tools store Windows profiles). The root is then a synthetic element
 * named "#fragment" spanning the text, whose children are the top-level elements.
 */
export function scanXml(text: string, options: { fragment?: boolean } = {}): XmlScanResult {
  try {
    return { document: new XmlScanner(text, options.fragment === true).scan(), errors: [] };
  } catch (error) {
    if (error instanceof XmlSyntaxError) return { errors: [{ code: 'WHFB001', message: error.message, range: error.range }] };
    return { errors: [{ code: 'WHFB003', message: l10n.t('The XML could not be read: {0}', String(error)), range: { start: 0, end: 0 } }] };
  }
}

/** The document as a tree of XmlElement objects (see scanXml for `fragment`). */
export function parseXml(text: string, options: { fragment?: boolean } = {}): XmlParseResult {
  const scanned = scanXml(text, options);
  return scanned.document ? { root: scanned.document.elementTree(), errors: [] } : { errors: scanned.errors };
}

/** The first child element with this local name (case-insensitive: SyncML senders differ). */
export function childElement(element: XmlElement | undefined, localName: string): XmlElement | undefined {
  if (!element) return undefined;
  const wanted = localName.toLowerCase();
  return element.children.find((child) => child.localName.toLowerCase() === wanted);
}

/** The element's text, trimmed, with the range of the trimmed source text. */
export function elementText(text: string, element: XmlElement): Located<string> | undefined {
  return trimmedText(text, element.texts.filter((segment) => segment.value.trim() !== ''));
}

function trimmedText(text: string, segments: readonly XmlTextSegment[]): Located<string> | undefined {
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

/**
 * A scanned document: every element and text segment as offsets into the text, in document order
 * (a parent before its children). Elements are numbers; strings are cut from the text only when
 * asked for.
 */
export class XmlDocument {
  /** The root element; with `fragment`, the synthetic "#fragment" element. */
  root = NO_ELEMENT;
  private elements: Int32Array;
  private elementCount = 0;
  private texts: Int32Array;
  private textCount = 0;
  /** Decoded values of the text segments that had references, by segment; the others are their source text. */
  private readonly decodedTexts: Map<number, string>;
  private readonly attributesOf: Map<number, XmlAttribute[]>;

  /** `scanned`: a finished document whose tables this one shares (see withText). */
  constructor(readonly text: string, private readonly fragment: boolean, scanned?: XmlDocument) {
    if (scanned) {
      this.root = scanned.root;
      this.elements = scanned.elements;
      this.elementCount = scanned.elementCount;
      this.texts = scanned.texts;
      this.textCount = scanned.textCount;
      this.decodedTexts = scanned.decodedTexts;
      this.attributesOf = scanned.attributesOf;
      return;
    }
    this.decodedTexts = new Map();
    this.attributesOf = new Map();
    // Sized from the number of "<" (an element has one or two, a text segment follows one at
    // most): growing a table of megabytes by doubling cost more than the scan itself.
    const tags = countOf(text, '<');
    this.elements = new Int32Array(ELEMENT_FIELDS * (Math.ceil(tags / 2) + 2));
    this.texts = new Int32Array(TEXT_FIELDS * (Math.ceil(tags / 4) + 2));
  }

  /**
   * This document over `text`, a later version of its text in which only [start, end) changed
   * (same length), or undefined when a scan of `text` could build other tables. The span must lie
   * inside one text segment that is its own source text, write no "<", "&", ">" or "]" (no markup,
   * reference or CDATA end) and leave the segment not blank (a blank one is not kept). The tables
   * are shared, not copied: a scanned document is never changed.
   */
  withText(text: string, start: number, end: number): XmlDocument | undefined {
    if (text.length !== this.text.length) return undefined;
    const segment = this.segmentHolding(start, end);
    if (segment === NO_ELEMENT || this.decodedTexts.has(segment)) return undefined;
    for (let at = start; at < end; at++) {
      const code = text.charCodeAt(at);
      if (code === 0x3c /* < */ || code === 0x26 /* & */ || code === 0x3e /* > */ || code === 0x5d /* ] */) return undefined;
    }
    const at = segment * TEXT_FIELDS;
    if (isBlank(text, this.texts[at + TEXT_START]!, this.texts[at + TEXT_END]!)) return undefined;
    return new XmlDocument(text, this.fragment, this);
  }

  /** The text segment whose source holds [start, end), or NO_ELEMENT (segments are in document order). */
  private segmentHolding(start: number, end: number): number {
    let low = 0;
    let high = this.textCount - 1;
    let found = NO_ELEMENT;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.texts[middle * TEXT_FIELDS + TEXT_START]! <= start) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (found === NO_ELEMENT || end > this.texts[found * TEXT_FIELDS + TEXT_END]!) return NO_ELEMENT;
    return found;
  }

  /** From "<" of the start tag to ">" of the end tag: the element's end. */
  end(element: number): number {
    return this.field(element, END);
  }

  name(element: number): string {
    if (this.isSynthetic(element)) return FRAGMENT_NAME;
    return this.text.slice(this.field(element, NAME_START), this.field(element, NAME_END));
  }

  localName(element: number): string {
    if (this.isSynthetic(element)) return FRAGMENT_NAME;
    return this.text.slice(this.field(element, LOCAL_START), this.field(element, NAME_END));
  }

  /** Whether the local name, lower-cased, is `lowerName` (what `localName(element).toLowerCase() === lowerName` says, without the strings). */
  localNameIs(element: number, lowerName: string): boolean {
    if (this.isSynthetic(element)) return FRAGMENT_NAME === lowerName;
    const text = this.text;
    const start = this.field(element, LOCAL_START);
    const end = this.field(element, NAME_END);
    if (end - start !== lowerName.length) {
      // Only a non-ASCII letter can change length when lower-cased.
      for (let at = start; at < end; at++) if (text.charCodeAt(at) >= 0x80) return this.localName(element).toLowerCase() === lowerName;
      return false;
    }
    for (let i = 0; i < lowerName.length; i++) {
      const code = text.charCodeAt(start + i);
      if (code >= 0x80) return this.localName(element).toLowerCase() === lowerName;
      if ((code >= 0x41 && code <= 0x5a ? code + 0x20 : code) !== lowerName.charCodeAt(i)) return false;
    }
    return true;
  }

  /** From "<" of the start tag to ">" of the end tag. */
  range(element: number): OffsetRange {
    return { start: this.field(element, START), end: this.field(element, END) };
  }

  start(element: number): number {
    return this.field(element, START);
  }

  nameRange(element: number): OffsetRange {
    return { start: this.field(element, NAME_START), end: this.field(element, NAME_END) };
  }

  /** Between the start tag and the end tag (empty for <x/>). */
  contentRange(element: number): OffsetRange {
    return { start: this.field(element, CONTENT_START), end: this.field(element, CONTENT_END) };
  }

  firstChild(element: number): number {
    return this.field(element, FIRST_CHILD);
  }

  nextSibling(element: number): number {
    return this.field(element, NEXT_SIBLING);
  }

  /**
   * The first child element whose local name, lower-cased, is `lowerName` (childElement's
   * case-insensitive match; callers pass the name in lower case); NO_ELEMENT for none (or no `element`).
   */
  child(element: number, lowerName: string): number {
    if (element === NO_ELEMENT) return NO_ELEMENT;
    for (let child = this.firstChild(element); child !== NO_ELEMENT; child = this.nextSibling(child)) {
      if (this.localNameIs(child, lowerName)) return child;
    }
    return NO_ELEMENT;
  }

  /** The element's text, trimmed, with the range of the trimmed source text (as elementText). */
  textOf(element: number): Located<string> | undefined {
    const text = this.text;
    let only = NO_ELEMENT;
    for (let segment = this.field(element, FIRST_TEXT); segment !== NO_ELEMENT; segment = this.texts[segment * TEXT_FIELDS + TEXT_NEXT]!) {
      const start = this.texts[segment * TEXT_FIELDS + TEXT_START]!;
      const end = this.texts[segment * TEXT_FIELDS + TEXT_END]!;
      const blank = this.decodedTexts.has(segment) ? this.decodedTexts.get(segment)!.trim() === '' : trimmedStart(text, start, end) === end;
      if (blank) continue;
      if (only !== NO_ELEMENT || this.decodedTexts.has(segment)) return this.joinedText(element);
      only = segment;
    }
    if (only === NO_ELEMENT) return undefined;
    // One segment that is its own source text (a LocURI, a Format, a Data value): trim in place and cut one string.
    const start = trimmedStart(text, this.texts[only * TEXT_FIELDS + TEXT_START]!, this.texts[only * TEXT_FIELDS + TEXT_END]!);
    const end = trimmedEnd(text, start, this.texts[only * TEXT_FIELDS + TEXT_END]!);
    return { value: text.slice(start, end), range: { start, end } };
  }

  /** textOf for several segments or decoded ones: elementText's way. */
  private joinedText(element: number): Located<string> | undefined {
    const segments: XmlTextSegment[] = [];
    for (let segment = this.field(element, FIRST_TEXT); segment !== NO_ELEMENT; segment = this.texts[segment * TEXT_FIELDS + TEXT_NEXT]!) {
      const value = this.textValue(segment);
      if (value.trim() !== '') segments.push({ value, range: this.textRange(segment) });
    }
    return trimmedText(this.text, segments);
  }

  /** The whole document as XmlElement objects, built without recursion (nesting may be deep). */
  elementTree(): XmlElement {
    const built: XmlElement[] = new Array<XmlElement>(this.elementCount);
    for (let element = 0; element < this.elementCount; element++) {
      const synthetic = this.isSynthetic(element);
      const range = this.range(element);
      const node: XmlElement = {
        name: this.name(element),
        localName: this.localName(element),
        range,
        nameRange: this.nameRange(element),
        contentRange: synthetic ? range : this.contentRange(element),
        attributes: this.attributesOf.get(element) ?? [],
        children: [],
        texts: [],
      };
      built[element] = node;
      const parent = this.field(element, PARENT);
      if (parent !== NO_ELEMENT) built[parent]!.children.push(node);
    }
    for (let segment = 0; segment < this.textCount; segment++) {
      built[this.texts[segment * TEXT_FIELDS + TEXT_ELEMENT]!]!.texts.push({ value: this.textValue(segment), range: this.textRange(segment) });
    }
    return built[this.root]!;
  }

  /** Appends an element (under `parent`, or as the root) whose fields the scanner then sets. */
  addElement(parent: number, start: number, nameStart: number, nameEnd: number, localStart: number): number {
    if ((this.elementCount + 1) * ELEMENT_FIELDS > this.elements.length) this.elements = grown(this.elements);
    const element = this.elementCount++;
    const at = element * ELEMENT_FIELDS;
    const table = this.elements;
    table[at + START] = start;
    table[at + END] = start;
    table[at + NAME_START] = nameStart;
    table[at + NAME_END] = nameEnd;
    table[at + LOCAL_START] = localStart;
    table[at + CONTENT_START] = start;
    table[at + CONTENT_END] = start;
    table[at + PARENT] = parent;
    table[at + FIRST_CHILD] = NO_ELEMENT;
    table[at + LAST_CHILD] = NO_ELEMENT;
    table[at + NEXT_SIBLING] = NO_ELEMENT;
    table[at + FIRST_TEXT] = NO_ELEMENT;
    table[at + LAST_TEXT] = NO_ELEMENT;
    if (parent === NO_ELEMENT) this.root = element;
    else {
      const last = table[parent * ELEMENT_FIELDS + LAST_CHILD]!;
      if (last === NO_ELEMENT) table[parent * ELEMENT_FIELDS + FIRST_CHILD] = element;
      else table[last * ELEMENT_FIELDS + NEXT_SIBLING] = element;
      table[parent * ELEMENT_FIELDS + LAST_CHILD] = element;
    }
    return element;
  }

  setEnd(element: number, end: number): void {
    this.elements[element * ELEMENT_FIELDS + END] = end;
  }

  setContent(element: number, start: number, end: number): void {
    this.elements[element * ELEMENT_FIELDS + CONTENT_START] = start;
    this.elements[element * ELEMENT_FIELDS + CONTENT_END] = end;
  }

  setAttributes(element: number, attributes: XmlAttribute[]): void {
    this.attributesOf.set(element, attributes);
  }

  /** Appends a text segment (text or CDATA) to `element`; `decoded` when its value is not its source text. */
  addText(element: number, start: number, end: number, decoded?: string): void {
    if ((this.textCount + 1) * TEXT_FIELDS > this.texts.length) this.texts = grown(this.texts);
    const segment = this.textCount++;
    const at = segment * TEXT_FIELDS;
    this.texts[at + TEXT_START] = start;
    this.texts[at + TEXT_END] = end;
    this.texts[at + TEXT_ELEMENT] = element;
    this.texts[at + TEXT_NEXT] = NO_ELEMENT;
    const last = this.field(element, LAST_TEXT);
    if (last === NO_ELEMENT) this.elements[element * ELEMENT_FIELDS + FIRST_TEXT] = segment;
    else this.texts[last * TEXT_FIELDS + TEXT_NEXT] = segment;
    this.elements[element * ELEMENT_FIELDS + LAST_TEXT] = segment;
    if (decoded !== undefined) this.decodedTexts.set(segment, decoded);
  }

  /** Whether the name at [start, end) is `element`'s name, compared in place. */
  nameEquals(element: number, start: number, end: number): boolean {
    if (this.isSynthetic(element)) return false;
    const nameStart = this.field(element, NAME_START);
    if (this.field(element, NAME_END) - nameStart !== end - start) return false;
    const text = this.text;
    for (let i = 0; i < end - start; i++) if (text.charCodeAt(nameStart + i) !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private textValue(segment: number): string {
    return this.decodedTexts.get(segment) ?? this.text.slice(this.texts[segment * TEXT_FIELDS + TEXT_START]!, this.texts[segment * TEXT_FIELDS + TEXT_END]!);
  }

  private textRange(segment: number): OffsetRange {
    return { start: this.texts[segment * TEXT_FIELDS + TEXT_START]!, end: this.texts[segment * TEXT_FIELDS + TEXT_END]! };
  }

  private isSynthetic(element: number): boolean {
    return this.fragment && element === 0;
  }

  private field(element: number, field: number): number {
    return this.elements[element * ELEMENT_FIELDS + field]!;
  }
}

/**
 * The white space String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator: the
 * Unicode Zs spaces, tab, vertical tab, form feed, BOM, and the line ends), so trimming in place
 * cuts exactly what trim() would.
 */
function isTrimmedSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function trimmedStart(text: string, start: number, end: number): number {
  while (start < end && isTrimmedSpace(text.charCodeAt(start))) start++;
  return start;
}

function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && isTrimmedSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

function countOf(text: string, character: string): number {
  let count = 0;
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) count++;
  return count;
}

function grown(table: Int32Array): Int32Array {
  const next = new Int32Array(table.length * 2);
  next.set(table);
  return next;
}

class XmlScanner {
  private pos = 0;
  private readonly stack: number[] = [];
  private readonly document: XmlDocument;
  private rootClosed = false;
  private sawDoctype = false;

  constructor(private readonly text: string, private readonly fragment = false) {
    this.document = new XmlDocument(text, fragment);
  }

  scan(): XmlDocument {
    const text = this.text;
    const document = this.document;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (this.fragment) {
      const root = document.addElement(NO_ELEMENT, this.pos, this.pos, this.pos, this.pos);
      document.setEnd(root, text.length);
      document.setContent(root, this.pos, text.length);
      this.stack.push(root);
    }
    while (this.pos < text.length) {
      const lt = text.indexOf('<', this.pos);
      const textEnd = lt < 0 ? text.length : lt;
      if (textEnd > this.pos) this.addText(this.pos, textEnd);
      if (lt < 0) break;
      const next = text.charCodeAt(lt + 1);
      if (next === 0x21 /* ! */) {
        if (text.startsWith('<!--', lt)) this.pos = this.skipPast('-->', lt + 4, lt, l10n.t('The comment is not closed with "-->".'));
        else if (text.startsWith('<![CDATA[', lt)) this.readCdata(lt);
        else this.skipDoctype(lt);
      } else if (next === 0x3f /* ? */) this.pos = this.skipPast('?>', lt + 2, lt, l10n.t('The processing instruction is not closed with "?>".'));
      else if (next === 0x2f /* / */) this.readEndTag(lt);
      else this.readStartTag(lt);
    }
    if (this.fragment) this.stack.shift();
    const open = this.stack[this.stack.length - 1];
    if (open !== undefined) throw new XmlSyntaxError(document.nameRange(open), l10n.t('The element <{0}> is not closed: </{1}> is missing.', document.name(open), document.name(open)));
    if (document.root === NO_ELEMENT || (this.fragment && document.firstChild(document.root) === NO_ELEMENT)) {
      throw new XmlSyntaxError({ start: 0, end: Math.min(text.length, 1) }, l10n.t('The document has no root element.'));
    }
    return document;
  }

  private addText(start: number, end: number): void {
    // Indentation between elements is most of a SyncML file's text: drop it without allocating.
    if (isBlank(this.text, start, end)) return;
    const current = this.stack[this.stack.length - 1];
    if (current === undefined || current === this.fragmentRoot()) {
      const raw = this.text.slice(start, end);
      if (raw.trim() !== '') {
        const offset = start + (raw.length - raw.trimStart().length);
        throw new XmlSyntaxError({ start: offset, end: Math.min(end, offset + raw.trim().length) }, l10n.t('Text outside the root element.'));
      }
      return;
    }
    // Text without a reference is its own value: no string until someone reads it.
    const decoded = hasAmpersand(this.text, start, end) ? this.decode(this.text.slice(start, end), start) : undefined;
    this.document.addText(current, start, end, decoded);
  }

  /** The synthetic root of a fragment: text and CDATA directly in it are outside every element. */
  private fragmentRoot(): number {
    return this.fragment ? this.document.root : NO_ELEMENT;
  }

  private readCdata(lt: number): void {
    const end = this.text.indexOf(']]>', lt + 9);
    if (end < 0) throw new XmlSyntaxError({ start: lt, end: lt + 9 }, l10n.t('The CDATA section is not closed with "]]>".'));
    const current = this.stack[this.stack.length - 1];
    if (current === undefined || current === this.fragmentRoot()) throw new XmlSyntaxError({ start: lt, end: lt + 9 }, l10n.t('A CDATA section outside the root element.'));
    // A CDATA section's value is its source text, never decoded.
    this.document.addText(current, lt + 9, end);
    this.pos = end + 3;
  }

  /** Skips <!DOCTYPE ...> including an internal subset in [...], honouring quoted strings. Nothing in it is used. */
  private skipDoctype(lt: number): void {
    const text = this.text;
    if (!/^<!DOCTYPE\s/i.test(text.slice(lt, lt + 10))) {
      throw new XmlSyntaxError({ start: lt, end: lt + 2 }, l10n.t('Unexpected "<!": expected a comment, CDATA section or DOCTYPE.'));
    }
    const document = this.document;
    if (document.root !== NO_ELEMENT && !(this.fragment && document.firstChild(document.root) === NO_ELEMENT)) {
      throw new XmlSyntaxError({ start: lt, end: lt + 9 }, l10n.t('A DOCTYPE must come before the root element.'));
    }
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
    let attributes: XmlAttribute[] | undefined;
    let pos = nameEnd;
    for (;;) {
      pos = this.skipSpace(pos);
      const code = text.charCodeAt(pos);
      if (pos >= text.length) {
        const name = text.slice(nameStart, nameEnd);
        throw new XmlSyntaxError({ start: nameStart, end: nameEnd }, l10n.t('The start tag <{0}> is not closed with ">".', name));
      }
      if (code === 0x3e /* > */ || (code === 0x2f /* / */ && text.charCodeAt(pos + 1) === 0x3e)) break;
      attributes ??= [];
      pos = this.readAttribute(pos, text.slice(nameStart, nameEnd), attributes);
    }
    const selfClosing = text.charCodeAt(pos) === 0x2f;
    const tagEnd = pos + (selfClosing ? 2 : 1);
    const parent = this.stack[this.stack.length - 1];
    const element = this.document.addElement(parent ?? NO_ELEMENT, lt, nameStart, nameEnd, localNameStart(text, nameStart, nameEnd));
    if (attributes) this.document.setAttributes(element, attributes);
    this.document.setContent(element, tagEnd, tagEnd);
    if (selfClosing) {
      this.document.setEnd(element, tagEnd);
      if (parent === undefined) this.rootClosed = true;
    } else {
      this.stack.push(element);
    }
    this.pos = tagEnd;
  }

  private readAttribute(pos: number, elementName: string, attributes: XmlAttribute[]): number {
    const text = this.text;
    const nameEnd = this.nameEnd(pos);
    if (nameEnd === pos) throw new XmlSyntaxError({ start: pos, end: pos + 1 }, l10n.t('Unexpected {0} in the start tag <{1}>.', JSON.stringify(text[pos]), elementName));
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
    attributes.push({ name, value: this.decode(raw, at + 1), valueRange: { start: at + 1, end: close } });
    return close + 1;
  }

  private readEndTag(lt: number): void {
    const text = this.text;
    const nameStart = lt + 2;
    const nameEnd = this.nameEnd(nameStart);
    const close = this.skipSpace(nameEnd);
    if (text.charCodeAt(close) !== 0x3e /* > */) throw new XmlSyntaxError({ start: lt, end: nameEnd }, l10n.t('The end tag </{0}> is not closed with ">".', text.slice(nameStart, nameEnd)));
    const open = this.stack.length > (this.fragment ? 1 : 0) ? this.stack.pop() : undefined;
    if (open === undefined) throw new XmlSyntaxError({ start: lt, end: close + 1 }, l10n.t('The end tag </{0}> has no matching start tag.', text.slice(nameStart, nameEnd)));
    if (!this.document.nameEquals(open, nameStart, nameEnd)) {
      throw new XmlSyntaxError({ start: lt, end: close + 1 }, l10n.t('The end tag </{0}> does not match the start tag <{1}>.', text.slice(nameStart, nameEnd), this.document.name(open)));
    }
    this.document.setContent(open, this.document.contentRange(open).start, lt);
    this.document.setEnd(open, close + 1);
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
      const code = text.charCodeAt(pos);
      // > / = < " ' and XML white space end a name.
      if (code === 0x3e || code === 0x2f || code === 0x3d || code === 0x3c || code === 0x22 || code === 0x27 || code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) break;
      pos++;
    }
    return pos;
  }
}

/** Where the local name starts: after the first ":" of the name, if any. */
function localNameStart(text: string, nameStart: number, nameEnd: number): number {
  for (let at = nameStart; at < nameEnd; at++) if (text.charCodeAt(at) === 0x3a /* : */) return at + 1;
  return nameStart;
}

function hasAmpersand(text: string, start: number, end: number): boolean {
  for (let pos = start; pos < end; pos++) if (text.charCodeAt(pos) === 0x26) return true;
  return false;
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
