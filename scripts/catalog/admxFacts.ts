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
  /** The DWORD the policy writes to `valueName` when enabled / disabled (<enabledValue>/<disabledValue>). */
  enabledValue?: number;
  disabledValue?: number;
  /** The options that write registry values, with the label the editor and gpreport.xml show. */
  elements?: AdmxElementFact[];
}

export interface AdmxElementFact {
  /** The ADMX element kind: boolean, decimal, text, enum, list, multiText, longDecimal. */
  kind: string;
  valueName: string;
  /** Only where it differs from the policy's key. */
  key?: string;
  /** The presentation label (ADML), as a Group Policy report names the option. */
  label?: string;
}

export interface AdmxCategoryFact {
  displayName: string;
  parent?: string;
}

export interface AdmxFacts {
  categories: Record<string, AdmxCategoryFact>;
  policies: AdmxPolicyFact[];
}
