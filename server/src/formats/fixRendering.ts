/**
 * Renders the rules' semantic fixes (model/types.ts Fix) as text edits, one renderer per format:
 * each writes only what its syntax can express and renders nothing otherwise. Ranges come from
 * the model (the value, key and tenant-segment ranges the adapter gave); a replacement keeps the
 * quotes around a string.
 */
import { innerRange } from '../model/located';
import type { Finding, Fix, FixData, OffsetRange, PolicyModel } from '../model/types';
import { policyFileTypeName } from '../model/values';
import { insertSettingFix } from './policyYamlInsert';
import { odataTypeOf, yamlScalar } from './settingEntry';

export type FixRenderer = (model: PolicyModel, fix: Fix) => FixData | undefined;

function replaceInside(model: PolicyModel, range: OffsetRange, newText: string, title: string): FixData {
  return { fix: 'replace', title, replacements: [{ range: innerRange(model.text, range), newText }] };
}

function replaceExactly(range: OffsetRange, newText: string, title: string): FixData {
  return { fix: 'replace', title, replacements: [{ range, newText }] };
}

/** Inserts `tenantId:` after the `whfb:` line (or at the top). */
function addTenantId(model: PolicyModel, tenantId: string, title: string): FixData {
  const version = model.formatVersion?.range;
  const at = version ? (model.text.indexOf('\n', version.end) + 1 || model.text.length) : 0;
  const lead = at === model.text.length && at > 0 && !model.text.endsWith('\n') ? '\n' : '';
  return replaceExactly({ start: at, end: at }, `${lead}tenantId: ${tenantId}\n`, title);
}

/** Our policy file expresses every fix. */
export const renderPolicyYamlFix: FixRenderer = (model, fix) => {
  switch (fix.kind) {
    case 'set-value': {
      const value = fix.setting.value;
      if (!value) return undefined;
      const quoted = innerRange(model.text, value.range) !== value.range;
      return replaceInside(model, value.range, quoted && typeof fix.value === 'string' ? fix.value : yamlScalar(fix.value), fix.title);
    }
    case 'set-type':
      return fix.setting.type ? replaceInside(model, fix.setting.type.range, policyFileTypeName(fix.type), fix.title) : undefined;
    case 'correct-path':
    case 'use-successor':
      return fix.setting.omaUri ? replaceInside(model, fix.setting.omaUri.range, fix.path, fix.title) : undefined;
    case 'use-tenant-placeholder':
      return replaceExactly(fix.segment, '{TenantId}', fix.title);
    case 'set-tenant-id':
      return model.tenantId ? replaceInside(model, model.tenantId.range, fix.tenantId, fix.title) : addTenantId(model, fix.tenantId, fix.title);
    case 'add-setting':
      return insertSettingFix(model, fix.node, fix.value, fix.title);
    case 'set-group-policy-state':
      return fix.entry.state ? replaceInside(model, fix.entry.state.range, fix.state, fix.title) : undefined;
    case 'rename-group-policy':
      return replaceInside(model, fix.entry.policy.range, fix.name, fix.title);
  }
};

/**
 * A custom profile (JSON, or IntuneCD YAML): the OMA-URI text, and a value Graph types as a boolean
 * or number (a string value keeps its quotes and its type, so swapping its text would be wrong),
 * and its @odata.type where the value already has the new type's form. A tenant segment is no placeholder Intune fills in, and new entries
 * need a display name the user chooses: none of those is rendered.
 */
export const renderCustomProfileFix: FixRenderer = (model, fix) => {
  switch (fix.kind) {
    case 'set-value': {
      const value = fix.setting.value;
      if (!value || typeof value.value === 'string' || typeof fix.value === 'string') return undefined;
      return replaceInside(model, value.range, String(fix.value), fix.title);
    }
    case 'correct-path':
    case 'use-successor':
      return fix.setting.omaUri ? replaceInside(model, fix.setting.omaUri.range, fix.path, fix.title) : undefined;
    case 'set-type': {
      // The @odata.type alone, where the value is already written in the JSON form of the new type
      // (an omaSettingString with a number value becomes omaSettingInteger); otherwise the value
      // would have to change form too, which is the user's call.
      const written = fix.setting.value?.value;
      const fits = fix.type === 'int' ? typeof written === 'number' : fix.type === 'bool' ? typeof written === 'boolean' : typeof written === 'string';
      return fix.setting.type && fits ? replaceInside(model, fix.setting.type.range, odataTypeOf(fix.type), fix.title) : undefined;
    }
    default:
      return undefined;
  }
};

