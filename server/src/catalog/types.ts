/**
 * The shape of the generated CSP catalog (data/generated/catalog.json and catalog-texts.json).
 * scripts/generate-catalog.ts writes it from the DDF; nothing else knows the DDF's XML shape.
 */

export type Scope = 'device' | 'user';

/** DDF DFFormat names as the DDF spells them. */
export type DdfFormat = 'bool' | 'int' | 'chr' | 'node' | 'b64' | 'bin' | 'xml' | 'float' | 'date' | 'time' | 'null';

export interface EnumValue {
  value: string;
  /** The meaning the DDF gives this value ("Disabled", "Windows Hello for Business will be provisioned ..."). */
  description: string;
}

export type AllowedValues =
  | { kind: 'enum'; values: EnumValue[] }
  | { kind: 'range'; min: number; max: number; raw: string }
  | { kind: 'regex'; pattern: string }
  /** ADMX-backed Policy CSP node: the value is an ADMX <enabled/>/<disabled/> XML string. */
  | { kind: 'admx'; area: string; name: string; file: string }
  | { kind: 'other'; valueType: string; raw: string };

/**
 * A node whose value is a list: MSFT:AllowedValues then describes one item. `source` says which
 * DDF element or guide sentence states the separator.
 */
export interface ListFormat {
  delimiter: string;
  source: string;
}

/** One value claimed by one source, so that disagreements stay visible (DDF says 4, guide says 6). */
export interface SourcedValue {
  value: string;
  source: 'ddf' | 'guide';
  /** Which file or guide section said so, for example "data/ddf/PassportForWork.xml" or "policy-settings#minimum-pin-length". */
  sourceRef: string;
  /** Human text: "DDF DefaultValue" or "Policy settings reference: Default value". */
  note: string;
}

export interface GuideRef {
  title: string;
  /** Guide file relative to data/guides, for example "deploy/hybrid-cloud-kerberos-trust.md". */
  guide: string;
  anchor: string;
  /** Public URL of the section on learn.microsoft.com. */
  href: string;
}

export interface GroupPolicyMapping {
  /** ADMX policy name (MSFT:GpMapping GpEnglishName, or AdmxBacked Name). */
  name: string;
  /** English display name as the guides and the Group Policy editor show it, where known. */
  displayName?: string;
  /** GP area path (GpAreaPath / AdmxBacked Area). */
  area?: string;
  admxFile?: string;
  /** "computer" or "user" configuration. */
  scope?: 'computer' | 'user';
  /** Group Policy editor path below Computer/User Configuration, where known ("Administrative Templates > System > Kerberos"). */
  location?: string;
}

/**
 * One Group Policy setting as the Group Policy editor shows it, with every name an administrator
 * may write for it and the MDM nodes it configures (none for a Group-Policy-only setting such as
 * "Certificate Services Client - Auto-Enrollment").
 */
export interface GroupPolicyInfo {
  /** The display name the Group Policy editor shows ("Use cloud trust for on-premises authentication"). */
  name: string;
  /** Other names that mean it: the guides' names, the ADMX policy name, the DDF's GpEnglishName. */
  aliases: string[];
  /** Editor path below Computer/User Configuration ("Administrative Templates > Windows Components > Windows Hello for Business"). */
  location: string;
  /** Computer Configuration, User Configuration, or both. */
  scopes: ('computer' | 'user')[];
  /** The ADMX template and policy name, for an Administrative Templates setting. */
  admx?: { file: string; name: string };
  /** Catalog paths of the MDM nodes it configures, the setting itself first, then its options. */
  nodes: string[];
  /** Where the name comes from: "Passport.admx", or the guide section that names it. */
  source: string;
}

export interface CatalogNode {
  /** Canonical OMA-URI with the literal {TenantId} dynamic segment where the CSP has one. */
  path: string;
  scope: Scope;
  /** CSP name: "PassportForWork", "Policy", "ClientCertificateInstall", "RemoteLock". */
  csp: string;
  /** Policy CSP area ("Kerberos", "DeviceLock"); absent outside the Policy CSP. */
  area?: string;
  /** Leaf node name ("UsePassportForWork"). */
  name: string;
  /** DFTitle when the DDF gives one. */
  title?: string;
  format: DdfFormat;
  /** True for interior nodes (format "node"): they take no value. */
  interior: boolean;
  accessTypes: string[];
  allowed?: AllowedValues;
  /** Present when the value is a list of items, each checked against `allowed`. */
  list?: ListFormat;
  /** The DDF DefaultValue. */
  defaultValue?: string;
  /** Every source's default, DDF first; more than one entry when sources disagree. */
  defaults: SourcedValue[];
  /** Minimum Windows builds, one per servicing branch, as MSFT:OsBuildVersion lists them (insider 99.9.99999 removed). */
  minBuilds: string[];
  /** True when the DDF lists the insider build 99.9.99999 among the applicable builds. */
  insider?: boolean;
  cspVersion?: string;
  deprecated?: {
    /** Canonical path of the node that replaces it, when there is one. */
    successor?: string;
    message: string;
  };
  /** Intune Settings Catalog settingDefinitionId, e.g. device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork. */
  settingsCatalogId: string;
  /** CSP reference page section on learn.microsoft.com (here, not with the texts: diagnostics link it). */
  referenceUrl: string;
  /**
   * Set when the WHfB guides cite the node (its texts' guideRefs are not empty). Kept with the
   * structure, written by the generator's split, so deciding whether an export is a WHfB policy
   * reads no texts; a node that carries its texts answers from its guideRefs (`citedByGuides`).
   */
  guided?: true;
}

/**
 * What a node says to a reader (hover, completion, links, quick fixes), kept apart from what the
 * rules judge by: the first diagnostics of a server need none of it, so the generated catalog
 * writes these in a file of their own (data/generated/catalog-texts.json), read on first use
 * through `nodeTexts()` (catalog/catalog.ts).
 */
export interface CatalogNodeTexts {
  groupPolicy?: GroupPolicyMapping;
  /** The DDF description, as Markdown. */
  descriptionMarkdown: string;
  /**
   * What the guide's section for the setting says happens when it is not configured, with the
   * DDF description's sentence on the same when there is one, and whether the two contradict
   * each other (the guide's "Windows allows, but doesn't require, digits" against the DDF's
   * "requires users to use digits").
   */
  notConfigured?: { guide: string; guideRef: string; ddf?: string; sourcesDisagree: boolean };
  /** Guide sections that mention this node or its Group Policy equivalent. */
  guideRefs: GuideRef[];
}

/** A node with its texts in one object: as the generator builds it, and as a test may write one. */
export type DocumentedCatalogNode = CatalogNode & CatalogNodeTexts;

/** data/generated/catalog.json: what the rules need, loaded with the service. */
export interface Catalog {
  /** Bumped when the shape changes. */
  schemaVersion: 1;
  nodes: CatalogNode[];
  /** Group Policy settings the guides and the templates name (absent in catalogs built for tests). */
  groupPolicies?: GroupPolicyInfo[];
}

/** data/generated/catalog-texts.json: the nodes' texts, one entry per node of catalog.json, in its order. */
export interface CatalogTexts {
  /** Source files the catalog was built from, with their sha256, so staleness is detectable. */
  sources: { file: string; sha256: string }[];
  texts: CatalogNodeTexts[];
}

/** The catalog as the generator builds it: every node with its texts (scripts/catalog/generateCatalog.ts). */
export interface DocumentedCatalog extends Omit<Catalog, 'nodes'>, Pick<CatalogTexts, 'sources'> {
  nodes: DocumentedCatalogNode[];
}
