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
import { childElement, elementText, parseXml, type XmlElement } from './xmlScanner';

/** Commands whose items set a value. */
const SETTING_COMMANDS = new Set(['add', 'replace']);
/** Commands whose items name a node without setting it: path checks only. */
const PATH_ONLY_COMMANDS = new Set(['get', 'delete', 'exec']);
const CONTAINER_COMMANDS = new Set(['atomic', 'sequence']);
/** A fragment starts with one of these (any other root is some other XML). */
const FRAGMENT_ROOTS = new Set([...SETTING_COMMANDS, ...PATH_ONLY_COMMANDS, ...CONTAINER_COMMANDS]);
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
    const parsed = parseXml(text, { fragment });
    model.findings.push(...astErrorFindings(parsed.errors));
    const root = parsed.root;
    if (!root || parsed.errors.length > 0) return model;
    if (fragment) {
      new CommandReader(text, catalog, cspScopeOf(catalog), model.settings, model.findings).readCommands(root, 0);
      return model;
    }
    if (root.localName.toLowerCase() !== 'syncml') {
      model.findings.push(finding('WHFB002', root.nameRange, l10n.t('The root element is <{0}>; a SyncML document starts with <SyncML>.', root.name)));
      return model;
    }
    const body = childElement(root, 'SyncBody');
    if (!body) {
      model.findings.push(finding('WHFB002', root.nameRange, l10n.t('The SyncML document has no <SyncBody>.')));
      return model;
    }
    const reader = new CommandReader(text, catalog, cspScopeOf(catalog), model.settings, model.findings);
    reader.readCommands(body, 0);
    return model;
  },
};

class CommandReader {
  constructor(
    private readonly text: string,
    private readonly catalog: CatalogIndex,
    private readonly scope: CspScope,
    private readonly settings: PolicySetting[],
    private readonly findings: Finding[],
  ) {}

  readCommands(container: XmlElement, depth: number): void {
    for (const command of container.children) {
      const kind = command.localName.toLowerCase();
      if (CONTAINER_COMMANDS.has(kind)) {
        if (depth >= MAX_CONTAINER_DEPTH) {
          this.findings.push(finding('WHFB003', command.nameRange, `<${command.name}> blocks are nested more than ${MAX_CONTAINER_DEPTH} deep; the deeper ones are not checked.`));
          continue;
        }
        this.readCommands(command, depth + 1);
      } else if (SETTING_COMMANDS.has(kind) || PATH_ONLY_COMMANDS.has(kind)) {
        for (const item of command.children) {
          if (item.localName.toLowerCase() === 'item') this.readItem(item, command, SETTING_COMMANDS.has(kind));
        }
      }
    }
  }

  private readItem(item: XmlElement, command: XmlElement, setsValue: boolean): void {
    const locUri = childElement(childElement(item, 'Target'), 'LocURI');
    const uri = locUri ? elementText(this.text, locUri) : undefined;
    if (!uri) {
      this.findings.push(finding('WHFB002', (locUri ?? item).nameRange, l10n.t('The <Item> of <{0}> has no <Target><LocURI> naming a node.', command.name)));
      return;
    }
    if (!this.scope.coversOmaUri(uri.value)) return;

    const node = this.catalog.resolve(uri.value).node;
    const setting: PolicySetting = {
      index: this.settings.length,
      range: item.range,
      omaUri: uri,
      node,
      ignoredCodes: [...new Set([...ignoredCodesAbove(this.text, command.range.start), ...ignoredCodesAbove(this.text, item.range.start)])],
    };
    const data = childElement(item, 'Data');
    if (setsValue) {
      // Meta may sit on the item or on the command.
      const format = childElement(childElement(item, 'Meta') ?? childElement(command, 'Meta'), 'Format');
      const formatText = format ? elementText(this.text, format) : undefined;
      if (formatText) setting.type = { ...formatText, normalized: normalizeValueType(formatText.value) };
      if (data) setting.value = this.dataValue(data, setting.type?.normalized);
    }
    if (!setsValue || !data) setting.ignoredCodes = [...new Set([...setting.ignoredCodes, ...NOT_A_SETTING_CODES])];
    this.settings.push(setting);
  }

  private dataValue(data: XmlElement, type: string | undefined): PolicySetting['value'] {
    // XML payloads (ADMX-backed policies) may be written as markup inside <Data>: keep it as text.
    if (data.children.length > 0) {
      return { value: this.text.slice(data.contentRange.start, data.contentRange.end).trim(), range: data.contentRange };
    }
    const written = elementText(this.text, data) ?? { value: '', range: data.contentRange };
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