/** SyncML: the LocURI text. */
export const renderSyncmlFix: FixRenderer = (model, fix) => {
  switch (fix.kind) {
    case 'correct-path':
    case 'use-successor':
      return fix.setting.omaUri ? replaceInside(model, fix.setting.omaUri.range, fix.path, fix.title) : undefined;
    default:
      return undefined;
  }
};

/**
 * Loose text: a typo in an OMA-URI is corrected; a deprecated path is left as written (a document
 * may well be describing the old node).
 */
export const renderLooseTextFix: FixRenderer = (model, fix) =>
  fix.kind === 'correct-path' && fix.setting.omaUri ? replaceInside(model, fix.setting.omaUri.range, fix.path, fix.title) : undefined;

/** "#microsoft.graph.deviceManagementConfigurationIntegerSettingValue" for an int, String otherwise. */
function simpleValueOdataType(type: string): string {
  return `#microsoft.graph.deviceManagementConfiguration${type === 'int' ? 'Integer' : 'String'}SettingValue`;
}

/**
 * The Settings Catalog (JSON or IntuneCD YAML) writes ids and choices: a choice value's option
 * (`..._true`, `..._1`: the walker's value range is the option alone), a simple value (a number
 * stays a number, a string keeps its quotes), the simple value's @odata.type, and a misspelt or
 * deprecated settingDefinitionId (with the choice value's id prefix, which must name the same
 * setting). A bool is a choice there, never a simple type; tenants and new settings need a
 * settingInstance Intune builds, so they are not rendered.
 */
export const renderSettingsCatalogFix: FixRenderer = (model, fix) => {
  switch (fix.kind) {
    case 'set-value': {
      const value = fix.setting.value;
      if (!value || typeof value.value === 'object') return undefined;
      const isOption = model.text.charAt(value.range.start - 1) === '_' && fix.setting.settingDefinitionId !== undefined;
      const quoted = /["']/.test(model.text.charAt(value.range.start - 1));
      if (!isOption && !quoted && typeof fix.value === 'string' && !/^[\w.-]+$/.test(fix.value)) return undefined;
      return replaceExactly(value.range, String(fix.value), fix.title);
    }
    case 'set-type':
      if (!fix.setting.type || fix.type === 'bool') return undefined;
      return replaceInside(model, fix.setting.type.range, simpleValueOdataType(fix.type), fix.title);
    case 'correct-path':
    case 'use-successor': {
      const id = fix.setting.settingDefinitionId;
      if (!id || !fix.settingsCatalogId) return undefined;
      const replacements = [{ range: innerRange(model.text, id.range), newText: fix.settingsCatalogId }];
      const value = fix.setting.value;
      const prefixStart = value ? value.range.start - id.value.length - 1 : -1;
      if (value && prefixStart >= 0 && model.text.slice(prefixStart, value.range.start).toLowerCase() === `${id.value.toLowerCase()}_`) {
        replacements.push({ range: { start: prefixStart, end: value.range.start - 1 }, newText: fix.settingsCatalogId });
      }
      return { fix: 'replace', title: fix.title, replacements };
    }
    default:
      return undefined;
  }
};

/**
 * The findings with their fixes rendered for the document's format: `data` holds the text edits,
 * and a fix the format cannot express leaves the finding without one. A renderer that fails
 * costs that fix only (logged), never the diagnostics.
 */
export function renderFixes(findings: Finding[], model: PolicyModel, render: FixRenderer | undefined, log?: (message: string) => void): Finding[] {
  return findings.map((item) => {
    if (!item.fix) return item;
    const { fix, ...rest } = item;
    let data: FixData | undefined;
    try {
      data = render?.(model, fix);
    } catch (error) {
      log?.(`Rendering the ${fix.kind} fix of ${item.code} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
    return data ? { ...rest, data } : rest;
  });
}
