/**
 * Hover: on an OMA-URI or Settings Catalog id (the node explained), on deployment.model/trust values
 * (what the guides say that model needs), on a Group Policy name (its mapping), on a rule code in a
 * `# whfb-ignore` comment (the rule).
 */
import * as l10n from '@vscode/l10n';
import { nodeTexts } from '../catalog/catalog';
import type { GroupPolicyInfo, GroupPolicyMapping } from '../catalog/types';
import type { Located, OffsetRange } from '../model/types';
import { RULES_BY_CODE } from '../model/ruleCodes';
import type { Hover, Position } from '../lsp/protocolTypes';
import { checklistMarkdown, checklistsFor } from './checklistInfo';
import { contains, omaUriTokenAt, settingAt, type FeatureContext } from './context';
import { graphValueMarkdown } from './graphHover';
import { markdownCode, markdownText } from './markdownText';
import { nodeMarkdown } from './nodeDocs';
import { exportKeyMarkdown, keyAt, policyKeyMarkdown, valueMarkdown, valueToken } from './valueHover';

function hoverOf(context: FeatureContext, value: string, range: OffsetRange): Hover {
  return { contents: { kind: 'markdown', value }, range: context.entry.lines().range(range) };
}

export function hoverAt(context: FeatureContext, position: Position): Hover | null {
  const { entry, catalog } = context;
  const lines = entry.lines();
  const offset = lines.offsetAt(position);
  const text = entry.text;
  const model = entry.model;

  const code = ruleCodeInIgnoreComment(text, offset, lines.lineStart(position.line), lines.lineEnd(position.line));
  if (code) {
    const rule = RULES_BY_CODE.get(code.code);
    if (rule) return hoverOf(context, l10n.t('**{0}** ({1}, {2})\n\n{3}\n\n[Source]({4})', rule.code, rule.name, rule.defaultSeverity, l10n.t(rule.summary), rule.href), code.range);
  }

  if (model) {
    const setting = settingAt(model, offset);
    if (setting) {
      const written = [setting.omaUri, setting.settingDefinitionId].find((item) => contains(item?.range, offset));
      if (written) {
        if (setting.node) return hoverOf(context, nodeMarkdown(setting.node), written.range);
        const resolved = setting.omaUri ? catalog.resolve(setting.omaUri.value) : undefined;
        if (resolved?.node) return hoverOf(context, nodeMarkdown(resolved.node), written.range);
        return hoverOf(context, l10n.t('{0} names no node of the catalog.', markdownCode(written.value)), written.range);
      }
      const graphValue = setting.value && contains(setting.value.range, offset) ? graphValueMarkdown(setting, text) : undefined;
      if (graphValue) return hoverOf(context, graphValue, setting.value!.range);
      // The value: what it means for the node (a choice value's whole `<id>_<option>` string too).
      if (setting.value && setting.node) {
        const token = valueToken(text, setting.value.range);
        if (contains(token, offset) && token.end > token.start) return hoverOf(context, valueMarkdown(setting, setting.node), token);
      }
    }
    const key = keyAt(text, offset, lines.lineStart(position.line), lines.lineEnd(position.line));
    if (key) {
      const markdown = model.format === 'whfb-yaml' ? policyKeyMarkdown(model, text, key, lines.lineStart(position.line)) : exportKeyMarkdown(key.key);
      if (markdown) return hoverOf(context, markdown, key.range);
    }
    const deployment = model.deployment;
    if (deployment) {
      const modelValue = deployment.model;
      const trustValue = deployment.trust;
      if (isOn(modelValue, offset) || isOn(trustValue, offset)) {
        const kind = modelValue?.value.trim();
        const trust = isOn(trustValue, offset) || kind !== 'cloud-only' ? trustValue?.value.trim() : undefined;
        const found = checklistsFor(kind || undefined, trust || undefined);
        const located = (isOn(modelValue, offset) ? modelValue : trustValue) as Located<string>;
        if (found.length > 0) return hoverOf(context, found.map(checklistMarkdown).join('\n\n---\n\n'), located.range);
      }
    }
    for (const gp of model.groupPolicy) {
      if (!contains(gp.policy.range, offset)) continue;
      const nodes = catalog.byGroupPolicy(gp.policy.value);
      const info = catalog.groupPolicy(gp.policy.value);
      if (!info && nodes.length === 0) return hoverOf(context, l10n.t('"{0}" is not a Group Policy the catalog knows.', markdownText(gp.policy.value)), gp.policy.range);
      const header = groupPolicyHeader(info, gp.policy.value, nodes[0] ? nodeTexts(nodes[0]).groupPolicy : undefined);
      if (nodes.length === 0) return hoverOf(context, l10n.t('{0}\n\nNo MDM equivalent: Group Policy only.', header), gp.policy.range);
      const mdm = nodes.map((node) => l10n.t('- MDM equivalent: {0}', markdownCode(node.path))).join('\n');
      return hoverOf(context, `${header}\n\n${mdm}\n\n${nodeMarkdown(nodes[0], { brief: true })}`, gp.policy.range);
    }
  }

  // An OMA-URI anywhere (comments, loose text, formats whose model did not take it).
  const token = omaUriTokenAt(text, offset);
  if (token) {
    const resolved = catalog.resolve(text.slice(token.start, token.end).replace(/[.:]+$/, ''));
    if (resolved.node) return hoverOf(context, nodeMarkdown(resolved.node), token);
  }
  return null;
}

/**
 * The Group Policy as the editor shows it: display name, then the path to it under Computer and/or
 * User Configuration, then the template and policy name it is defined by.
 */
function groupPolicyHeader(info: GroupPolicyInfo | undefined, written: string, mapping: GroupPolicyMapping | undefined): string {
  const name = info?.name ?? mapping?.displayName ?? written.trim();
  const location = info?.location ?? mapping?.location ?? mapping?.area;
  const scopes = info?.scopes ?? (mapping?.scope ? [mapping.scope] : ['computer']);
  const paths = location ? scopes.map((scope) => (scope === 'user' ? l10n.t('User Configuration > {0}', location) : l10n.t('Computer Configuration > {0}', location))) : [];
  const admx = info?.admx ?? (mapping?.admxFile ? { file: mapping.admxFile, name: mapping.name } : undefined);
  // `written` is document text: escaped like every echoed value.
  const lines = [l10n.t('**Group Policy: {0}**', markdownText(name))];
  if (paths.length > 0) lines.push(paths.map(markdownText).join(l10n.t('  \nor ')));
  if (admx) lines.push(l10n.t('Template: {0} (policy {1})', markdownText(admx.file), markdownCode(admx.name)));
  return lines.join('\n\n');
}

function isOn(located: Located<string> | undefined, offset: number): located is Located<string> {
  return located !== undefined && located.range.end > located.range.start && contains(located.range, offset);
}

function ruleCodeInIgnoreComment(text: string, offset: number, lineStart: number, lineEnd: number): { code: string; range: OffsetRange } | undefined {
  const line = text.slice(lineStart, lineEnd);
  const comment = /#\s*whfb-ignore(?:-file)?\b/i.exec(line);
  if (!comment) return undefined;
  const pattern = /WHFB\d{3}/gi;
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    const start = lineStart + match.index;
    if (match.index > comment.index && offset >= start && offset <= start + match[0].length) {
      return { code: match[0].toUpperCase(), range: { start, end: start + match[0].length } };
    }
  }
  return undefined;
}
