/**
 * Intune custom configuration profiles (Graph #microsoft.graph.windows10CustomConfiguration):
 * omaSettings[] of { @odata.type, displayName, omaUri, value }, as exported JSON or IntuneCD YAML,
 * one profile, a Graph list response or a list of profiles (settingsCatalogAndProfileList.ts).
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { PolicyModel, SourceFormat } from '../model/types';
import type { DetectInput, FormatAdapter } from './adapter';
import { renderCustomProfileFix } from './fixRendering';
import { defaultCspScope, serialisationOf, startsLikeGraphJson } from './adapterSupport';
import { containsOmaUri } from './omaUriScanner';
import { parseGraphExport } from './settingsCatalogAndProfileList';

export const customProfileAdapter: FormatAdapter = {
  formats: ['custom-profile-json', 'custom-profile-yaml'],
  renderFix: renderCustomProfileFix,

  detect(input: DetectInput): SourceFormat | undefined {
    const serialisation = serialisationOf(input);
    if (serialisation !== 'json' && serialisation !== 'yaml') return undefined;
    const text = input.text;
    if (serialisation === 'json' && !startsLikeGraphJson(text)) return undefined;
    if (!text.includes('omaSettings')) return undefined;
    // Custom profiles for other areas (Defender, Edge, ...) are not ours.
    const scope = defaultCspScope();
    if (!scope || !containsOmaUri(text, (uri) => scope.coversOmaUri(uri))) return undefined;
    return serialisation === 'json' ? 'custom-profile-json' : 'custom-profile-yaml';
  },

  parse(text: string, format: SourceFormat, catalog: CatalogIndex, previous?: PolicyModel): PolicyModel {
    return parseGraphExport(text, format, catalog, 'custom-profile', previous);
  },
};
