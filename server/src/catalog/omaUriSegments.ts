/**
 * Splits an OMA-URI as an administrator writes it into segments with their offsets, and normalizes
 * its root: `./Device/...`, `./User/...`, or the legacy `./Vendor/MSFT/...` (device scope).
 */
import type { Scope } from './types';

export interface UriSegment {
  text: string;
  /** Offsets within the original OMA-URI string. */
  start: number;
  end: number;
}

export interface SplitOmaUri {
  /** Segments after the root ("Vendor", "MSFT", "PassportForWork", ...), legacy root already given its device scope. */
  segments: UriSegment[];
  scope?: Scope;
  /** The scope segment as written ("Device", "device"), absent for the legacy root. */
  scopeSegment?: UriSegment;
  legacyRoot: boolean;
  /** True when the text did not start with a recognisable root. */
  unrooted: boolean;
}

/** More segments than any OMA-URI has (the deepest DDF path has about a dozen). */
export const MAX_SPLIT_SEGMENTS = 64;

/**
 * Accepts "./Device/X", "/Device/X", "Device/X" and the same for User and Vendor; a trailing slash is ignored.
 * Empty segments ("a//b") are kept so that they can never match a node.
 */
export function splitOmaUri(omaUri: string): SplitOmaUri {
  const raw: UriSegment[] = [];
  let start = 0;
  for (let i = omaUri.indexOf('/'); i !== -1; i = omaUri.indexOf('/', start)) {
    // No catalog path comes near this depth: the rest stays one segment (it holds a "/", so it
    // names no node). Splitting a megabyte `a/a/a/...` into a million segments, on every lookup,
    // took seconds and gigabytes (issue 15, defect 5).
    if (raw.length === MAX_SPLIT_SEGMENTS - 1) break;
    raw.push({ text: omaUri.slice(start, i), start, end: i });
    start = i + 1;
  }
  raw.push({ text: omaUri.slice(start), start, end: omaUri.length });
  // Leading whitespace and "." / "" root markers.
  while (raw.length > 0 && raw[0].text.trim() === '' && raw.length > 1) raw.shift();
  if (raw.length > 0 && raw[0].text.trim() === '.') raw.shift();
  // Trailing slash (and trailing whitespace after it).
  while (raw.length > 0 && raw[raw.length - 1].text.trim() === '') raw.pop();
  if (raw.length > 0) {
    const first = raw[0];
    const leading = first.text.length - first.text.trimStart().length;
    raw[0] = { text: first.text.trimStart(), start: first.start + leading, end: first.end };
    const last = raw[raw.length - 1];
    const trimmed = last.text.trimEnd();
    raw[raw.length - 1] = { text: trimmed, start: last.start, end: last.start + trimmed.length };
  }
  const head = raw[0]?.text.toLowerCase();
  if (head === 'device' || head === 'user') {
    return { segments: raw.slice(1), scope: head, scopeSegment: raw[0], legacyRoot: false, unrooted: false };
  }
  if (head === 'vendor') return { segments: raw, scope: 'device', legacyRoot: true, unrooted: false };
  return { segments: raw, legacyRoot: false, unrooted: true };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}

/**
 * `{TenantId}` in any letter case is the placeholder, and so is `{0}`, which Graph's Settings
 * Catalog definitions (baseUri/offsetUri) use for the tenant id; a bare GUID is a tenant id;
 * anything else, a GUID in braces included (the DDF asks for none), is invalid.
 */
export function tenantKindOf(text: string): 'placeholder' | 'guid' | 'invalid' {
  if (text.toLowerCase() === '{tenantid}' || text === '{0}') return 'placeholder';
  return isGuid(text) ? 'guid' : 'invalid';
}

/** A dynamic catalog segment: `{TenantId}`, `{UniqueID}`. */
export function isDynamicSegment(segment: string): boolean {
  return segment.length > 2 && segment.startsWith('{') && segment.endsWith('}');
}
