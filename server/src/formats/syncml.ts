/**
 * OMA-DM SyncML: <SyncML><SyncBody> with Add/Replace/Get/Delete/Exec commands (possibly inside
 * Atomic or Sequence), each <Item> with <Target><LocURI>, <Meta><Format> and <Data>.
 *
 * Also the same commands without the envelope: MDM tools (Fleet, ...) keep a Windows profile as one
 * or several top-level <Replace>/<Add>/<Delete> commands or an <Atomic> block. Such a fragment is no
 * well-formed XML document (several roots); it is read as a list of commands.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { finding } from '../model/findings';
import type { Finding, PolicyModel, PolicySetting, SourceFormat } from '../model/types';
import { resolveOmaUri } from '../model/resolveOmaUri';
import { normalizeValueType } from '../model/values';
import type { DetectInput, FormatAdapter } from './adapter';
import { renderSyncmlFix } from './fixRendering';
import { astErrorFindings, emptyModel, ignoredCodesAbove, serialisationOf } from './adapterSupport';
import { cspScopeOf, type CspScope } from '../catalog/cspScope';
import { NO_ELEMENT, scanXml, type XmlDocument } from './xmlScanner';
import { lineContentEnd, lineOfOffset, lineStartsOf } from '../model/lineStarts';
import { breaksLines, sameLengthChange } from './textChange';

/** Commands whose items set a value. */
const SETTING_COMMANDS = new Set(['add', 'replace']);
/** Commands whose items name a node without setting it: path checks only. */
const PATH_ONLY_COMMANDS = new Set(['get', 'delete', 'exec']);
const CONTAINER_COMMANDS = new Set(['atomic', 'sequence']);
const COMMAND_KINDS = [...SETTING_COMMANDS, ...PATH_ONLY_COMMANDS, ...CONTAINER_COMMANDS];
/** A fragment starts with one of these (any other root is some other XML). */
const FRAGMENT_ROOTS = new Set(COMMAND_KINDS);
/** Atomic inside Sequence inside Atomic...: real files go two deep. */
const MAX_CONTAINER_DEPTH = 16;

/**
 * Rules that judge what a command sets. A Get, Delete or Exec sets nothing, and an Add without
 * data creates an interior node (the tenant node in Microsoft's own example): neither may be
 * reported as "not settable" or as a duplicate with another value.
 */
const NOT_A_SETTING_CODES = ['WHFB106', 'WHFB150'];

export const syncmlAdapter: FormatAdapter = {
  formats: ['syncml'],
  renderFix: renderSyncmlFix,

  detect(input: DetectInput): SourceFormat | undefined {
    const serialisation = serialisationOf(input);
    if (serialisation === 'json' || serialisation === 'yaml') return undefined;
    const root = rootElementName(input.text)?.toLowerCase() ?? '';
    return root === 'syncml' || FRAGMENT_ROOTS.has(root) ? 'syncml' : undefined;
  },

  parse(text: string, _format: SourceFormat, catalog: CatalogIndex, previous?: PolicyModel): PolicyModel {
    const model = emptyModel('syncml', text);
    const before = previous ? reads.get(previous) : undefined;
    const edit = before?.catalog === catalog ? textEditOf(before, text) : undefined;
    // A text edit leaves the markup as it was, so the prologue and the root's name too.
    const fragment = edit ? before!.fragment : FRAGMENT_ROOTS.has(rootElementName(text)?.toLowerCase() ?? '');
    const scanned = edit ? { document: edit.document, errors: [] } : scanXml(text, { fragment });
    model.findings.push(...astErrorFindings(scanned.errors));
    const document = scanned.document;
    if (!document || scanned.errors.length > 0) return model;
    const root = document.root;
    let commands = root;
    if (!fragment) {
      if (!document.localNameIs(root, 'syncml')) {
        model.findings.push(finding('WHFB002', document.nameRange(root), l10n.t('The root element is <{0}>; a SyncML document starts with <SyncML>.', document.name(root))));
        return model;
      }
      commands = document.child(root, 'syncbody');
      if (commands === NO_ELEMENT) {
        model.findings.push(finding('WHFB002', document.nameRange(root), l10n.t('The SyncML document has no <SyncBody>.')));
        return model;
      }
    }
    const reader = new CommandReader(document, catalog, cspScopeOf(catalog), model.settings, model.findings);
    const read = reader.readTopCommands(commands, edit ? { before: before!, changed: edit.changed } : undefined);
    reads.set(model, { ...read, catalog, fragment });
    return model;
  },
};

/**
 * What the reader built from each top-level command, kept with the model: after an edit inside one
 * text (a value, an OMA-URI), the next version shares the scanned tables and takes the settings and
 * findings of every command the edit cannot have changed as they are. The same setting objects let
 * the rules keep their findings for them (rules/runRules.ts). A 20,000-item one-line SyncML was
 * scanned and read whole on every keystroke (issue 16).
 */
