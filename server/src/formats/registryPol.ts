/**
 * Reads a Group Policy registry.pol (the "Registry Policy File Format" Backup-GPO and the Group
 * Policy editor write): the header "PReg" + version 1 (8 bytes), then records
 *
 *   [key;valueName;type;size;data]
 *
 * where "[", ";" and "]" are UTF-16LE characters, key and valueName are NUL-terminated UTF-16LE
 * strings, type and size are little-endian DWORDs and data is `size` bytes.
 *
 * Input is the file as one character per byte (shared/decodeText.ts), so every offset here is a
 * byte offset in the file and findings stand on the record they are about. Never throws and never
 * loops without moving forward: a truncated or corrupt file ends the read with a problem at the
 * byte where it went wrong, and the records before it are kept.
 */
import * as l10n from '@vscode/l10n';
import type { OffsetRange } from '../model/types';
import { REGISTRY_POL_SIGNATURE } from '../../../shared/decodeText';

export const REG_NONE = 0;
export const REG_SZ = 1;
export const REG_EXPAND_SZ = 2;
export const REG_BINARY = 3;
export const REG_DWORD = 4;
export const REG_DWORD_BIG_ENDIAN = 5;
export const REG_MULTI_SZ = 7;
export const REG_QWORD = 11;

const TYPE_NAMES: Record<number, string> = {
  [REG_NONE]: 'REG_NONE', [REG_SZ]: 'REG_SZ', [REG_EXPAND_SZ]: 'REG_EXPAND_SZ', [REG_BINARY]: 'REG_BINARY', [REG_DWORD]: 'REG_DWORD',
  [REG_DWORD_BIG_ENDIAN]: 'REG_DWORD_BIG_ENDIAN', 6: 'REG_LINK', [REG_MULTI_SZ]: 'REG_MULTI_SZ', [REG_QWORD]: 'REG_QWORD',
};

export function registryTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `type ${type}`;
}

/**
 * What a record does (the special value names of the format): set a value, delete one value
 * ("**del.Name"), delete every value of the key ("**delvals."), delete the listed values or keys
 * ("**DeleteValues", "**DeleteKeys": data is a ";"-separated list), set a value only where it is
 * absent ("**soft.Name"), or secure the key ("**SecureKey"). A record with no value name creates the key.
 */
export type PolAction = 'set' | 'delete' | 'delete-all' | 'delete-values' | 'delete-keys' | 'soft-set' | 'secure-key' | 'create-key';

export interface PolRecord {
  key: string;
  /** The value name with any "**del." / "**soft." prefix removed. */
  valueName: string;
  /** As written (with the prefix). */
  rawValueName: string;
  action: PolAction;
  type: number;
  /** REG_DWORD/QWORD: a number (a QWORD beyond 2^53 as a decimal string); REG_SZ: text; REG_MULTI_SZ: lines; other: hex bytes. */
  data: number | string | string[];
  /** From "[" to "]". */
  range: OffsetRange;
  keyRange: OffsetRange;
  valueNameRange: OffsetRange;
  dataRange: OffsetRange;
}

export interface PolProblem {
  range: OffsetRange;
  message: string;
}

export interface PolReadResult {
  records: PolRecord[];
  problems: PolProblem[];
}

export function isRegistryPolText(text: string): boolean {
  return text.startsWith(REGISTRY_POL_SIGNATURE);
}

class Truncated extends Error {
  constructor(readonly at: number, readonly what: string) {
    super(what);
  }
}

class Reader {
  at = REGISTRY_POL_SIGNATURE.length;
  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.at >= this.text.length;
  }

  byte(offset: number): number {
    return this.text.charCodeAt(offset) & 0xff;
  }

  /** One UTF-16LE character; undefined at the end. */
  peekChar(): number | undefined {
    if (this.at + 1 >= this.text.length) return undefined;
    return this.byte(this.at) | (this.byte(this.at + 1) << 8);
  }

  expectChar(char: string, what: string): void {
    const code = this.peekChar();
    if (code === undefined) throw new Truncated(this.at, what);
    if (code !== char.charCodeAt(0)) throw new Corrupt(this.at, l10n.t('expected "{0}" {1}, found {2}', char, what, describeChar(code)));
    this.at += 2;
  }

  /** A NUL-terminated UTF-16LE string (the NUL is read too). */
  string(what: string): { value: string; range: OffsetRange } {
    const start = this.at;
    let value = '';
    for (;;) {
      const code = this.peekChar();
      if (code === undefined) throw new Truncated(start, what);
      this.at += 2;
      if (code === 0) return { value, range: { start, end: this.at - 2 } };
      value += String.fromCharCode(code);
    }
  }

  dword(what: string): number {
    if (this.at + 4 > this.text.length) throw new Truncated(this.at, what);
    const value = (this.byte(this.at) | (this.byte(this.at + 1) << 8) | (this.byte(this.at + 2) << 16)) + this.byte(this.at + 3) * 0x1000000;
    this.at += 4;
    return value;
  }
}

class Corrupt extends Error {
  constructor(readonly at: number, message: string) {
    super(message);
  }
}

function describeChar(code: number): string {
  return code >= 0x20 && code < 0x7f ? `"${String.fromCharCode(code)}"` : `0x${code.toString(16).padStart(4, '0')}`;
}

