/**
 * A Group Policy report as Get-GPOReport -ReportType Xml and Backup-GPO (gpreport.xml) write it:
 *
 *   <GPO xmlns="(the Group Policy Settings namespace)"> <Name>...</Name>
 *     <Computer> | <User>
 *       <ExtensionData><Extension xsi:type="q1:RegistrySettings">
 *         <q1:Policy><q1:Name>Use Windows Hello for Business</q1:Name><q1:State>Enabled</q1:State>
 *           <q1:Category>Windows Components/Windows Hello for Business</q1:Category>
 *           <q1:CheckBox>|<q1:Numeric>|<q1:EditText>|<q1:DropDownList> <q1:Name>option label</q1:Name> <q1:State>|<q1:Value>
 *         <q1:RegistrySetting><q1:KeyPath>...</q1:KeyPath><q1:Value><q1:Name>..</q1:Name><q1:Number>..</q1:Number></q1:Value>
 *       <ExtensionData><Extension xsi:type="q2:PublicKeySettings"><q2:AutoEnrollmentSettings>
 *         <q2:EnrollCertificatesAutomatically>true</q2:EnrollCertificatesAutomatically>
 *
 * (Get-GPOReport -All wraps several <GPO> in a <report>.) Each policy the catalog knows becomes its
 * Group Policy entry, with its MDM setting where the registry map gives one; options are matched
 * by the label the template gives them. Claimed only when it holds a Windows Hello for Business
 * policy (formats/gpoPolicyBuilder.ts isWhfbRow); any other report gets nothing.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import { getCatalog } from '../catalog/catalog';
import { gpoRegistryRow, gpoRegistryRowsFor, type GpoRegistryRow, type RegistryHive } from '../catalog/gpoRegistry';
import type { Located, PolicyModel, SourceFormat } from '../model/types';
import type { DetectInput, FormatAdapter } from './adapter';
import { astErrorFindings, emptyModel, ignoredCodesAbove, serialisationOf } from './adapterSupport';
import { GpoModelBuilder, isWhfbRow } from './gpoPolicyBuilder';
import { childElement, elementText, parseXml, type XmlElement } from './xmlScanner';

/**
 * The Public Key policy the hybrid and on-premises certificate trust guides configure ("Certificate
 * Services Client - Auto-Enrollment", Computer or User Configuration > Windows Settings > Security
 * Settings > Public Key Policies): a report shows it as <AutoEnrollmentSettings>, whose
 * <EnrollCertificatesAutomatically> is the "Configuration Model: Enabled" the guides select.
 */
const AUTO_ENROLLMENT_POLICY = 'Certificate Services Client - Auto-Enrollment';

let lastModel: { text: string; catalog: CatalogIndex; model: PolicyModel; whfb: boolean } | undefined;

function looksLikeReport(text: string): boolean {
  const head = text.slice(0, 4096);
  return /<(?:[\w-]+:)?(?:GPO|report)\b[^>]*xmlns(?::\w+)?="http:\/\/www\.microsoft\.com\/GroupPolicy\/Settings"/.test(head);
}

export const gpoReportAdapter: FormatAdapter = {
  formats: ['gpo-report-xml'],
  decidesWhfbItself: true,
  renderFix: () => undefined,

  detect(input: DetectInput): SourceFormat | undefined {
    const serialisation = serialisationOf(input);
    if (serialisation === 'json' || serialisation === 'yaml') return undefined;
    if (!looksLikeReport(input.text)) return undefined;
    return build(input.text, getCatalog()).whfb ? 'gpo-report-xml' : undefined;
  },

  parse(text: string, _format: SourceFormat, catalog: CatalogIndex): PolicyModel {
    return build(text, catalog).model;
  },
};

function build(text: string, catalog: CatalogIndex): { model: PolicyModel; whfb: boolean } {
  if (lastModel?.text === text && lastModel.catalog === catalog) return { model: structuredModelCopy(lastModel.model), whfb: lastModel.whfb };
  const model = emptyModel('gpo-report-xml', text);
  const parsed = parseXml(text);
  model.findings.push(...astErrorFindings(parsed.errors));
  let whfb = false;
  const root = parsed.root;
  if (root) {
    const gpos = root.localName === 'GPO' ? [root] : root.children.filter((child) => child.localName === 'GPO');
    const reader = new ReportReader(text, catalog, model);
    for (const gpo of gpos) {
      for (const side of gpo.children) {
        if (side.localName !== 'Computer' && side.localName !== 'User') continue;
        if (reader.readSide(side, side.localName === 'User' ? 'HKCU' : 'HKLM')) whfb = true;
      }
    }
  }
  // A report that is not well-formed XML: claimed when it speaks of WHfB, so its syntax error shows.
  if (!root) whfb = /PassportForWork|Windows Hello for Business/i.test(text);
  lastModel = { text, catalog, model, whfb };
  return { model: structuredModelCopy(model), whfb };
}

/** Each parse hands out its own lists (the service may keep and the rules may read one while another parse runs). */
function structuredModelCopy(model: PolicyModel): PolicyModel {
  return { ...model, settings: [...model.settings], groupPolicy: [...model.groupPolicy], findings: [...model.findings] };
}

class ReportReader {
  constructor(private readonly text: string, private readonly catalog: CatalogIndex, private readonly model: PolicyModel) {}

