/**
 * The adapter for our own policy file (`*.whfb.yaml`, `*.whfb.yml`, language id `whfb-yaml`).
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { PolicyModel, SourceFormat } from '../model/types';
import type { DetectInput, FormatAdapter } from './adapter';
import { renderPolicyYamlFix } from './fixRendering';
import { parsePolicyYaml } from './policyYamlParse';

const POLICY_FILE_NAME = /\.whfb\.ya?ml$/i;

export const policyYamlAdapter: FormatAdapter = {
  formats: ['whfb-yaml'],
  renderFix: renderPolicyYamlFix,
  detect(input: DetectInput): SourceFormat | undefined {
    if (input.languageId === 'whfb-yaml') return 'whfb-yaml';
    const path = input.uri.replace(/[?#].*$/, '');
    return POLICY_FILE_NAME.test(decodeURIComponentSafe(path)) ? 'whfb-yaml' : undefined;
  },
  parse(text: string, _format: SourceFormat, catalog: CatalogIndex, previous?: PolicyModel): PolicyModel {
    return parsePolicyYaml(text, catalog, previous);
  },
};

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
