/**
 * Intune Settings Catalog and Endpoint security policies (Graph deviceManagementConfigurationPolicy),
 * as exported JSON or as IntuneCD YAML: one policy, a Graph list response or a list of policies
 * (settingsCatalogAndProfileList.ts).
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { PolicyModel, SourceFormat } from '../model/types';
import type { DetectInput, FormatAdapter } from './adapter';
import { renderSettingsCatalogFix } from './fixRendering';
import { defaultCspScope, serialisationOf, startsLikeGraphJson } from './adapterSupport';
import { parseGraphExport } from './settingsCatalogAndProfileList';

const POLICY_ODATA_TYPE = 'deviceManagementConfigurationPolicy';

export const settingsCatalogAdapter: FormatAdapter = {
  formats: ['settings-catalog-json', 'settings-catalog-yaml'],
  renderFix: renderSettingsCatalogFix,

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

  parse(text: string, format: SourceFormat, catalog: CatalogIndex, previous?: PolicyModel): PolicyModel {
    return parseGraphExport(text, format, catalog, 'settings-catalog', previous);
  },
};
