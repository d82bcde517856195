/**
 * Intune custom configuration profiles (Graph #microsoft.graph.windows10CustomConfiguration):
 * omaSettings[] of { @odata.type, displayName, omaUri, value }, as exported JSON or IntuneCD YAML,
 * one profile, a Graph list response or a list of profiles (settingsCatalogAndProfileList.ts).
 */
import type { CatalogIndex } from '../catalog/index';
import type { PolicyModel, SourceFormat } from '../model/types';
import type { DetectInput, FormatAdapter } from './adapter';
import { astErrorFindings, defaultCspScope, emptyModel, ignoredCodesAbove, serialisationOf, startsLikeGraphJson } from './adapterSupport';
import { cspScopeOf } from './cspScope';
import { parseJson } from './jsonAst';
import { parseYamlAst } from './jsonAstFromYaml';
import { containsOmaUri } from './omaUriScanner';
import { readPolicyDocument } from './settingsCatalogAndProfileList';

export const customProfileAdapter: FormatAdapter = {
  formats: ['custom-profile-json', 'custom-profile-yaml'],

  detect(input: DetectInput): SourceFormat | undefined {
    const serialisation = serialisationOf(input);
    if (serialisation !== 'json' && serialisation !== 'yaml') return undefined;
    const text = input.text;
    if (serialisation === 'json' && !startsLikeGraphJson(text)) return undefined;
    if (!text.includes('omaSettings')) return undefined;
    // Custom profiles for other areas (Defender, Edge, ...) are not ours.
    const scope = defaultCspScope();
    if (!scope || !containsOmaUri(text, scope.coversOmaUri)) return undefined;
    return serialisation === 'json' ? 'custom-profile-json' : 'custom-profile-yaml';
  },

  parse(text: string, format: SourceFormat, catalog: CatalogIndex): PolicyModel {
    const model = emptyModel(format, text);
    const isYaml = format === 'custom-profile-yaml';
    const parsed = isYaml ? parseYamlAst(text) : parseJson(text);
    model.findings.push(...astErrorFindings(parsed.errors));
    if (!parsed.root || parsed.errors.length > 0) return model;

    const ignoredCodesAt = (offsets: number[]): string[] =>
      isYaml ? [...new Set(offsets.flatMap((offset) => ignoredCodesAbove(text, offset)))] : [];
    const profile = readPolicyDocument(parsed.root, 'custom-profile', catalog, cspScopeOf(catalog), ignoredCodesAt);
    model.settings = profile.settings;
    model.findings.push(...profile.findings);
    if (profile.name) model.name = profile.name;
    return model;
  },
};
