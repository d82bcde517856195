/**
 * The Insert setting list in groups, without vscode: first the settings the policy's deployment
 * guide configures (the checklist items' settings of its model), then the other Windows Hello for
 * Business (PassportForWork) settings, then the rest of the catalog, deprecated ones last. Each
 * setting's description shows its type and default, so the list answers "what do I write" before
 * the pick. Labels are localized by the caller's `l10n` (vscode.l10n in the extension).
 */
import type { CatalogItem, DeploymentModelChecklist } from '../../../shared/protocol';
import { allItems } from '../../../shared/protocol';
import { englishL10n, type L10n } from '../l10nText';

export interface SettingPickGroup {
  label: string;
  items: CatalogItem[];
}

/** The catalog paths the model's checklist items concern (lower case). */
export function guideSettingPaths(checklist: DeploymentModelChecklist | undefined): Set<string> {
  const paths = new Set<string>();
  for (const section of checklist?.sections ?? []) {
    for (const item of allItems(section.items)) for (const path of item.settings) paths.add(path.toLowerCase());
  }
  return paths;
}

export function groupSettingPicks(items: readonly CatalogItem[], checklist: DeploymentModelChecklist | undefined, l10n: L10n = englishL10n): SettingPickGroup[] {
  const guide = guideSettingPaths(checklist);
  const groups: SettingPickGroup[] = [
    { label: checklist ? l10n.t('Settings your guide configures ({0})', checklist.title) : '', items: [] },
    { label: l10n.t('Windows Hello for Business (PassportForWork)'), items: [] },
    { label: l10n.t('Other settings'), items: [] },
    { label: l10n.t('Deprecated'), items: [] },
  ];
  for (const item of items) {
    const index = item.deprecated ? 3 : guide.has(item.path.toLowerCase()) ? 0 : /\/PassportForWork\//i.test(item.path) ? 1 : 2;
    groups[index].items.push(item);
  }
  return groups.filter((group) => group.items.length > 0);
}

/** "bool · default true": what an entry for the setting holds. */
export function settingPickDescription(item: CatalogItem, l10n: L10n = englishL10n): string {
  const parts = [item.type ?? '', item.defaultValue !== undefined ? l10n.t('default {0}', item.defaultValue) : ''].filter(Boolean);
  return parts.join(' · ');
}
