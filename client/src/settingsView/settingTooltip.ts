/**
 * The policy settings view's tooltip as Markdown, without vscode. Every field quotes the policy
 * document (what is written, the value, problem messages that echo them) and is escaped, so a
 * crafted OMA-URI or value shows as text and never as an image, link or HTML.
 */
import type { PolicySettingSummary } from '../../../shared/protocol';
import { markdownCode, markdownText } from '../../../shared/markdownText';

export function settingTooltip(setting: PolicySettingSummary): string {
  const parts: string[] = [`**${markdownText(setting.label)}**`, ''];
  if (setting.written) parts.push(markdownCode(setting.written), '');
  if (setting.path && setting.path !== setting.written) parts.push(`Catalog path: ${markdownCode(setting.path)}`, '');
  if (setting.scope) parts.push(`Scope: ${markdownText(setting.scope)}`, '');
  if (setting.value !== undefined) parts.push(`Value: ${markdownCode(setting.value)}`, '');
  for (const problem of setting.problems) parts.push(`- **${markdownText(problem.severity)}** ${markdownText(problem.code)}: ${markdownText(problem.message)}`);
  return parts.join('\n').trimEnd();
}
