/**
 * The policy settings view's tooltip as Markdown, without vscode. Every field quotes the policy
 * document (what is written, the value, problem messages that echo them) and is escaped, so a
 * crafted OMA-URI or value shows as text and never as an image, link or HTML.
 */
import type { PolicySettingSummary } from '../../../shared/protocol';
import { markdownCode, markdownText } from '../../../shared/markdownText';
import { englishL10n, type L10n } from '../l10nText';

export function settingTooltip(setting: PolicySettingSummary, l10n: L10n = englishL10n): string {
  const parts: string[] = [`**${markdownText(setting.label)}**`, ''];
  if (setting.written) parts.push(markdownCode(setting.written), '');
  if (setting.path && setting.path !== setting.written) parts.push(l10n.t('Catalog path: {0}', markdownCode(setting.path)), '');
  if (setting.scope) parts.push(l10n.t('Scope: {0}', markdownText(setting.scope)), '');
  if (setting.value !== undefined) parts.push(l10n.t('Value: {0}', markdownCode(setting.value)), '');
  for (const problem of setting.problems) parts.push(`- **${markdownText(problem.severity)}** ${markdownText(problem.code)}: ${markdownText(problem.message)}`);
  return parts.join('\n').trimEnd();
}
