/**
 * What "WHfB: Open reference" looks at under the cursor: an OMA-URI, a Settings Catalog
 * settingDefinitionId, or a Group Policy name in a policy file's `groupPolicy` list.
 */

export type LineReference =
  | { kind: 'omaUri'; text: string }
  | { kind: 'settingDefinitionId'; text: string }
  | { kind: 'groupPolicy'; text: string };

const OMA_URI = /\.\/(?:Device|User|Vendor)\/[^\s"'<>,;)\]]*/gi;
const SETTING_ID = /\b(?:device|user)_vendor_msft_[a-z0-9_{}.-]+/gi;

function tokenAt(line: string, character: number, pattern: RegExp): string | undefined {
  let fallback: string | undefined;
  for (const match of line.matchAll(pattern)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (character >= start && character <= end) return match[0];
    fallback ??= match[0];
  }
  // Off any token, the line's first reference answers (the cursor on the `omaUri:` key, say).
  return fallback;
}

export function referenceAt(line: string, character: number): LineReference | undefined {
  const omaUri = tokenAt(line, character, OMA_URI);
  if (omaUri) return { kind: 'omaUri', text: omaUri.replace(/[.]+$/, '') };
  const settingId = tokenAt(line, character, SETTING_ID);
  if (settingId) return { kind: 'settingDefinitionId', text: settingId };
  const policy = /^\s*(?:-\s+)?policy:\s*(['"]?)(.+?)\1\s*(#.*)?$/.exec(line);
  if (policy?.[2]) return { kind: 'groupPolicy', text: policy[2] };
  return undefined;
}

/**
 * Settings Catalog choice values are `<settingDefinitionId>_<option>`: the id is found by
 * dropping trailing `_segments` until one resolves.
 */
export function settingIdCandidates(id: string): string[] {
  const parts = id.split('_');
  const candidates: string[] = [];
  for (let n = parts.length; n >= 4; n--) candidates.push(parts.slice(0, n).join('_'));
  return candidates;
}

/** Links in hover Markdown, for the fallback when the line names nothing the catalog knows. */
export function linksInMarkdown(markdown: string): { title: string; href: string }[] {
  const links: { title: string; href: string }[] = [];
  for (const match of markdown.matchAll(/\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g)) {
    if (!links.some((link) => link.href === match[2])) links.push({ title: match[1]!, href: match[2]! });
  }
  return links;
}
