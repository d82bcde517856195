/**
 * Facts the policy settings reference states about PassportForWork nodes that the DDF does not:
 * the Group Policy display name of each setting and the default it documents.
 * Read from the sections of hello-for-business/policy-settings.md (one include per setting),
 * each of which links its CSP node(s) by reference anchor and names its GPO location.
 */
import type { Guide } from '../guides/markdown';

export interface PolicySettingFact {
  /** The setting's heading, which is the Group Policy display name ("Minimum PIN length"). */
  displayName: string;
  /** "policy-settings#minimum-pin-length" */
  sourceRef: string;
  href: string;
  /** CSP reference anchors the section links, in order; the first per scope is the setting itself, later ones its options. */
  cspAnchors: { anchor: string; linkText: string }[];
  /** Human GPO path after "Administrative Templates", e.g. "Windows Components > Windows Hello for Business". */
  gpoArea?: string;
  gpoScopes: ('computer' | 'user')[];
  /** Default value the text states, when it states one in a way that can be read reliably. */
  documentedDefault?: { value: string; sentence: string; kind: 'number' | 'enabled' | 'disabled' };
  /** The sentence that says what Windows does when the setting is not configured ("If you don't configure ..."). */
  notConfigured?: string;
}

const CSP_LINK = /\[([^\]]+)\]\(\/windows\/client-management\/mdm\/passportforwork-csp#([a-z0-9]+)\)/g;

export function policySettingFacts(policySettings: Guide): PolicySettingFact[] {
  const pageName = policySettings.path.replace(/^.*\//, '').replace(/\.md$/, '');
  const facts: PolicySettingFact[] = [];
  for (const section of policySettings.sections) {
    const cspRow = /^\|\s*\*\*CSP\*\*\s*\|(.*)$/m.exec(section.text);
    if (!cspRow || section.level < 2) continue;
    const cspAnchors = [...cspRow[1].matchAll(CSP_LINK)].map((m) => ({ linkText: m[1], anchor: m[2] }));
    if (cspAnchors.length === 0) continue;
    const gpoRow = /^\|\s*\*\*GPO\*\*\s*\|(.*)$/m.exec(section.text)?.[1] ?? '';
    const gpoScopes: ('computer' | 'user')[] = [];
    if (/Computer Configuration/.test(gpoRow)) gpoScopes.push('computer');
    if (/User Configuration/.test(gpoRow)) gpoScopes.push('user');
    const firstPath = gpoRow.split(/<br\s*\/?>/)[0];
    const areaMatch = /Administrative Templates\*\*\s*>\s*(.*?)\s*\|?\s*$/.exec(firstPath);
    const gpoArea = areaMatch ? areaMatch[1].replace(/\*\*/g, '').replace(/\s*>\s*/g, ' > ').trim() : undefined;
    facts.push({
      displayName: section.heading,
      sourceRef: `${pageName}#${section.anchor}`,
      href: section.href,
      cspAnchors,
      gpoArea,
      gpoScopes,
      documentedDefault: documentedDefault(section.text),
      notConfigured: notConfiguredSentence(section.text),
    });
  }
  return facts;
}

/**
 * The sentences the reference uses for defaults: "The default value is 0.", "If you disable or don't
 * configure this policy setting, the PIN length must be greater than or equal to 6.", and for on/off
 * settings "If you enable or don't configure ..." (on by default) / "If you disable or don't configure ..." (off).
 */
function documentedDefault(text: string): PolicySettingFact['documentedDefault'] {
  const plain = text.replace(/\s+/g, ' ');
  const stated = /The default value is (\d+)\./.exec(plain);
  if (stated) return { value: stated[1], sentence: stated[0], kind: 'number' };
  const notConfigured = /If you (?:disable or )?(?:don't|do not|not) configure this (?:policy )?setting[^.]*?(?:greater|less) than or equal to (\d+)\./.exec(plain);
  if (notConfigured) return { value: notConfigured[1], sentence: notConfigured[0], kind: 'number' };
  const enabledByDefault = /If you enable or (?:don't|do not|not) configure this (?:policy )?setting[^.\n-]*/.exec(plain);
  if (enabledByDefault) return { value: 'true', sentence: enabledByDefault[0].trim(), kind: 'enabled' };
  const disabledByDefault = /If you disable or (?:don't|do not|not) configure this (?:policy )?setting[^.\n-]*/.exec(plain);
  if (disabledByDefault) return { value: 'false', sentence: disabledByDefault[0].trim(), kind: 'disabled' };
  return undefined;
}

/**
 * The sentence a text (a guide include or a DDF description) uses to say what happens when the
 * setting is not configured: "If you don't configure this policy setting, Windows allows, but
 * doesn't require, digits in the PIN", "If you disable or do not configure ...", "If you enable
 * or don't configure ...". Ends at the sentence's full stop (not at the dot of "1.2") or line end.
 */
export function notConfiguredSentence(text: string): string | undefined {
  const match = /If you (?:(?:enable|disable) or )?(?:don't|do not|not) configure this (?:policy )?setting\b[^\n]*?(?=\.(?:\s|$)|\n|$)/i.exec(text);
  return match ? `${match[0].trim()}.` : undefined;
}

type Claim = 'require' | 'allow';

/**
 * What a not-configured sentence claims Windows requires or allows, and any numbers it names:
 * "Windows allows, but doesn't require, digits" -> allow: yes, require: no. A claim stated both
 * ways in one sentence is dropped as unreadable.
 */
function claimsOf(sentence: string): { claims: Map<Claim, boolean>; numbers: string[] } {
  const seen = new Map<Claim, Set<boolean>>();
  const add = (claim: Claim, value: boolean) => seen.set(claim, (seen.get(claim) ?? new Set()).add(value));
  for (const match of sentence.matchAll(/\b(?:(doesn't|does not|don't|do not|not|never)\s+)?(requires?|allows?|prevents?|blocks?)\b/gi)) {
    const negated = match[1] !== undefined;
    const verb = match[2].toLowerCase();
    if (verb.startsWith('require')) add('require', !negated);
    else if (verb.startsWith('allow')) add('allow', !negated);
    else add('allow', negated); // prevents / blocks: does not allow
  }
  const claims = new Map<Claim, boolean>();
  for (const [claim, values] of seen) if (values.size === 1) claims.set(claim, [...values][0]);
  const afterComma = sentence.replace(/^[^,]*,/, '');
  return { claims, numbers: [...afterComma.matchAll(/\b\d+\b/g)].map((m) => m[0]).sort() };
}

/**
 * Whether two not-configured sentences contradict each other: one says Windows requires (or
 * allows) what the other says it does not, or they name different numbers ("greater than or equal
 * to 4" and "... to 6"). Different wording of the same behaviour ("will use" / "uses", "Windows
 * Hello for Business" / "Windows") is not a disagreement.
 */
export function notConfiguredDisagree(a: string, b: string): boolean {
  const first = claimsOf(a);
  const second = claimsOf(b);
  for (const [claim, value] of first.claims) {
    const other = second.claims.get(claim);
    if (other !== undefined && other !== value) return true;
  }
  return first.numbers.length > 0 && second.numbers.length > 0 && first.numbers.join() !== second.numbers.join();
}
