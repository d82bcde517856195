/**
 * Reads a CSP DDF v2 file into a flat list of nodes with their full OMA-URI paths.
 * The only place that knows the DDF's XML element names; generateCatalog turns these into catalog nodes.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import type { Scope } from '../../server/src/catalog/types';

/** DFProperties as fast-xml-parser gives them (element name -> text or child object). */
export type DdfProperties = Record<string, unknown>;

export interface DdfNode {
  /** Full OMA-URI of the node, dynamic segments written `{DFTitle}`. */
  path: string;
  /** The path segment: NodeName, or `{DFTitle}` for a dynamic node. */
  segment: string;
  dynamic: boolean;
  scope: Scope;
  /** The root node's name (the CSP, or the Policy CSP area for area DDFs). */
  rootName: string;
  /** The <Path> of the root node ("./Device/Vendor/MSFT" or "./Device/Vendor/MSFT/Policy/Config"). */
  rootPath: string;
  properties: DdfProperties;
  /** Applicability inherited from the nearest ancestor that states it. */
  osBuildVersion?: string;
  cspVersion?: string;
  parentPath?: string;
}

interface RawNode {
  NodeName?: string;
  Path?: string;
  DFProperties?: DdfProperties;
  Node?: RawNode[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '@',
  // Entities stay as written; decodeXmlText handles the five predefined ones. No DTD is ever read.
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name: string) => name === 'Node' || name === 'MSFT:Enum',
});

/** The DDF DOCTYPE points at an external DTD and carries a processing instruction; drop it unread. */
function stripDoctype(xml: string): string {
  return xml.replace(/^\uFEFF/, '').replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/, '');
}

export function decodeXmlText(text: string): string {
  return text
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Text of a child element, or undefined when absent. */
export function textOf(properties: DdfProperties | undefined, key: string): string | undefined {
  const value = properties?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return decodeXmlText(value);
  if (typeof value === 'object' && '#text' in (value as object)) return decodeXmlText(String((value as Record<string, unknown>)['#text']));
  return undefined;
}

/** Names of the empty marker children (`<AccessType><Get/><Add/></AccessType>` -> ["Get", "Add"]). */
export function markersOf(properties: DdfProperties | undefined, key: string): string[] {
  const value = properties?.[key];
  if (!value || typeof value !== 'object') return [];
  return Object.keys(value).filter((name) => name !== '@' && name !== '#text');
}

export function objectOf(properties: DdfProperties | undefined, key: string): Record<string, unknown> | undefined {
  const value = properties?.[key];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

export function attributesOf(element: unknown): Record<string, string> {
  if (!element || typeof element !== 'object') return {};
  const attributes = (element as Record<string, unknown>)['@'];
  if (!attributes || typeof attributes !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) out[name] = decodeXmlText(String(value));
  return out;
}

function segmentOf(raw: RawNode): { segment: string; dynamic: boolean } {
  const name = (raw.NodeName ?? '').trim();
  if (name) return { segment: name, dynamic: false };
  const title = textOf(raw.DFProperties, 'DFTitle')?.trim();
  return { segment: `{${title || 'Name'}}`, dynamic: true };
}

export function readDdf(file: string): DdfNode[] {
  const document = parser.parse(stripDoctype(readFileSync(file, 'utf8'))) as { MgmtTree?: { Node?: RawNode[] } };
  const out: DdfNode[] = [];
  for (const root of document.MgmtTree?.Node ?? []) {
    const rootPath = (root.Path ?? '').trim().replace(/\/+$/, '');
    const scope: Scope = /^\.\/User\//i.test(rootPath) ? 'user' : 'device';
    const rootName = (root.NodeName ?? '').trim();
    const visit = (raw: RawNode, parentPath: string, inherited: { os?: string; csp?: string }, isRoot: boolean): void => {
      const { segment, dynamic } = segmentOf(raw);
      const path = `${parentPath}/${segment}`;
      const applicability = objectOf(raw.DFProperties, 'MSFT:Applicability');
      const os = textOf(applicability, 'MSFT:OsBuildVersion') ?? inherited.os;
      const csp = textOf(applicability, 'MSFT:CspVersion') ?? inherited.csp;
      out.push({
        path,
        segment,
        dynamic,
        scope,
        rootName,
        rootPath,
        properties: raw.DFProperties ?? {},
        osBuildVersion: os,
        cspVersion: csp,
        parentPath: isRoot ? undefined : parentPath,
      });
      for (const child of raw.Node ?? []) visit(child, path, { os, csp }, false);
    };
    visit(root, rootPath, {}, true);
  }
  return out;
}
