/**
 * Graph objects that hold WHfB settings as Graph properties or intent setting ids, as Graph returns
 * them (JSON) and as IntuneCD keeps them (YAML):
 * - Endpoint security intents (Account protection; deviceManagementIntent): `settings` inline, a
 *   template export's `settingsDelta`, an IntuneBackupAndRestore-style `<name>_Settings.json`, and
 *   settings saved as a JSON string inside JSON;
 * - the tenant-wide enrollment policy (#microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration);
 * - the Identity protection profile (#microsoft.graph.windowsIdentityProtectionConfiguration).
 * The Graph -> CSP table is data (catalog/graphMappings.ts); graphWhfbWalk.ts reads the objects.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { cspScopeOf } from '../catalog/cspScope';
import { encodeCspValue, graphTypes } from '../catalog/graphMappings';
import type { Fix, FixData, PolicyModel, PolicySetting, SourceFormat } from '../model/types';
import type { DetectInput, FormatAdapter } from './adapter';
import { firstSignificantChar, serialisationOf } from './adapterSupport';
import { renderCustomProfileFix } from './fixRendering';
import { graphValueSiteOf, readGraphWhfbDocument, type GraphWhfbKind } from './graphWhfbWalk';
import { policyShapeOf, readGraphText, readPolicyDocument } from './settingsCatalogAndProfileList';

const FORMATS = {
  intent: { json: 'intent-json', yaml: 'intent-yaml' },
  enrollment: { json: 'whfb-enrollment-json', yaml: 'whfb-enrollment-yaml' },
  'identity-protection': { json: 'identity-protection-json', yaml: 'identity-protection-yaml' },
} as const satisfies Record<GraphWhfbKind, { json: SourceFormat; yaml: SourceFormat }>;

/** The Graph type names and intent id prefixes that mark a document as ours (from the mapping table). */
function markers(): { kind: GraphWhfbKind; text: string }[] {
  const out: { kind: GraphWhfbKind; text: string }[] = [];
  for (const type of graphTypes()) {
    const name = type.odataType.replace(/^#microsoft\.graph\./, '');
    if (type.intentDefinitionPrefix) out.push({ kind: 'intent', text: type.intentDefinitionPrefix });
    // An intent saved without its settings (they are in a <name>_Settings.json beside it) names only its template.
    for (const templateId of type.intentTemplateIds) out.push({ kind: 'intent', text: templateId });
    out.push({ kind: type.policyScope === 'tenant-wide' ? 'enrollment' : 'identity-protection', text: name });
  }
  return out;
}

let cachedMarkers: { kind: GraphWhfbKind; text: string }[] | undefined;

/** Which kind of WHfB Graph document the text looks like: the first marker it holds, in table order. */
export function graphWhfbKindOfText(text: string): GraphWhfbKind | undefined {
  cachedMarkers ??= markers();
  let best: { kind: GraphWhfbKind; at: number } | undefined;
  for (const marker of cachedMarkers) {
    const at = text.indexOf(marker.text);
    if (at >= 0 && (!best || at < best.at)) best = { kind: marker.kind, at };
  }
  return best?.kind;
}

export const graphWhfbAdapter: FormatAdapter = {
  formats: ['intent-json', 'intent-yaml', 'whfb-enrollment-json', 'whfb-enrollment-yaml', 'identity-protection-json', 'identity-protection-yaml'],
  renderFix: renderGraphWhfbFix,

  detect(input: DetectInput): SourceFormat | undefined {
    const serialisation = serialisationOf(input);
    if (serialisation !== 'json' && serialisation !== 'yaml') return undefined;
    // A JSON document is an object, a list, or (double-encoded) a string holding one.
    if (serialisation === 'json' && !['{', '[', '"'].includes(firstSignificantChar(input.text) ?? '')) return undefined;
    const kind = graphWhfbKindOfText(input.text);
    return kind ? FORMATS[kind][serialisation] : undefined;
  },

  parse(text: string, format: SourceFormat, catalog: CatalogIndex): PolicyModel {
    return parseGraphWhfb(text, format, catalog);
  },
};

/** The document's model: the WHfB Graph objects, and any custom profile or Settings Catalog policy beside them in a list. */
export function parseGraphWhfb(text: string, format: SourceFormat, catalog: CatalogIndex): PolicyModel {
  const { model, root, ignoredCodesAt } = readGraphText(text, format);
  if (!root) return model;

  const others: PolicySetting[] = [];
  const scope = cspScopeOf(catalog);
  const result = readGraphWhfbDocument(root, text, catalog, ignoredCodesAt, (item) => {
    // A Graph list response mixes profile types: custom profiles and Settings Catalog policies in it keep their checks.
    const shape = policyShapeOf(item);
    if (!shape) return;
    const read = readPolicyDocument(item, shape, catalog, scope, ignoredCodesAt);
    others.push(...read.settings);
    model.findings.push(...read.findings);
  });
  model.settings = [...result.settings, ...others];
  model.settings.forEach((setting, index) => { setting.index = index; });
  model.findings.push(...result.findings);
  const name = result.name ?? result.firstName;
  if (name) model.name = name;
  if (result.policyScope === 'tenant-wide') model.policyScope = 'tenant-wide';
  return model;
}

/**
 * A set-value fix written as the Graph value that means the CSP value ("required" for 1 of a
 * configurationUsage property), in every place that holds it (an intent's `value` and `valueJson`).
 * Nothing where no Graph value means it, or where a string would have to be written into an
 * encoded string. Settings of a custom profile in the same list keep the custom-profile fixes.
 */
export function renderGraphWhfbFix(model: PolicyModel, fix: Fix): FixData | undefined {
  if (fix.kind !== 'set-value') return fix.kind === 'correct-path' || fix.kind === 'use-successor' ? renderCustomProfileFix(model, fix) : undefined;
  const site = graphValueSiteOf(fix.setting);
  if (!site) return renderCustomProfileFix(model, fix);
  const graphValue = encodeCspValue(site.mapping, fix.value);
  if (graphValue === undefined || site.sites.some((place) => !place.exact)) return undefined;
  const replacements: { range: { start: number; end: number }; newText: string }[] = [];
  for (const place of site.sites) {
    if (typeof graphValue === 'string' && !place.quoted) {
      if (place.embedded) return undefined;
      replacements.push({ range: place.range, newText: JSON.stringify(graphValue) });
    } else {
      replacements.push({ range: place.range, newText: String(graphValue) });
    }
  }
  if (replacements.length === 0) return undefined;
  return { fix: 'replace', title: l10n.t('Set {0} to {1}', site.mapping.property, typeof graphValue === 'string' ? `"${graphValue}"` : String(graphValue)), replacements };
}
