/**
 * npx tsx scripts/catalog/importAdmx.ts <PolicyDefinitions folder> [more folders]
 *
 * Reads the Group Policy templates (ADMX + en-US ADML) WHfB deployments touch and writes
 * data/admx/policies.json: facts only (policy names, the editor's display names, categories,
 * registry keys and value names), never the templates' text. The templates themselves are not
 * redistributed (see NOTICE); this import runs when they change, and its output is committed, so
 * `npm run generate` needs nothing outside the project.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { AdmxElementFact, AdmxFacts, AdmxPolicyFact } from './admxFacts';

/** The templates whose policies the catalog's DDFs map to (Passport, Kerberos, KDC, logon, smart card, biometrics). */
export const ADMX_FILES = ['Passport', 'Kerberos', 'kdc', 'CredentialProviders', 'Smartcard', 'Biometrics', 'DeviceCredential'];

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['policy', 'category', 'string', 'boolean', 'decimal', 'text', 'enum', 'list', 'multiText', 'presentation'].includes(name) });

/** Element kinds that write a registry value (the template's <elements> children). */
const ELEMENT_KINDS = ['boolean', 'decimal', 'text', 'enum', 'list', 'multiText', 'longDecimal'];

type Raw = Record<string, unknown>;

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function stringTable(adml: Raw): Map<string, string> {
  const root = adml.policyDefinitionResources as Raw;
  const table = ((root.resources as Raw).stringTable as Raw | undefined)?.string as Raw[] | undefined;
  return new Map(asArray(table).map((entry) => [String(entry.id), String(entry['#text'] ?? '').replace(/\s+/g, ' ').trim()]));
}

function resolveString(strings: Map<string, string>, ref: unknown): string {
  const id = /^\$\(string\.(.*)\)$/.exec(String(ref ?? ''))?.[1];
  return id ? strings.get(id) ?? id : String(ref ?? '');
}

/**
 * Each presentation's element labels by refId ("Minimum PIN length"): the text a Group Policy
 * report (gpreport.xml) shows as the element's <Name>.
 */
function presentationLabels(adml: Raw): Map<string, Map<string, string>> {
  const root = adml.policyDefinitionResources as Raw;
  const table = ((root.resources as Raw).presentationTable as Raw | undefined)?.presentation as Raw[] | undefined;
  const out = new Map<string, Map<string, string>>();
  for (const presentation of asArray(table)) {
    const labels = new Map<string, string>();
    for (const [kind, value] of Object.entries(presentation)) {
      if (kind === 'id') continue;
      for (const control of asArray(value as Raw | Raw[])) {
        if (typeof control !== 'object' || control === null || !control.refId) continue;
        const label = control['#text'] ?? (control.label as unknown);
        if (label !== undefined) labels.set(String(control.refId), String(label).replace(/\s+/g, ' ').trim());
      }
    }
    out.set(String(presentation.id), labels);
  }
  return out;
}

/** <enabledValue><decimal value="1"/></enabledValue> -> 1; absent or not a number -> undefined. */
function decimalOf(value: unknown): number | undefined {
  const decimal = asArray((value as Raw | undefined)?.decimal as Raw[] | undefined)[0];
  const number = decimal ? Number(decimal.value) : NaN;
  return Number.isFinite(number) ? number : undefined;
}

