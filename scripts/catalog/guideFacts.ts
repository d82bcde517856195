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
