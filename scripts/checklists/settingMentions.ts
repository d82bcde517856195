/**
 * Finds the CSP settings a piece of guide text talks about, by the three names the guides use:
 * OMA-URIs, node names (also spelled with spaces, as the Settings Catalog shows them:
 * "Use Cloud Trust For On Prem Auth"), and Group Policy display names.
 */
import type { DocumentedCatalog as Catalog, DocumentedCatalogNode as CatalogNode } from '../../server/src/catalog/types';

export interface SettingMentions {
  /** Canonical catalog paths, in order of first mention. */
  settings: string[];
  /** Group Policy display names, in order of first mention. */
  groupPolicies: string[];
}

const OMA_URI = /\.\/(?:Device|User|Vendor)\/[A-Za-z0-9_{}\-./]+/g;
const GUID = /^[{]?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[}]?$/i;

export class CatalogMatcher {
  private readonly byPath = new Map<string, CatalogNode>();
  private readonly names: { pattern: RegExp; nodes: CatalogNode[] }[] = [];
  private readonly policies: { pattern: RegExp; name: string; nodes: CatalogNode[] }[] = [];

  constructor(readonly catalog: Catalog) {
    const byName = new Map<string, CatalogNode[]>();
    const byPolicy = new Map<string, CatalogNode[]>();
    for (const node of catalog.nodes) {
      this.byPath.set(node.path.toLowerCase(), node);
      if (node.interior) continue;
      byName.set(node.name, [...(byName.get(node.name) ?? []), node]);
      const policy = node.groupPolicy?.displayName;
      if (policy) byPolicy.set(policy, [...(byPolicy.get(policy) ?? []), node]);
    }
    for (const [name, nodes] of byName) {
      const words = camelWords(name);
      // One-word names ("Status", "Enroll") are ordinary words; two-word ones ("TemplateName") too once spaced out:
      // those count only as written.
      if (words.length < 2) continue;
      const spaced = words.length >= 3 && name.length >= 10;
      const pattern = spaced ? new RegExp(`\\b${words.map(escapeRegExp).join('\\s*')}\\b`, 'i') : new RegExp(`\\b${escapeRegExp(name)}\\b`);
      this.names.push({ pattern, nodes: preferDevice(nodes) });
    }
    for (const [name, nodes] of byPolicy) {
      // Group Policy names are matched as the editor spells them (case included): "to use Windows Hello for
      // Business" in prose is not the policy "Use Windows Hello for Business"; one-word names are prose too.
      if (!/\s/.test(name.trim())) continue;
      this.policies.push({ pattern: new RegExp(`(?<![\\w-])${escapeRegExp(name).replace(/\s+/g, '\\s+')}(?![\\w-])`), name, nodes: preferDevice(nodes) });
    }
    // Longer names first, so "Use Windows Hello for Business certificates as smart card certificates" wins over its prefix.
    this.policies.sort((a, b) => b.name.length - a.name.length || a.name.localeCompare(b.name));
  }

  /** The node an OMA-URI names, in any root spelling and with {TenantId} or a tenant GUID. */
  resolveOmaUri(omaUri: string): CatalogNode | undefined {
    const segments = omaUri.replace(/[.,;:)]+$/, '').split('/');
    if (segments[1] === 'Vendor') segments.splice(1, 0, 'Device');
    const canonical = segments.map((s, i) => (i > 0 && (GUID.test(s) || /^\{?tenantid\}?$/i.test(s)) ? '{TenantId}' : s)).join('/');
    return this.byPath.get(canonical.toLowerCase());
  }

  /** Group Policy names the catalog knows whose words are all in `text` (guides sometimes add a word). */
  policyByName(text: string): { name: string; nodes: CatalogNode[] } | undefined {
    const exact = this.policies.find((p) => p.name.toLowerCase() === text.trim().toLowerCase());
    if (exact) return exact;
    const words = new Set(wordsOf(text));
    const loose = this.policies.filter((p) => {
      const own = wordsOf(p.name);
      return own.every((w) => words.has(w)) && words.size - new Set(own).size <= 1;
    });
    return loose.length === 1 ? loose[0] : undefined;
  }

  /** The nodes a Settings Catalog "Setting name" ("Use Passport For Work") stands for. */
  nodesBySpacedName(text: string): CatalogNode[] {
    const wanted = text.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
    return preferDevice(this.catalog.nodes.filter((n) => !n.interior && n.name.toLowerCase() === wanted));
  }

  mentions(text: string): SettingMentions {
    const found: { at: number; path: string; policy?: string }[] = [];
    for (const match of text.matchAll(OMA_URI)) {
      const node = this.resolveOmaUri(match[0]);
      if (node) found.push({ at: match.index ?? 0, path: node.path });
    }
    for (const { pattern, nodes } of this.names) {
      const at = text.search(pattern);
      if (at >= 0) for (const node of nodes) found.push({ at, path: node.path });
    }
    let remaining = text;
    for (const { pattern, name, nodes } of this.policies) {
      const at = remaining.search(pattern);
      if (at < 0) continue;
      // Blank the match out so a shorter name that is its prefix does not match again.
      remaining = remaining.replace(new RegExp(pattern.source, 'g'), (m) => ' '.repeat(m.length));
      for (const node of nodes) found.push({ at, path: node.path, policy: name });
    }
    found.sort((a, b) => a.at - b.at);
    return {
      settings: unique(found.map((f) => f.path)),
      groupPolicies: unique(found.flatMap((f) => (f.policy ? [f.policy] : []))),
    };
  }
}

/** Device-scope nodes when a name exists in both scopes: the guides configure devices. */
function preferDevice(nodes: CatalogNode[]): CatalogNode[] {
  const device = nodes.filter((n) => n.scope === 'device');
  return (device.length > 0 ? device : nodes).slice().sort((a, b) => a.path.localeCompare(b.path));
}

function camelWords(name: string): string[] {
  return name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? [name];
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