function findAdml(folder: string, file: string): string | undefined {
  for (const name of [`${file}.adml`, `${file.toUpperCase()}.adml`, `${file.toLowerCase()}.adml`, `${file[0].toUpperCase()}${file.slice(1)}.adml`]) {
    const path = join(folder, 'en-US', name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

function importFile(folder: string, file: string, facts: AdmxFacts): boolean {
  const admxPath = join(folder, `${file}.admx`);
  const admlPath = findAdml(folder, file);
  if (!existsSync(admxPath) || !admlPath) return false;
  const admx = (parser.parse(readFileSync(admxPath, 'utf8')) as Raw).policyDefinitions as Raw;
  const adml = parser.parse(readFileSync(admlPath, 'utf8')) as Raw;
  const strings = stringTable(adml);
  const labels = presentationLabels(adml);
  const namespace = String(((admx.policyNamespaces as Raw).target as Raw).prefix);
  for (const category of asArray((admx.categories as Raw | undefined)?.category as Raw[] | undefined)) {
    const parent = (category.parentCategory as Raw | undefined)?.ref;
    facts.categories[`${file}:${String(category.name)}`] = {
      displayName: resolveString(strings, category.displayName),
      ...(parent ? { parent: qualify(String(parent), file, namespace) } : {}),
    };
  }
  for (const policy of asArray((admx.policies as Raw | undefined)?.policy as Raw[] | undefined)) {
    const elements = policy.elements as Raw | undefined;
    const valueNames = elements
      ? Object.values(elements).flatMap((list) => asArray(list as Raw[])).map((element) => String(element.valueName ?? element.id ?? '')).filter(Boolean)
      : [];
    const presentation = /^\$\(presentation\.(.*)\)$/.exec(String(policy.presentation ?? ''))?.[1];
    const elementFacts: AdmxElementFact[] = [];
    for (const kind of ELEMENT_KINDS) {
      for (const element of asArray((elements?.[kind] as Raw[] | Raw | undefined))) {
        if (!element.valueName) continue;
        const label = presentation ? labels.get(presentation)?.get(String(element.id)) : undefined;
        elementFacts.push({
          kind,
          valueName: String(element.valueName),
          ...(element.key && String(element.key) !== String(policy.key ?? '') ? { key: String(element.key) } : {}),
          ...(label ? { label } : {}),
        });
      }
    }
    const enabledValue = decimalOf(policy.enabledValue);
    const disabledValue = decimalOf(policy.disabledValue);
    const fact: AdmxPolicyFact = {
      file: `${file}.admx`,
      name: String(policy.name),
      class: String(policy.class) as AdmxPolicyFact['class'],
      displayName: resolveString(strings, policy.displayName),
      category: qualify(String((policy.parentCategory as Raw).ref), file, namespace),
      key: String(policy.key ?? ''),
      ...(policy.valueName ? { valueName: String(policy.valueName) } : {}),
      ...(valueNames.length > 0 ? { elementValueNames: valueNames } : {}),
      ...(enabledValue !== undefined ? { enabledValue } : {}),
      ...(disabledValue !== undefined ? { disabledValue } : {}),
      ...(elementFacts.length > 0 ? { elements: elementFacts } : {}),
    };
    facts.policies.push(fact);
  }
  return true;
}

/** "windows:System" stays as is (a category of Windows.admx); a local "kerberos" becomes "Kerberos:kerberos". */
function qualify(ref: string, file: string, namespace: string): string {
  if (!ref.includes(':')) return `${file}:${ref}`;
  const [prefix, name] = ref.split(':');
  return prefix === namespace ? `${file}:${name}` : ref;
}

function main(): void {
  const folders = process.argv.slice(2).map((folder) => resolve(folder));
  if (folders.length === 0) {
    console.error('usage: npx tsx scripts/catalog/importAdmx.ts <PolicyDefinitions folder>...');
    process.exit(2);
  }
  const facts: AdmxFacts = { categories: {}, policies: [] };
  for (const file of ADMX_FILES) {
    if (!folders.some((folder) => importFile(folder, file, facts))) console.error(`not found: ${file}.admx with its en-US ADML`);
  }
  facts.policies.sort((a, b) => (a.file + a.name < b.file + b.name ? -1 : 1));
  facts.categories = Object.fromEntries(Object.entries(facts.categories).sort(([a], [b]) => (a < b ? -1 : 1)));
  const target = resolve(__dirname, '../../data/admx/policies.json');
  writeFileSync(target, `${JSON.stringify(facts, null, 2)}\n`);
  console.log(`wrote ${target}: ${facts.policies.length} policies, ${Object.keys(facts.categories).length} categories`);
}

if (require.main === module) main();
