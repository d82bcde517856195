/**
 * The registry values Group Policy writes for the policies the catalog knows, each with its Group
 * Policy name and MDM node: data/generated/gpo-registry.json, generated from the templates and the
 * catalog by scripts/catalog/gpoRegistry.ts (see there for how each row is derived).
 */

export type RegistryHive = 'HKLM' | 'HKCU';

export interface GpoRegistryRow {
  hive: RegistryHive;
  /** As the template spells it; matched without regard to case. */
  key: string;
  valueName: string;
  /** The catalog's Group Policy name (what the editor and gpreport.xml show). */
  policy: string;
  /** state: the policy's own value (enabled/disabled); option: one of its options. */
  role: 'state' | 'option';
  enabledValue?: number;
  disabledValue?: number;
  /** The ADMX element kind of an option: boolean, decimal, text, enum, list, multiText. */
  kind?: string;
  /** The option's label, as gpreport.xml names it. */
  label?: string;
  /** The MDM node (catalog path) the value corresponds to. */
  node?: string;
  nodeEnabled?: boolean | number;
  nodeDisabled?: boolean | number;
  /** "Passport.admx MSPassport_MinimumPINLength" */
  source: string;
}

interface GpoRegistryIndex {
  byValue: Map<string, GpoRegistryRow>;
  byPolicy: Map<string, GpoRegistryRow[]>;
  rows: readonly GpoRegistryRow[];
}

let index: GpoRegistryIndex | undefined;

/** "SOFTWARE\Policies\Microsoft\PassportForWork" and "software\policies\microsoft\passportforwork\" are one key. */
export function normalizeRegistryKey(key: string): string {
  return key.replace(/\\+/g, '\\').replace(/^\\|\\$/g, '').replace(/^(HKLM|HKCU|HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER)\\/i, '').toLowerCase();
}

function valueKey(hive: RegistryHive, key: string, valueName: string): string {
  return `${hive}|${normalizeRegistryKey(key)}|${valueName.toLowerCase()}`;
}

function getIndex(): GpoRegistryIndex {
  if (!index) {
    // Read here, not imported: only GPO files and Group Policy answers need it, and an import built
    // the table at every start of the server, before its first diagnostics (scripts/build.mjs, jsonLoadedOnFirstUse).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
    const rows = (require('../../../data/generated/gpo-registry.json') as { rows: GpoRegistryRow[] }).rows;
    const byValue = new Map<string, GpoRegistryRow>();
    const byPolicy = new Map<string, GpoRegistryRow[]>();
    for (const row of rows) {
      const key = valueKey(row.hive, row.key, row.valueName);
      if (!byValue.has(key)) byValue.set(key, row);
      const policy = `${row.hive}|${row.policy.toLowerCase()}`;
      byPolicy.set(policy, [...(byPolicy.get(policy) ?? []), row]);
    }
    index = { byValue, byPolicy, rows };
  }
  return index;
}

/** The policy value a registry value is, in this hive. */
export function gpoRegistryRow(hive: RegistryHive, key: string, valueName: string): GpoRegistryRow | undefined {
  return getIndex().byValue.get(valueKey(hive, key, valueName));
}

/** Every registry value of a Group Policy (by its editor display name) in this hive. */
export function gpoRegistryRowsFor(hive: RegistryHive, policy: string): readonly GpoRegistryRow[] {
  return getIndex().byPolicy.get(`${hive}|${policy.trim().toLowerCase()}`) ?? [];
}

export function allGpoRegistryRows(): readonly GpoRegistryRow[] {
  return getIndex().rows;
}
