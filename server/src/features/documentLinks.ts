/** Links: each resolved OMA-URI to its CSP reference section; rule codes in whfb-ignore comments to the rule's source. */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { PolicyModel } from '../model/types';
import { RULES_BY_CODE } from '../model/ruleCodes';
import type { LineIndex } from '../model/lineIndex';
import type { DocumentLink } from '../lsp/protocolTypes';

const IGNORE_COMMENT = /#\s*whfb-ignore(?:-file)?\b([^\r\n]*)/g;
const CODE = /WHFB\d{3}/gi;

/**
 * The link sits on the OMA-URI's leaf ("UsePassportForWork"), not on its 90 characters: a policy
 * is a column of OMA-URIs, and whole-URI underlines made the editor a sea of links (issue 12
 * point 10). A Settings Catalog id is one token and keeps its whole range.
 */
function leafRange(text: string, range: { start: number; end: number }): { start: number; end: number } {
  const written = text.slice(range.start, range.end);
  const trimmed = written.replace(/["'/\s]+$/, '');
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0 || slash === trimmed.length - 1) return range;
  return { start: range.start + slash + 1, end: range.start + trimmed.length };
}

export function documentLinksFor(model: PolicyModel, lines: LineIndex, _catalog: CatalogIndex): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const setting of model.settings) {
    const node = setting.node;
    const written = setting.omaUri ?? setting.settingDefinitionId;
    if (!node || !written || !node.referenceUrl) continue;
    links.push({ range: lines.range(leafRange(model.text, written.range)), target: node.referenceUrl, tooltip: `${node.csp} CSP reference: ${node.name}` });
  }
  const text = model.text;
  IGNORE_COMMENT.lastIndex = 0;
  for (let match = IGNORE_COMMENT.exec(text); match; match = IGNORE_COMMENT.exec(text)) {
    const listStart = match.index + match[0].length - match[1].length;
    CODE.lastIndex = 0;
    for (let code = CODE.exec(match[1]); code; code = CODE.exec(match[1])) {
      const rule = RULES_BY_CODE.get(code[0].toUpperCase());
      if (!rule) continue;
      const start = listStart + code.index;
      links.push({ range: lines.range({ start, end: start + code[0].length }), target: rule.href, tooltip: `${rule.code}: ${l10n.t(rule.summary)}` });
    }
  }
  return links;
}
