/**
 * OMA-URIs written loose in Markdown runbooks, PowerShell scripts and plain text. Each occurrence
 * becomes a path-only setting (no type, no value): the OMA-URI is validated and hovers work, nothing
 * else. A document that mentions no covered CSP is not claimed, so ordinary notes stay silent.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { PolicyModel, SourceFormat } from '../model/types';
import { RULES } from '../model/ruleCodes';
import type { DetectInput, FormatAdapter } from './adapter';
import { renderLooseTextFix } from './fixRendering';
import { defaultCspScope, emptyModel, ignoredCodesAbove } from './adapterSupport';
import { cspScopeOf } from '../catalog/cspScope';
import { containsOmaUri, findOmaUris } from './omaUriScanner';

const TEXT_LANGUAGES = new Set(['markdown', 'powershell', 'plaintext']);
const TEXT_EXTENSIONS = /\.(?:md|markdown|ps1|psm1|psd1|txt)$/;

/**
 * Loose text has no deployment, no values and no notion of one policy: only the checks of the path
 * itself apply (unknown node, malformed tenant id, deprecated node). Every other code is silenced for
 * the file, so a runbook that mentions `{TenantId}` or lists one node twice is not an "error".
 */
const PATH_CHECK_CODES = new Set(['WHFB001', 'WHFB003', 'WHFB101', 'WHFB104', 'WHFB171']);
export const NOT_APPLICABLE_TO_TEXT = RULES.map((rule) => rule.code).filter((code) => !PATH_CHECK_CODES.has(code));

export const looseTextAdapter: FormatAdapter = {
  formats: ['text'],
  renderFix: renderLooseTextFix,

  detect(input: DetectInput): SourceFormat | undefined {
    const path = input.uri.toLowerCase().replace(/[?#].*$/, '');
    const isText = (input.languageId !== undefined && TEXT_LANGUAGES.has(input.languageId)) || TEXT_EXTENSIONS.test(path);
    if (!isText) return undefined;
    const scope = defaultCspScope();
    return scope && containsOmaUri(input.text, (uri) => scope.coversOmaUri(uri)) ? 'text' : undefined;
  },

  parse(text: string, _format: SourceFormat, catalog: CatalogIndex): PolicyModel {
    const model = emptyModel('text', text);
    model.ignoredCodes = [...NOT_APPLICABLE_TO_TEXT];
    const scope = cspScopeOf(catalog);
    for (const occurrence of findOmaUris(text)) {
      if (!scope.coversOmaUri(occurrence.text)) continue;
      model.settings.push({
        index: model.settings.length,
        range: occurrence.range,
        omaUri: { value: occurrence.text, range: occurrence.range },
        node: catalog.resolve(occurrence.text).node,
        ignoredCodes: ignoredCodesAbove(text, occurrence.range.start),
      });
    }
    return model;
  },
};
