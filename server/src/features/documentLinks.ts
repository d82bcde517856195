/** Links: each resolved OMA-URI to its CSP reference section; rule codes in whfb-ignore comments to the rule's source. */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { PolicyModel } from '../model/types';
import { RULES_BY_CODE } from '../model/ruleCodes';
import type { LineIndex } from '../model/lineIndex';
import type { DocumentLink } from '../lsp/protocolTypes';

const IGNORE_COMMENT = /#\s*whfb-ignore(?:-file)?\b([^\r\n]*)/g;
const CODE = /WHFB\d{3}/gi;

export function documentLinksFor(model: PolicyModel, lines: LineIndex, _catalog: CatalogIndex): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const setting of model.settings) {
    const node = setting.node;
    const written = setting.omaUri ?? setting.settingDefinitionId;
    if (!node || !written || !node.referenceUrl) continue;
    links.push({ range: lines.range(written.range), target: node.referenceUrl, tooltip: `${node.csp} CSP reference: ${node.name}` });
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
      links.push({ range: lines.range({ start, end: start + code[0].length }), target: rule.href, tooltip: `${rule.code}: ${rule.summary}` });
    }
  }
  return links;
}
