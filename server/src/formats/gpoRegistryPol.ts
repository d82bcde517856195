/**
 * The registry.pol of a Group Policy backup (DomainSysvol/GPO/Machine/registry.pol and
 * .../User/registry.pol) as a policy: each record that is a value of a Group Policy the catalog
 * knows becomes that policy's entry (and its MDM setting, where it has one).
 *
 * The text is the file one character per byte (shared/decodeText.ts), so findings stand on the
 * record's bytes. Which hive: the folder says it (a registry.pol under User/ holds HKCU policies),
 * so the adapter reports it as its own format ('registry-pol-user'). Claimed only when a value is
 * a Windows Hello for Business policy, or a key names PassportForWork (so a corrupt WHfB file
 * still gets its finding); other GPOs get nothing.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { gpoRegistryRow, type RegistryHive } from '../catalog/gpoRegistry';
import { getCatalog } from '../catalog/catalog';
import { finding } from '../model/findings';
import type { PolicyModel, SourceFormat } from '../model/types';
import type { DetectInput, FormatAdapter } from './adapter';
import { emptyModel } from './adapterSupport';
import { GpoModelBuilder, isWhfbRow } from './gpoPolicyBuilder';
import { isRegistryPolText, readRegistryPol, registryTypeName, REG_DWORD, type PolReadResult, type PolRecord } from './registryPol';

/** "PassportForWork" as UTF-16LE, in the one-char-per-byte text (any case). */
const PASSPORT_KEY_UTF16 = new RegExp('PassportForWork'.split('').map((char) => `[${char.toLowerCase()}${char.toUpperCase()}]\\u0000`).join(''));

/** The last read, so detect() and parse() of the same text read it once. */
let lastRead: { text: string; result: PolReadResult } | undefined;

function read(text: string): PolReadResult {
  if (lastRead?.text !== text) lastRead = { text, result: readRegistryPol(text) };
  return lastRead.result;
}

export function hiveOf(format: SourceFormat): RegistryHive {
  return format === 'registry-pol-user' ? 'HKCU' : 'HKLM';
}

/** A registry.pol under a "User" folder holds user policies (Backup-GPO: DomainSysvol/GPO/User/registry.pol). */
function formatForUri(uri: string): SourceFormat {
  const path = decodeURIComponent(uri.replace(/[?#].*$/, '')).replace(/\\/g, '/').toLowerCase();
  return /(^|\/)user\/[^/]+$/.test(path) ? 'registry-pol-user' : 'registry-pol';
}

function rowOf(record: PolRecord, hive: RegistryHive) {
  return record.valueName ? gpoRegistryRow(hive, record.key, record.valueName) : undefined;
}

export const registryPolAdapter: FormatAdapter = {
  formats: ['registry-pol', 'registry-pol-user'],
  decidesWhfbItself: true,
  renderFix: () => undefined,

  detect(input: DetectInput): SourceFormat | undefined {
    if (!isRegistryPolText(input.text)) return undefined;
    const format = formatForUri(input.uri);
    const hive = hiveOf(format);
    const catalog = getCatalog();
    const { records } = read(input.text);
    const whfb = records.some((record) => {
      const row = rowOf(record, hive);
      return row !== undefined && isWhfbRow(row, catalog);
    });
    return whfb || PASSPORT_KEY_UTF16.test(input.text) ? format : undefined;
  },

  parse(text: string, format: SourceFormat, catalog: CatalogIndex): PolicyModel {
    const model = emptyModel(format, text);
    const { records, problems } = read(text);
    for (const problem of problems) model.findings.push(finding('WHFB001', problem.range, problem.message));
    const hive = hiveOf(format);
    const builder = new GpoModelBuilder(model, catalog, hive);
    for (const record of records) {
      if (record.action !== 'set' && record.action !== 'soft-set' && record.action !== 'delete') continue;
      const row = rowOf(record, hive);
      if (!row) continue;
      const policy = { value: row.policy, range: record.valueNameRange };
      const name = { value: record.valueName, range: record.valueNameRange };
      if (record.action === 'delete') {
        // "**del.Value": a policy without a disabled value is disabled by deleting its value.
        if (row.role === 'state' && row.disabledValue === undefined) builder.entry(policy, record.range, { value: 'Disabled', range: record.valueNameRange }, true);
        continue;
      }
      if (row.role === 'state') {
        if (record.type !== REG_DWORD || typeof record.data !== 'number') {
          model.findings.push(finding('WHFB102', record.dataRange,
            row.disabledValue !== undefined
              ? l10n.t('{0}\\{1} is written as {2}; Group Policy "{3}" writes a REG_DWORD ({4} enabled, {5} disabled), so Windows does not read this value as the policy.', record.key, record.valueName, registryTypeName(record.type), row.policy, row.enabledValue ?? 1, row.disabledValue)
              : l10n.t('{0}\\{1} is written as {2}; Group Policy "{3}" writes a REG_DWORD ({4} enabled), so Windows does not read this value as the policy.', record.key, record.valueName, registryTypeName(record.type), row.policy, row.enabledValue ?? 1)));
          continue;
        }
        const enabled = record.data === (row.enabledValue ?? 1);
        const disabled = row.disabledValue !== undefined && record.data === row.disabledValue;
        const state = enabled ? 'Enabled' : disabled ? 'Disabled' : undefined;
        const entry = builder.entry(policy, record.range, state ? { value: state, range: record.dataRange } : undefined, true);
        if (state) builder.setting(entry, row, enabled ? row.nodeEnabled : row.nodeDisabled, { range: record.range, name, value: record.dataRange });
        else builder.setting(entry, row, record.data, { range: record.range, name, value: record.dataRange });
        continue;
      }
      // An option is written only when its policy is enabled.
      const entry = builder.entry(policy, record.range, { value: 'Enabled', range: record.valueNameRange });
      builder.setting(entry, row, record.data, { range: record.range, name, value: record.dataRange });
    }
    return model;
  },
};
