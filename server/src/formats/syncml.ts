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
import { normalizeValueType } from '../model/values';
import type { DetectInput, FormatAdapter } from './adapter';
import { renderSyncmlFix } from './fixRendering';
import { astErrorFindings, emptyModel, ignoredCodesAbove, serialisationOf } from './adapterSupport';
import { cspScopeOf, type CspScope } from '../catalog/cspScope';
import { NO_ELEMENT, scanXml, type XmlDocument } from './xmlScanner';

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

  parse(text: string, _format: SourceFormat, catalog: CatalogIndex): PolicyModel {
    const model = emptyModel('syncml', text);
    const fragment = FRAGMENT_ROOTS.has(rootElementName(text)?.toLowerCase() ?? '');
    const scanned = scanXml(text, { fragment });
    model.findings.push(...astErrorFindings(scanned.errors));
    const document = scanned.document;
    if (!document || scanned.errors.length > 0) return model;
    const root = document.root;
    if (fragment) {
      new CommandReader(document, catalog, cspScopeOf(catalog), model.settings, model.findings).readCommands(root, 0);
      return model;
    }
    if (!document.localNameIs(root, 'syncml')) {
      model.findings.push(finding('WHFB002', document.nameRange(root), l10n.t('The root element is <{0}>; a SyncML document starts with <SyncML>.', document.name(root))));
      return model;
    }
    const body = document.child(root, 'syncbody');
    if (body === NO_ELEMENT) {
      model.findings.push(finding('WHFB002', document.nameRange(root), l10n.t('The SyncML document has no <SyncBody>.')));
      return model;
    }
    const reader = new CommandReader(document, catalog, cspScopeOf(catalog), model.settings, model.findings);
    reader.readCommands(body, 0);
    return model;
  },
};

/** Reads the commands from the scanned table (xmlScanner.ts), cutting strings only for what a setting keeps. */
class CommandReader {
  private readonly text: string;

  constructor(
    private readonly document: XmlDocument,
    private readonly catalog: CatalogIndex,
    private readonly scope: CspScope,
    private readonly settings: PolicySetting[],
    private readonly findings: Finding[],
  ) {
    this.text = document.text;
  }

  readCommands(container: number, depth: number): void {
    const document = this.document;
    for (let command = document.firstChild(container); command !== NO_ELEMENT; command = document.nextSibling(command)) {
      const kind = this.commandKind(command);
      if (kind === undefined) continue;
      if (CONTAINER_COMMANDS.has(kind)) {
        if (depth >= MAX_CONTAINER_DEPTH) {
          this.findings.push(finding('WHFB003', document.nameRange(command), `<${document.name(command)}> blocks are nested more than ${MAX_CONTAINER_DEPTH} deep; the deeper ones are not checked.`));
          continue;
        }
        this.readCommands(command, depth + 1);
      } else if (SETTING_COMMANDS.has(kind) || PATH_ONLY_COMMANDS.has(kind)) {
        for (let item = document.firstChild(command); item !== NO_ELEMENT; item = document.nextSibling(item)) {
          if (document.localNameIs(item, 'item')) this.readItem(item, command, SETTING_COMMANDS.has(kind));
        }
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
    if (!this.scope.coversOmaUri(uri.value)) return;

    const node = this.catalog.resolve(uri.value).node;
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
