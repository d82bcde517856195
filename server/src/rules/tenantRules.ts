/**
 * Tenant id rules: tenantId and OMA-URI tenant segments are GUIDs without braces (WHFB104); a
 * {TenantId} placeholder needs a tenantId to stand for, and a GUID segment must be that tenant (WHFB105).
 */
import * as l10n from '@vscode/l10n';
import { modelIndex } from '../model/modelIndex';
import type { TenantSegment } from '../catalog/catalogIndex';
import { finding } from '../model/findings';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { substringRange } from '../model/located';
import type { Finding, Fix, Located, OffsetRange, PolicyModel, PolicySetting } from '../model/types';
import { isGuid } from '../model/values';
import type { Rule } from './rule';

/** The tenant segment inside the written OMA-URI, or the whole OMA-URI where escapes hide it. */
function tenantRange(model: PolicyModel, setting: PolicySetting, tenant: TenantSegment): OffsetRange {
  const omaUri = setting.omaUri!;
  return substringRange(model, omaUri.range, tenant.start, tenant.end, tenant.text) ?? omaUri.range;
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

/**
 * Each rule is split in two, so an edit re-judges only the entries it touched (issue 16): the
 * per-setting halves (Rule.settingContext) read one setting and the facts their context names; the
 * other halves read tenantId (and, for WHFB105 without one, every OMA-URI) and run as before. The
 * halves of one code are listed together, so the findings keep their order.
 */
const tenantIdFormat: Rule = {
  code: 'WHFB104',
  check(model) {
    const tenantId = model.tenantId;
    if (!tenantId || isGuid(tenantId.value.trim())) return [];
    const unbraced = tenantId.value.trim().replace(/^\{(.*)\}$/, '$1');
    const fix: Fix | undefined = unbraced !== tenantId.value && isGuid(unbraced)
      ? { kind: 'set-tenant-id', title: l10n.t('Remove the braces'), tenantId: unbraced }
      : undefined;
    return [finding('WHFB104', tenantId.range,
      l10n.t('tenantId "{0}" is not a GUID: write the Entra tenant id as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, without braces.', tenantId.value), fix ? { fix } : {})];
  },
  reads: { setting: () => false, model: (model) => [model.tenantId] },
};

const tenantSegmentFormat: Rule = {
  code: 'WHFB104',
  check(model, catalog) {
    const findings: Finding[] = [];
    const index = modelIndex(model, catalog);
    // By index, not for...of (as the other loops over model.settings here): on a cold open this runs for
    // every one of 10,000 settings before V8 optimizes it, and each for...of step allocates an iterator result.
    for (let at = 0; at < model.settings.length; at++) {
      const setting = model.settings[at];
      if (!setting.omaUri) continue;
      const tenant = index.tenantOf(setting);
      if (tenant?.kind !== 'invalid') continue;
      const range = tenantRange(model, setting, tenant);
      const placeholder = model.substitutesTenantId === true;
      findings.push(finding('WHFB104', range,
        placeholder
          ? l10n.t('"{0}" is not a tenant id: this segment takes your Entra tenant GUID (without braces) or the {TenantId} placeholder.', tenant.text)
          : l10n.t('"{0}" is not a tenant id: this segment takes your Entra tenant GUID (without braces).', tenant.text),
        placeholder ? { fix: { kind: 'use-tenant-placeholder', title: l10n.t('Use {TenantId}'), setting, segment: range } } : {}));
    }
    return findings;
  },
  settingContext: (model) => String(model.substitutesTenantId === true),
};

/** The tenantId WHFB105 compares OMA-URIs with: a GUID, or none. */
function guidTenantId(model: PolicyModel): Located<string> | undefined {
  return model.tenantId && isGuid(model.tenantId.value.trim()) ? model.tenantId : undefined;
}

/** WHFB105 on one setting: {TenantId} where Intune does not replace it, or a GUID other than tenantId. */
const tenantMismatch: Rule = {
  code: 'WHFB105',
  check(model, catalog) {
    const findings: Finding[] = [];
    const tenantId = guidTenantId(model);
    const index = modelIndex(model, catalog);
    // Validity first, from the resolved tenant kind; ranges and messages only for findings.
    const tenantGuid = tenantId?.value.trim();
    for (let at = 0; at < model.settings.length; at++) {
      const setting = model.settings[at];
      if (!setting.omaUri) continue;
      const tenant = index.tenantOf(setting);
      if (!tenant) continue;
      if (tenant.kind === 'placeholder') {
        if (!model.substitutesTenantId) {
          findings.push(finding('WHFB105', tenantRange(model, setting, tenant), l10n.t('Intune does not replace {TenantId}: write your Entra tenant GUID in this segment.')));
        }
      } else if (tenant.kind === 'guid' && tenantId && tenantGuid !== undefined && !sameIgnoringCase(tenant.text, tenantGuid)) {
        const range = tenantRange(model, setting, tenant);
        findings.push(finding('WHFB105', range, l10n.t('This OMA-URI names tenant {0}, but tenantId is {1}: use {TenantId} or the same GUID.', tenant.text, tenantId.value), {
          related: [{ range: tenantId.range, message: l10n.t('tenantId') }],
          fix: { kind: 'use-tenant-placeholder', title: l10n.t('Use {TenantId}'), setting, segment: range },
        }));
      }
    }
    return findings;
  },
  settingContext: (model) => {
    const tenantId = guidTenantId(model);
    return `${model.substitutesTenantId === true}|${tenantId ? `${tenantId.range.start}:${tenantId.range.end}:${tenantId.value}` : ''}`;
  },
};

/**
 * WHFB105 for a file with placeholders and no tenantId at all, whose fix names a tenant GUID some
 * other OMA-URI spells: it reads the whole model. (The per-setting half finds nothing then: it
 * needs either no substitution or a tenantId.)
 */
const tenantMissing: Rule = {
  code: 'WHFB105',
  check(model, catalog) {
    if (!model.substitutesTenantId || model.tenantId) return [];
    const findings: Finding[] = [];
    const index = modelIndex(model, catalog);
    let known: string | null | undefined;
    for (let at = 0; at < model.settings.length; at++) {
      const setting = model.settings[at];
      if (!setting.omaUri) continue;
      const tenant = index.tenantOf(setting);
      if (tenant?.kind !== 'placeholder') continue;
      // One search per check, not per placeholder: thousands of them would make it quadratic.
      if (known === undefined) known = tenantWrittenElsewhere(model, catalog) ?? null;
      const fix: Fix | undefined = known ? { kind: 'set-tenant-id', title: l10n.t('Add tenantId: {0}', known), tenantId: known } : undefined;
      findings.push(finding('WHFB105', tenantRange(model, setting, tenant), l10n.t('{TenantId} stands for tenantId, but the file has none: add "tenantId: <your Entra tenant GUID>" at the top level.'), fix ? { fix } : {}));
    }
    return findings;
  },
};

/** A tenant GUID some OMA-URI of the file spells out: the likely tenantId. */
function tenantWrittenElsewhere(model: PolicyModel, catalog: CatalogIndex): string | undefined {
  for (let at = 0; at < model.settings.length; at++) {
    const setting = model.settings[at];
    const tenant = modelIndex(model, catalog).tenantOf(setting);
    if (tenant?.kind === 'guid') return tenant.text;
  }
  return undefined;
}

export const tenantRules: readonly Rule[] = [tenantIdFormat, tenantSegmentFormat, tenantMismatch, tenantMissing];
