/**
 * A rule: one code from the rule table (model/ruleCodes.ts) and a check over the policy model. Severity and link come
 * from the table (through model/findings.ts `finding()`), so they are stated once.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Finding, PolicyModel, PolicySetting } from '../model/types';

export interface Rule {
  readonly code: string;
  check(model: PolicyModel, catalog: CatalogIndex): Finding[];
  /**
   * Set on a rule whose findings about a setting depend only on that setting, the catalog and the
   * text this returns for the model, each finding standing inside its setting's entry and the
   * findings in the order of the settings. runRules then checks only the settings it has not seen
   * (an edit re-parses one or two entries and reuses the others' objects), and reuses the rest.
   */
  readonly settingContext?: (model: PolicyModel) => string;
  /**
   * Set on a whole-model rule that reads only the settings `setting` accepts (a superset is fine)
   * and, of the rest of the model, only what `model` lists (compared element by element, arrays one
   * level deep). When an edit added, removed or moved none of the settings it reads and those facts
   * are the same, runRules hands back its last findings instead of running it (issue 16).
   */
  readonly reads?: {
    setting(setting: PolicySetting): boolean;
    model(model: PolicyModel): readonly unknown[];
  };
}
