/**
 * Tenant id rules: tenantId and OMA-URI tenant segments are GUIDs without braces (WHFB104); a
 * {TenantId} placeholder needs a tenantId to stand for, and a GUID segment must be that tenant (WHFB105).
 */
import { modelIndex } from '../model/modelIndex';
import type { TenantSegment } from '../catalog/catalogIndex';
import { finding } from '../model/findings';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Finding, FixData, OffsetRange, PolicyModel, PolicySetting } from '../model/types';
import { isGuid } from '../model/values';
import { innerRange, type Rule } from './rule';

function segmentRange(text: string, setting: PolicySetting, tenant: TenantSegment): OffsetRange | undefined {
  const omaUri = setting.omaUri;
  if (!omaUri) return undefined;
  const inner = innerRange(text, omaUri.range);
  // Offsets are within the written string; escapes would shift them, so check the text is there.
  const start = inner.start + tenant.start;
  const end = inner.start + tenant.end;
  return text.slice(start, end) === tenant.text ? { start, end } : omaUri.range;
}

function tenantRange(text: string, setting: PolicySetting, tenant: TenantSegment): OffsetRange {
  return segmentRange(text, setting, tenant) ?? setting.omaUri!.range;
}

/**
 * `a.toLowerCase() === b.toLowerCase()` without building either: the same tenant GUID recurs in
 * thousands of OMA-URIs, compared on every keystroke. ASCII letters fold here; any other character
 * takes the exact (allocating) path.
 */
function sameIgnoringCase(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return a.toLowerCase() === b.toLowerCase();
  for (let index = 0; index < a.length; index++) {
    let left = a.charCodeAt(index);
    let right = b.charCodeAt(index);
    if (left > 127 || right > 127) return a.toLowerCase() === b.toLowerCase();
    if (left >= 65 && left <= 90) left += 32;
    if (right >= 65 && right <= 90) right += 32;
    if (left !== right) return false;
  }
  return true;
}

const tenantIdFormat: Rule = {
  code: 'WHFB104',
  check(model, catalog) {
    const findings: Finding[] = [];
    const tenantId = model.tenantId;
    if (tenantId && !isGuid(tenantId.value.trim())) {
      const unbraced = tenantId.value.trim().replace(/^\{(.*)\}$/, '$1');
      const data = unbraced !== tenantId.value && isGuid(unbraced)
        ? { fix: 'replace' as const, title: 'Remove the braces', replacements: [{ range: innerRange(model.text, tenantId.range), newText: unbraced }] }
        : undefined;
      findings.push(finding('WHFB104', tenantId.range,
        `tenantId "${tenantId.value}" is not a GUID: write the Entra tenant id as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, without braces.`, data ? { data } : {}));
    }
    const index = modelIndex(model, catalog);
    for (const setting of model.settings) {
      if (!setting.omaUri) continue;
      const tenant = index.tenantOf(setting);
      if (tenant?.kind !== 'invalid') continue;
      const range = tenantRange(model.text, setting, tenant);
      const data = model.format === 'whfb-yaml'
        ? { fix: 'replace' as const, title: 'Use {TenantId}', replacements: [{ range, newText: '{TenantId}' }] }
        : undefined;
      findings.push(finding('WHFB104', range,
        `"${tenant.text}" is not a tenant id: this segment takes your Entra tenant GUID (without braces)${model.format === 'whfb-yaml' ? ' or the {TenantId} placeholder' : ''}.`, data ? { data } : {}));
    }
    return findings;
  },
};

const tenantPlaceholder: Rule = {
  code: 'WHFB105',
  check(model, catalog) {
    const findings: Finding[] = [];
    const tenantId = model.tenantId && isGuid(model.tenantId.value.trim()) ? model.tenantId : undefined;
    const index = modelIndex(model, catalog);
    // Validity first, from the resolved tenant kind; ranges and messages only for findings.
    const tenantGuid = tenantId?.value.trim();
    let known: string | null | undefined;
    for (const setting of model.settings) {
      if (!setting.omaUri) continue;
      const tenant = index.tenantOf(setting);
      if (!tenant) continue;
      if (tenant.kind === 'placeholder') {
        if (model.format !== 'whfb-yaml') {
          findings.push(finding('WHFB105', tenantRange(model.text, setting, tenant), 'Intune does not replace {TenantId}: write your Entra tenant GUID in this segment.'));
        } else if (!tenantId && !model.tenantId) {
          // One search per check, not per placeholder: thousands of them would make it quadratic.
          if (known === undefined) known = tenantWrittenElsewhere(model, catalog) ?? null;
          const data = known ? addTenantIdFix(model, known) : undefined;
          findings.push(finding('WHFB105', tenantRange(model.text, setting, tenant), '{TenantId} stands for tenantId, but the file has none: add "tenantId: <your Entra tenant GUID>" at the top level.', data ? { data } : {}));
        }
      } else if (tenant.kind === 'guid' && tenantId && tenantGuid !== undefined && !sameIgnoringCase(tenant.text, tenantGuid)) {
        const range = tenantRange(model.text, setting, tenant);
        findings.push(finding('WHFB105', range, `This OMA-URI names tenant ${tenant.text}, but tenantId is ${tenantId.value}: use {TenantId} or the same GUID.`, {
          related: [{ range: tenantId.range, message: 'tenantId' }],
          data: { fix: 'replace', title: 'Use {TenantId}', replacements: [{ range, newText: '{TenantId}' }] },
        }));
      }
    }
    return findings;
  },
};

/** A tenant GUID some OMA-URI of the file spells out: the likely tenantId. */
function tenantWrittenElsewhere(model: PolicyModel, catalog: CatalogIndex): string | undefined {
  for (const setting of model.settings) {
    const tenant = modelIndex(model, catalog).tenantOf(setting);
    if (tenant?.kind === 'guid') return tenant.text;
  }
  return undefined;
}

/** Inserts `tenantId:` after the `whfb:` line (or at the top). */
function addTenantIdFix(model: PolicyModel, guid: string): FixData {
  const version = model.formatVersion?.range;
  const at = version ? (model.text.indexOf('\n', version.end) + 1 || model.text.length) : 0;
  const lead = at === model.text.length && at > 0 && !model.text.endsWith('\n') ? '\n' : '';
  return { fix: 'replace', title: `Add tenantId: ${guid}`, replacements: [{ range: { start: at, end: at }, newText: `${lead}tenantId: ${guid}\n` }] };
}

export const tenantRules: readonly Rule[] = [tenantIdFormat, tenantPlaceholder];
