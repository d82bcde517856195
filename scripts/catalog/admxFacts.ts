/**
 * The shape of data/admx/policies.json: facts read from the Group Policy templates by
 * scripts/catalog/importAdmx.ts (names, display names, categories, registry value names).
 */
export interface AdmxPolicyFact {
  /** "Passport.admx" */
  file: string;
  /** The ADMX policy name ("MSPassport_UsePassportForWork"). */
  name: string;
  /** Where the editor shows it: Computer Configuration (Machine), User Configuration (User), or both. */
  class: 'Machine' | 'User' | 'Both';
  /** The en-US display name the Group Policy editor shows. */
  displayName: string;
  /** Qualified category: "Passport:MSPassportForWorkCategory", or "windows:System" for a Windows.admx category. */
  category: string;
  key: string;
  valueName?: string;
  /** Registry value names of the policy's options (checkboxes, numbers, text). */
  elementValueNames?: string[];
}

export interface AdmxCategoryFact {
  displayName: string;
  parent?: string;
}

export interface AdmxFacts {
  categories: Record<string, AdmxCategoryFact>;
  policies: AdmxPolicyFact[];
}