interface SyncmlRead {
  catalog: CatalogIndex;
  fragment: boolean;
  document: XmlDocument;
  settings: readonly PolicySetting[];
  findings: readonly Finding[];
  /** The top-level commands (elements) in order; command i built settings [settingStarts[i], settingStarts[i + 1]), the same for findings. */
  commands: readonly number[];
  settingStarts: readonly number[];
  findingStarts: readonly number[];
}

const reads = new WeakMap<PolicyModel, SyncmlRead>();

/** Spans of the new text whose commands must be read again. */
type ChangedSpans = readonly { start: number; end: number }[];

/**
 * The previous scan over the new text, when the edit stays inside one element's text and keeps the
 * length (xmlScanner.ts withText); with the spans whose commands must be read again: the edited one
 * and the line after it (a `whfb-ignore` comment is looked for on the line above a command or item).
 */
function textEditOf(before: SyncmlRead, text: string): { document: XmlDocument; changed: ChangedSpans } | undefined {
  if (text === before.document.text) return { document: before.document, changed: [] };
  const change = sameLengthChange(before.document.text, text);
  if (!change || breaksLines(before.document.text, change.start, change.end) || breaksLines(text, change.start, change.end)) return undefined;
  const document = before.document.withText(text, change.start, change.end);
  if (!document) return undefined;
  const lines = lineStartsOf(text);
  const next = lineOfOffset(lines, change.start) + 1;
  const changed: { start: number; end: number }[] = [change];
  if (next < lines.starts.length) changed.push({ start: lines.starts[next]!, end: lineContentEnd(lines, next) });
  return { document, changed };
}

/** Reads the commands from the scanned table (xmlScanner.ts), cutting strings only for what a setting keeps. */
class CommandReader {
  private readonly text: string;
  private readonly covered = new Map<string, boolean>();

  constructor(
    private readonly document: XmlDocument,
    private readonly catalog: CatalogIndex,
    private readonly scope: CspScope,
    private readonly settings: PolicySetting[],
    private readonly findings: Finding[],
  ) {
    this.text = document.text;
  }

  /**
   * The commands of the body (or of a fragment), each recorded with what it built; with `reuse`,
   * a command outside the changed spans whose settings keep their index is taken from the version before.
   */
  readTopCommands(container: number, reuse?: { before: SyncmlRead; changed: ChangedSpans }): Omit<SyncmlRead, 'catalog' | 'fragment'> {
    const document = this.document;
    const commands: number[] = [];
    const settingStarts: number[] = [];
    const findingStarts: number[] = [];
    const before = reuse?.before;
    for (let command = document.firstChild(container); command !== NO_ELEMENT; command = document.nextSibling(command)) {
      const ordinal = commands.length;
      commands.push(command);
      settingStarts.push(this.settings.length);
      findingStarts.push(this.findings.length);
      if (before && before.commands[ordinal] === command && before.settingStarts[ordinal] === this.settings.length
        && !reuse.changed.some((span) => span.start <= document.end(command) && span.end >= document.start(command))) {
        for (let at = before.settingStarts[ordinal]!; at < before.settingStarts[ordinal + 1]!; at++) this.settings.push(before.settings[at]!);
        for (let at = before.findingStarts[ordinal]!; at < before.findingStarts[ordinal + 1]!; at++) this.findings.push(before.findings[at]!);
        continue;
      }
      this.readCommand(command, 0);
    }
    settingStarts.push(this.settings.length);
    findingStarts.push(this.findings.length);
    return { document, settings: this.settings, findings: this.findings, commands, settingStarts, findingStarts };
  }

  private readCommands(container: number, depth: number): void {
    for (let command = this.document.firstChild(container); command !== NO_ELEMENT; command = this.document.nextSibling(command)) this.readCommand(command, depth);
  }

  private readCommand(command: number, depth: number): void {
    const document = this.document;
    const kind = this.commandKind(command);
    if (kind === undefined) return;
    if (CONTAINER_COMMANDS.has(kind)) {
      if (depth >= MAX_CONTAINER_DEPTH) {
        this.findings.push(finding('WHFB003', document.nameRange(command), `<${document.name(command)}> blocks are nested more than ${MAX_CONTAINER_DEPTH} deep; the deeper ones are not checked.`));
        return;
      }
      this.readCommands(command, depth + 1);
    } else if (SETTING_COMMANDS.has(kind) || PATH_ONLY_COMMANDS.has(kind)) {
      for (let item = document.firstChild(command); item !== NO_ELEMENT; item = document.nextSibling(item)) {
        if (document.localNameIs(item, 'item')) this.readItem(item, command, SETTING_COMMANDS.has(kind));
      }
    }
  }