export function readRegistryPol(text: string): PolReadResult {
  const records: PolRecord[] = [];
  const problems: PolProblem[] = [];
  if (!isRegistryPolText(text)) {
    problems.push({ range: { start: 0, end: Math.min(8, text.length) }, message: l10n.t('This is not a registry.pol file: it does not start with the "PReg" header and version 1.') });
    return { records, problems };
  }
  const reader = new Reader(text);
  let current: { start: number; key?: string } | undefined;
  while (!reader.done) {
    const start = reader.at;
    current = { start };
    try {
      reader.expectChar('[', l10n.t('at the start of a record'));
      const key = reader.string(l10n.t('in the key name'));
      current.key = key.value;
      reader.expectChar(';', l10n.t('after the key name'));
      const valueName = reader.string(l10n.t('in the value name'));
      reader.expectChar(';', l10n.t('after the value name'));
      const type = reader.dword(l10n.t('in the value type'));
      reader.expectChar(';', l10n.t('after the value type'));
      const size = reader.dword(l10n.t('in the data size'));
      reader.expectChar(';', l10n.t('after the data size'));
      const dataStart = reader.at;
      if (dataStart + size > text.length) throw new Truncated(dataStart, l10n.t('in the data ({0} bytes announced, {1} left)', size, text.length - dataStart));
      reader.at = dataStart + size;
      reader.expectChar(']', l10n.t('at the end of the record'));
      const dataRange = { start: dataStart, end: dataStart + size };
      const { action, name } = actionOf(valueName.value);
      const decoded = decodeData(text, type, dataRange);
      if (decoded.problem) problems.push({ range: dataRange, message: `${key.value}\\${valueName.value}: ${decoded.problem}` });
      records.push({
        key: key.value, valueName: name, rawValueName: valueName.value, action, type, data: decoded.data,
        range: { start, end: reader.at }, keyRange: key.range, valueNameRange: valueName.range, dataRange,
      });
    } catch (error) {
      const at = error instanceof Truncated || error instanceof Corrupt ? error.at : reader.at;
      const where = current.key !== undefined ? l10n.t(' (the record for key "{0}")', current.key) : '';
      const message = error instanceof Truncated
        ? l10n.t('registry.pol is truncated at byte {0}{1}: the file ends {2}. Windows stops reading the file here, so this record and any after it are not applied; export the GPO again.', at, where, error.what)
        : l10n.t('registry.pol is corrupt at byte {0}{1}: {2}. Windows stops reading the file here, so this record and any after it are not applied; export the GPO again.', at, where, error instanceof Error ? error.message : String(error));
      problems.push({ range: { start: Math.min(at, text.length), end: Math.min(text.length, Math.max(at + 2, at)) }, message });
      break;
    }
  }
  return { records, problems };
}

function actionOf(valueName: string): { action: PolAction; name: string } {
  const lower = valueName.toLowerCase();
  if (valueName === '') return { action: 'create-key', name: '' };
  if (lower.startsWith('**del.')) return { action: 'delete', name: valueName.slice(6) };
  if (lower.startsWith('**delvals')) return { action: 'delete-all', name: '' };
  if (lower === '**deletevalues') return { action: 'delete-values', name: '' };
  if (lower === '**deletekeys') return { action: 'delete-keys', name: '' };
  if (lower.startsWith('**soft.')) return { action: 'soft-set', name: valueName.slice(7) };
  if (lower === '**securekey') return { action: 'secure-key', name: '' };
  return { action: 'set', name: valueName };
}

function utf16(text: string, range: OffsetRange): string {
  let out = '';
  for (let at = range.start; at + 1 < range.end; at += 2) out += String.fromCharCode((text.charCodeAt(at) & 0xff) | ((text.charCodeAt(at + 1) & 0xff) << 8));
  return out;
}

function decodeData(text: string, type: number, range: OffsetRange): { data: number | string | string[]; problem?: string } {
  const size = range.end - range.start;
  const byte = (offset: number) => text.charCodeAt(range.start + offset) & 0xff;
  switch (type) {
    case REG_SZ:
    case REG_EXPAND_SZ:
      return { data: utf16(text, range).replace(/\0+$/, '') };
    case REG_MULTI_SZ:
      return { data: utf16(text, range).replace(/\0+$/, '').split('\0') };
    case REG_DWORD:
    case REG_DWORD_BIG_ENDIAN: {
      if (size !== 4) return { data: hex(text, range), problem: l10n.t('a {0} holds 4 bytes, this one {1}.', registryTypeName(type), size) };
      const bytes = [byte(0), byte(1), byte(2), byte(3)];
      if (type === REG_DWORD_BIG_ENDIAN) bytes.reverse();
      return { data: (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16)) + bytes[3] * 0x1000000 };
    }
    case REG_QWORD: {
      if (size !== 8) return { data: hex(text, range), problem: l10n.t('a REG_QWORD holds 8 bytes, this one {0}.', size) };
      let value = 0n;
      for (let i = 7; i >= 0; i--) value = (value << 8n) | BigInt(byte(i));
      return { data: value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString() };
    }
    default:
      return { data: hex(text, range) };
  }
}

function hex(text: string, range: OffsetRange): string {
  let out = '';
  for (let at = range.start; at < range.end; at++) out += (text.charCodeAt(at) & 0xff).toString(16).padStart(2, '0');
  return out;
}
