/**
 * Intune Settings Catalog and Endpoint security policies (Graph deviceManagementConfigurationPolicy),
 * as exported JSON or as IntuneCD YAML: one policy, a Graph list response or a list of policies
 * (settingsCatalogAndProfileList.ts).
 */
import type { CatalogIndex } from '../catalog/index';
import type { PolicyModel, SourceFormat } from '../model/types';
import type { DetectInput, FormatAdapter } from './adapter';
import { astErrorFindings, defaultCspScope, emptyModel, ignoredCodesAbove, serialisationOf, startsLikeGraphJson } from './adapterSupport';
import { cspScopeOf } from './cspScope';
import { parseJson } from './jsonAst';
import { parseYamlAst } from './jsonAstFromYaml';
import { readPolicyDocument } from './settingsCatalogAndProfileList';

const POLICY_ODATA_TYPE = 'deviceManagementConfigurationPolicy';

export const settingsCatalogAdapter: FormatAdapter = {
  formats: ['settings-catalog-json', 'settings-catalog-yaml'],

  detect(input: DetectInput): SourceFormat | undefined {
    const serialisation = serialisationOf(input);
    if (serialisation !== 'json' && serialisation !== 'yaml') return undefined;
    const text = input.text;
    if (serialisation === 'json' && !startsLikeGraphJson(text)) return undefined;
    if (!text.includes('settingInstance') && !text.includes(POLICY_ODATA_TYPE)) return undefined;
    // A Defender or BitLocker policy has the same shape: claim only policies with a setting we cover.
    if (!defaultCspScope()?.mentionsSettingId(text)) return undefined;
    return serialisation === 'json' ? 'settings-catalog-json' : 'settings-catalog-yaml';
  },

  parse(text: string, format: SourceFormat, catalog: CatalogIndex): PolicyModel {
    const model = emptyModel(format, text);
    const isYaml = format === 'settings-catalog-yaml';
    const parsed = isYaml ? parseYamlAst(text) : parseJson(text);
    model.findings.push(...astErrorFindings(parsed.errors));
    if (!parsed.root || parsed.errors.length > 0) return model;

    const ignoredCodesAt = (offsets: number[]): string[] =>
      isYaml ? [...new Set(offsets.flatMap((offset) => ignoredCodesAbove(text, offset)))] : [];
    const policy = readPolicyDocument(parsed.root, 'settings-catalog', catalog, cspScopeOf(catalog), ignoredCodesAt);
    model.settings = policy.settings;
    model.findings.push(...policy.findings);
    if (policy.name) model.name = policy.name;
    return model;
  },
};
