/**
 * A rule: one code from the rule table (model/ruleCodes.ts) and a check over the policy model. Severity and link come
 * from the table (through model/findings.ts `finding()`), so they are stated once.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Finding, PolicyModel } from '../model/types';

export interface Rule {
  readonly code: string;
  check(model: PolicyModel, catalog: CatalogIndex): Finding[];
}
