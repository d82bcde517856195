/**
 * Turns the YAML AST of a policy file (or of one settings entry parsed on its own) into the pieces
 * of the PolicyModel. Offsets go through an OffsetMap so entries parsed separately land at their
 * place in the document.
 */
import { resolveOmaUri } from '../model/resolveOmaUri';
import type { Document, Node, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq } from './yamlLibrary';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Deployment, GroupPolicyEntry, Located, OffsetRange, PolicySetting } from '../model/types';
import { normalizeValueType } from '../model/values';
import { findPair, locatedText, locatedValue, nodeRange, pairRange, type OffsetMap } from './policyYamlAst';
import { ignoredCodesAbove, lineStartOf } from './policyYamlLayout';

/** The top-level part of a policy file: everything except the settings entries. */
export interface PolicyTop {
  formatVersion?: Located<unknown>;
  name?: Located<string>;
  tenantId?: Located<string>;
  deployment?: Deployment;
  groupPolicy: GroupPolicyEntry[];
  /** The `settings:` key. */
  settingsKey?: OffsetRange;
  /** The settings sequence node when the whole document was parsed at once. */
  settingsNode?: Node;
}

export function buildTop(doc: Document, text: string, map: OffsetMap): PolicyTop {
  const top: PolicyTop = { groupPolicy: [] };
  const root = doc.contents;
  if (!isMap(root)) return top;
  const version = findPair(root, 'whfb');
  if (version) top.formatVersion = locatedValue(version, doc, map);
  top.name = locatedText(findPair(root, 'name'), text, map);
  top.tenantId = locatedText(findPair(root, 'tenantId'), text, map);

  const deploymentPair = findPair(root, 'deployment');
  if (deploymentPair) {
    const range = pairRange(deploymentPair, map);
    if (range) {
      const deployment: Deployment = { range };
      const value = deploymentPair.value;
      if (isMap(value)) {
        for (const key of ['model', 'trust', 'join', 'authentication', 'management', 'minimumOsBuild'] as const) {
          const located = locatedText(findPair(value, key), text, map);
          if (located) deployment[key] = located;
        }
      }
      top.deployment = deployment;
    }
  }

  const settingsPair = findPair(root, 'settings');
  if (settingsPair) {
    top.settingsKey = nodeRange(settingsPair.key as Node, map);
    if (isSeq(settingsPair.value)) top.settingsNode = settingsPair.value;
  }

  const groupPolicyPair = findPair(root, 'groupPolicy');
  if (groupPolicyPair && isSeq(groupPolicyPair.value)) {
    groupPolicyPair.value.items.forEach((item, index) => {
      if (!isMap(item)) return;
      const entry = buildGroupPolicyEntry(item, text, map, index);
      if (entry) top.groupPolicy.push(entry);
    });
  }
  return top;
}

function buildGroupPolicyEntry(item: YAMLMap, text: string, map: OffsetMap, index: number): GroupPolicyEntry | undefined {
  const range = nodeRange(item, map);
  const policy = locatedText(findPair(item, 'policy'), text, map);
  if (!range || !policy) return undefined;
  return {
    index,
    range,
    policy,
    scope: locatedText(findPair(item, 'scope'), text, map),
    state: locatedText(findPair(item, 'state'), text, map),
    ignoredCodes: ignoredCodesAbove(text, lineStartOf(text, range.start)),
  };
}

/** One settings entry; undefined when the entry is not a mapping (the schema check reports it). */
export function buildSetting(
  item: unknown,
  doc: Document,
  text: string,
  map: OffsetMap,
  index: number,
  catalog: CatalogIndex,
): PolicySetting | undefined {
  if (!isMap(item)) return undefined;
  const range = nodeRange(item, map);
  if (!range) return undefined;
  const setting: PolicySetting = { index, range, ignoredCodes: ignoredCodesAbove(text, lineStartOf(text, range.start)) };

  const omaUriPair = findPair(item, 'omaUri');
  // Only a scalar is an OMA-URI; anything else is a shape error the schema check reports.
  const omaUri = omaUriPair && isScalar(omaUriPair.value) ? locatedText(omaUriPair, text, map) : undefined;
  if (omaUri) {
    setting.omaUri = omaUri;
    if (omaUri.value) {
      const resolved = resolveOmaUri(catalog, omaUri.value);
      if (resolved.node) setting.node = resolved.node;
    }
  }
  const type = locatedText(findPair(item, 'type'), text, map);
  // Written out, not spread: V8 gives every `{ ...type, normalized }` a hidden class of its own,
  // which at 10,000 settings cost megabytes of shapes.
  if (type) setting.type = { value: type.value, range: type.range, keyRange: type.keyRange, normalized: normalizeValueType(type.value) };
  const value = locatedValue(findPair(item, 'value'), doc, map);
  if (value) setting.value = value;
  const name = locatedText(findPair(item, 'name'), text, map);
  if (name) setting.name = name;
  return setting;
}
