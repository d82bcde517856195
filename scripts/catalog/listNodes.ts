/**
 * Which nodes hold a list of values, and how the items are separated. A list node's MSFT:AllowedValues
 * pattern describes one item (DeviceUnlock/GroupA: "a list of providers by GUID", checked against the
 * single-GUID pattern), so validation must split the value first.
 *
 * Sources, first that speaks wins:
 *  1. the DDF's `<MSFT:List Delimiter="..."/>` (Kerberos/UPNNameHints, Authentication/ConfigureWebSignInAllowedUrls);
 *  2. the DDF description naming the separator ("semicolon separated values", "separated by plus");
 *  3. for a node the DDF calls "a list" without naming a separator, the guide section that documents
 *     the node or its parent ("Configure a comma separated list of credential provider GUIDs").
 */
import type { DocumentedCatalogNode as CatalogNode, ListFormat } from '../../server/src/catalog/types';
import { attributesOf, type DdfNode, objectOf, textOf } from './ddfReader';
import type { ReferenceGuides } from './guideRefs';

const SEPARATOR_WORDS: Record<string, string> = { comma: ',', semicolon: ';', plus: '+' };
const NAMED_SEPARATOR = /\b(comma|semicolon|plus)[- ]separated\b|\bseparated by (?:a |the )?(comma|semicolon|plus)\b|\bseparated by [“"](\+|,|;)[”"]/i;
const CALLS_ITSELF_A_LIST = /\b(?:a|the) list of\b|\blist of (?:providers|values|domains|urls|oids)\b/i;
const GUIDE_LIST_SENTENCE = /[^.\n]*\b(comma|semicolon)[- ]separated list of [^.]*\./i;

/** `0xF000` -> U+F000; a plain character stays itself. */
function delimiterOf(raw: string): string {
  const hex = /^0x([0-9a-f]+)$/i.exec(raw.trim());
  return hex ? String.fromCodePoint(parseInt(hex[1]!, 16)) : raw;
}

/** The list format the DDF itself states, or `pending` when the DDF calls the node a list but names no separator. */
export function ddfListOf(ddf: DdfNode, sourceFile: string): ListFormat | 'pending' | undefined {
  // The DDF writes <MSFT:List> inside <MSFT:AllowedValues> (and older files beside it).
  const list = attributesOf(objectOf(ddf.properties, 'MSFT:AllowedValues')?.['MSFT:List'] ?? ddf.properties['MSFT:List']);
  if (list.Delimiter) return { delimiter: delimiterOf(list.Delimiter), source: `${sourceFile}: <MSFT:List Delimiter="${list.Delimiter}"/>` };
  const description = (textOf(ddf.properties, 'Description') ?? '').replace(/\s+/g, ' ');
  const named = NAMED_SEPARATOR.exec(description);
  if (named && /\blist\b/i.test(description)) {
    const word = (named[1] ?? named[2])?.toLowerCase();
    const delimiter = word ? SEPARATOR_WORDS[word]! : named[3]!;
    return { delimiter, source: `${sourceFile}: "${sentenceAround(description, named.index)}"` };
  }
  return CALLS_ITSELF_A_LIST.test(description) ? 'pending' : undefined;
}

/**
 * For a node the DDF calls a list without a separator: the separator the guide section about the
 * node (or its parent: the device unlock section documents DeviceUnlock, not GroupA) states.
 */
export function guideListOf(node: CatalogNode, parent: CatalogNode | undefined, guides: ReferenceGuides): ListFormat | undefined {
  const anchors = [node, parent].filter((n): n is CatalogNode => !!n && n.referenceUrl.includes('#')).map((n) => n.referenceUrl.replace(/^.*\/mdm\//, ''));
  for (const section of guides.sections) {
    if (!anchors.some((anchor) => section.anchors.has(anchor))) continue;
    const sentence = GUIDE_LIST_SENTENCE.exec(section.text);
    if (!sentence) continue;
    return {
      delimiter: SEPARATOR_WORDS[sentence[1]!.toLowerCase()]!,
      source: `${section.guide}#${section.anchor}: "${sentence[0].trim()}"`,
    };
  }
  return undefined;
}

function sentenceAround(text: string, at: number): string {
  const start = text.lastIndexOf('.', at) + 1;
  const end = text.indexOf('.', at);
  return text.slice(start, end < 0 ? undefined : end + 1).trim();
}