  /** Reads one side (Computer/User); true when it holds a WHfB policy. */
  readSide(side: XmlElement, hive: RegistryHive): boolean {
    let whfb = false;
    const builder = new GpoModelBuilder(this.model, this.catalog, hive);
    for (const data of side.children) {
      if (data.localName !== 'ExtensionData') continue;
      for (const extension of data.children) {
        if (extension.localName !== 'Extension') continue;
        for (const item of extension.children) {
          if (item.localName === 'Policy' && this.readPolicy(item, hive, builder)) whfb = true;
          else if (item.localName === 'RegistrySetting' && this.readRegistrySetting(item, hive, builder)) whfb = true;
          else if (item.localName === 'AutoEnrollmentSettings') this.readAutoEnrollment(item, builder);
        }
      }
    }
    return whfb;
  }

  private located(element: XmlElement | undefined): Located<string> | undefined {
    return element ? elementText(this.text, element) : undefined;
  }

  private readPolicy(policy: XmlElement, hive: RegistryHive, builder: GpoModelBuilder): boolean {
    const name = this.located(childElement(policy, 'Name'));
    if (!name) return false;
    const rows = gpoRegistryRowsFor(hive, name.value);
    if (rows.length === 0) return false;
    const category = this.located(childElement(policy, 'Category'))?.value;
    // "History" or "Expiration" alone is not unique across templates: the category says which.
    const location = this.catalog.groupPolicy(name.value)?.location;
    if (category && location && !location.toLowerCase().endsWith(category.replace(/\//g, ' > ').toLowerCase())) return false;
    const state = this.located(childElement(policy, 'State'));
    const entry = builder.entry({ value: rows[0].policy, range: name.range }, policy.range, state, true, ignoredCodesAbove(this.text, policy.range.start));
    const enabled = state?.value.toLowerCase() === 'enabled';
    const disabled = state?.value.toLowerCase() === 'disabled';
    for (const row of rows) {
      if (row.role === 'state' && state && (enabled || disabled)) {
        builder.setting(entry, row, enabled ? row.nodeEnabled : row.nodeDisabled, { range: policy.range, name, value: state.range });
      }
    }
    if (enabled) this.readOptions(policy, rows, entry, builder);
    return rows.some((row) => isWhfbRow(row, this.catalog));
  }

  /** <CheckBox>, <Numeric>, <EditText> children, matched to the template's options by label. */
  private readOptions(policy: XmlElement, rows: readonly GpoRegistryRow[], entry: ReturnType<GpoModelBuilder['entry']>, builder: GpoModelBuilder): void {
    const options = rows.filter((row) => row.role === 'option' && row.label);
    for (const child of policy.children) {
      const kind = child.localName;
      if (kind !== 'CheckBox' && kind !== 'Numeric' && kind !== 'EditText') continue;
      const label = this.located(childElement(child, 'Name'));
      const row = label ? options.find((option) => sameLabel(option.label!, label.value)) : undefined;
      if (!label || !row) continue;
      const valueElement = this.located(childElement(child, kind === 'CheckBox' ? 'State' : 'Value'));
      if (!valueElement) continue;
      const value = kind === 'CheckBox' ? (valueElement.value.toLowerCase() === 'enabled' ? 1 : 0) : valueElement.value;
      builder.setting(entry, row, value, { range: child.range, name: label, value: valueElement.range });
    }
  }

  /** A registry value the reporting machine had no template for: matched by key and value name. */
  private readRegistrySetting(setting: XmlElement, hive: RegistryHive, builder: GpoModelBuilder): boolean {
    const keyPath = this.located(childElement(setting, 'KeyPath'));
    const valueElement = childElement(setting, 'Value');
    const valueName = this.located(childElement(valueElement, 'Name'));
    if (!keyPath || !valueName) return false;
    const row = gpoRegistryRow(hive, keyPath.value, valueName.value);
    if (!row) return false;
    const data = this.located(childElement(valueElement, 'Number') ?? childElement(valueElement, 'String'));
    const number = data && /^\d+$/.test(data.value) ? Number(data.value) : undefined;
    const state = row.role === 'state' && number !== undefined
      ? (number === (row.enabledValue ?? 1) ? 'Enabled' : number === row.disabledValue ? 'Disabled' : undefined)
      : row.role === 'option' ? 'Enabled' : undefined;
    const entry = builder.entry({ value: row.policy, range: valueName.range }, setting.range, state && data ? { value: state, range: data.range } : undefined, row.role === 'state');
    if (data) {
      const value = row.role === 'state' && state ? (state === 'Enabled' ? row.nodeEnabled : row.nodeDisabled) : number ?? data.value;
      builder.setting(entry, row, value, { range: setting.range, name: valueName, value: data.range });
    }
    return isWhfbRow(row, this.catalog);
  }

  private readAutoEnrollment(settings: XmlElement, builder: GpoModelBuilder): void {
    const info = this.catalog.groupPolicy(AUTO_ENROLLMENT_POLICY);
    const flag = this.located(childElement(settings, 'EnrollCertificatesAutomatically'));
    if (!info || !flag) return;
    const on = flag.value.toLowerCase() === 'true';
    builder.entry({ value: info.name, range: flag.range }, settings.range, { value: on ? 'Enabled' : 'Disabled', range: flag.range }, true);
  }
}

/** "PIN History" and "PIN History:" are one label. */
function sameLabel(a: string, b: string): boolean {
  const clean = (text: string) => text.trim().replace(/:$/, '').trim().toLowerCase();
  return clean(a) === clean(b);
}