  /** The command's local name in lower case, if it is a command we read (compared in place, no string per command). */
  private commandKind(command: number): string | undefined {
    for (const kind of COMMAND_KINDS) if (this.document.localNameIs(command, kind)) return kind;
    return undefined;
  }

  private readItem(item: number, command: number, setsValue: boolean): void {
    const document = this.document;
    const locUri = document.child(document.child(item, 'target'), 'locuri');
    const uri = locUri !== NO_ELEMENT ? document.textOf(locUri) : undefined;
    if (!uri) {
      this.findings.push(finding('WHFB002', document.nameRange(locUri !== NO_ELEMENT ? locUri : item), l10n.t('The <Item> of <{0}> has no <Target><LocURI> naming a node.', document.name(command))));
      return;
    }
    if (!this.covers(uri.value)) return;

    const node = resolveOmaUri(this.catalog, uri.value).node;
    const setting: PolicySetting = {
      index: this.settings.length,
      range: document.range(item),
      omaUri: uri,
      node,
      ignoredCodes: this.ignoredCodesAbove(document.start(command), document.start(item)),
    };
    const data = document.child(item, 'data');
    if (setsValue) {
      // Meta may sit on the item or on the command.
      const itemMeta = document.child(item, 'meta');
      const format = document.child(itemMeta !== NO_ELEMENT ? itemMeta : document.child(command, 'meta'), 'format');
      const formatText = format !== NO_ELEMENT ? document.textOf(format) : undefined;
      if (formatText) setting.type = { ...formatText, normalized: normalizeValueType(formatText.value) };
      if (data !== NO_ELEMENT) setting.value = this.dataValue(data, setting.type?.normalized);
    }
    if (!setsValue || data === NO_ELEMENT) setting.ignoredCodes = [...new Set([...setting.ignoredCodes, ...NOT_A_SETTING_CODES])];
    this.settings.push(setting);
  }

  /** scope.coversOmaUri by OMA-URI as written: a dump repeats a few OMA-URIs thousands of times. */
  private covers(omaUri: string): boolean {
    let covered = this.covered.get(omaUri);
    if (covered === undefined) {
      covered = this.scope.coversOmaUri(omaUri);
      this.covered.set(omaUri, covered);
    }
    return covered;
  }

  /** The codes a `whfb-ignore` comment silences above the command or the item, each once. */
  private ignoredCodesAbove(commandStart: number, itemStart: number): string[] {
    const command = ignoredCodesAbove(this.text, commandStart);
    const item = ignoredCodesAbove(this.text, itemStart);
    // On a one-line dump both are empty for every item: no Set for nothing.
    if (command.length === 0 && item.length === 0) return command;
    return [...new Set([...command, ...item])];
  }

  private dataValue(data: number, type: string | undefined): PolicySetting['value'] {
    const document = this.document;
    // XML payloads (ADMX-backed policies) may be written as markup inside <Data>: keep it as text.
    if (document.firstChild(data) !== NO_ELEMENT) {
      const content = document.contentRange(data);
      return { value: this.text.slice(content.start, content.end).trim(), range: content };
    }
    const written = document.textOf(data) ?? { value: '', range: document.contentRange(data) };
    let value: unknown = written.value;
    if (type === 'int' && /^-?\d+$/.test(written.value)) value = Number(written.value);
    if (type === 'bool' && /^(?:true|false)$/i.test(written.value)) value = written.value.toLowerCase() === 'true';
    return { value, range: written.range };
  }
}

/** The root element's name from a prefix scan: skips BOM, XML declaration, comments, PIs and DOCTYPE. */
function rootElementName(text: string): string | undefined {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const limit = Math.min(text.length, 64 * 1024);
  while (pos < limit) {
    while (pos < limit && /\s/.test(text[pos]!)) pos++;
    if (text[pos] !== '<') return undefined;
    if (text.startsWith('<?', pos)) pos = skipTo(text, '?>', pos);
    else if (text.startsWith('<!--', pos)) pos = skipTo(text, '-->', pos);
    else if (text.startsWith('<!', pos)) pos = skipTo(text, '>', pos, true);
    else {
      const match = /^<([^\s/>]+)/.exec(text.slice(pos, pos + 256));
      const name = match?.[1];
      return name?.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    }
    if (pos < 0) return undefined;
  }
  return undefined;
}

function skipTo(text: string, marker: string, from: number, overSubset = false): number {
  if (overSubset) {
    const bracket = text.indexOf('[', from);
    const close = text.indexOf('>', from);
    if (bracket >= 0 && bracket < close) {
      const subsetEnd = text.indexOf(']', bracket);
      if (subsetEnd < 0) return -1;
      const end = text.indexOf('>', subsetEnd);
      return end < 0 ? -1 : end + 1;
    }
  }
  const end = text.indexOf(marker, from + 2);
  return end < 0 ? -1 : end + marker.length;
}
