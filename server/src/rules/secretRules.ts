/**
 * Secrets in values: "****" is what Graph exports for an encrypted value, so the real value is lost
 * (WHFB180); a string that looks like a password, key or token should not live in a repository (WHFB181).
 */
import * as l10n from '@vscode/l10n';
import { finding } from '../model/findings';
import type { Finding, PolicySetting } from '../model/types';
import type { Rule } from './rule';

const redactedValue: Rule = {
  code: 'WHFB180',
  check(model) {
    const findings: Finding[] = [];
    // By index, not for...of (as the other loops over model.settings here): on a cold open this runs for
    // every one of 10,000 settings before V8 optimizes it, and each for...of step allocates an iterator result.
    for (let at = 0; at < model.settings.length; at++) {
      const setting = model.settings[at];
      const value = setting.value;
      if (!value || typeof value.value !== 'string' || value.value.trim() !== '****') continue;
      findings.push(finding('WHFB180', value.range,
        l10n.t('The value is "****": Graph exported an encrypted value without its secret, so importing this policy would set "****". Put the real value back (from a secret store) before deploying.')));
    }
    return findings;
  },
};

/**
 * Names that mean a secret. Not "credential": DefaultCredentialProvider and the CredentialProviders
 * area name a sign-in method, and their values are GUIDs and choice ids.
 */
const SECRET_NAME = /pass(word|wd|phrase)|secret|token|api[-_]?key|private[-_]?key|preshared|psk/i;

/** Bits of entropy per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const GUID_OR_HEX_LIST = /^[{}[\]0-9a-f,;+\s-]+$/i;
const NUMBER_OR_FLAG = /^(?:[-+]?\d+(?:\.\d+)?|true|false|enabled|disabled)$/i;
const PATH_OR_URI = /^(?:\.{0,2}[\\/]|[a-z][a-z0-9+.-]*:|[a-z]:\\|%[a-z_]+%|~[\\/])/i;
const MARKUP = /^</;
const PLACEHOLDER = /^\$\{.*\}$|^\$\(.*\)$|^\{\{.*\}\}$|^<.*>$|^%.*%$|^#\{.*\}#?$/;
/** Dotted names and mail addresses: domains, UPN suffixes, OIDs. */
const NAME_LIKE = /^[\w-]+(?:\.[\w-]+)+$|^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;

/**
 * A value whose shape rules out a secret: a GUID or GUID list, a number or flag, a path or URI,
 * XML, a placeholder for a pipeline variable, a domain or mail address, or prose.
 */
function cannotBeSecret(text: string): boolean {
  return GUID_OR_HEX_LIST.test(text) || NUMBER_OR_FLAG.test(text) || PATH_OR_URI.test(text) ||
    MARKUP.test(text) || PLACEHOLDER.test(text) || NAME_LIKE.test(text) || /\s/.test(text);
}

function looksRandom(value: string): boolean {
  if (value.length < 24) return false;
  return entropy(value) >= 4.2 && /[a-z]/.test(value) && /[A-Z0-9]/.test(value);
}

/**
 * Does the setting's OMA-URI, id or name name a secret? Each is tested on its own rather than
 * joined into one label per setting on every keystroke; no pattern can match across the join's space.
 */
function namesSecret(setting: PolicySetting): boolean {
  return testLabel(setting.omaUri?.value) || testLabel(setting.settingDefinitionId?.value) || testLabel(setting.name?.value);
}

function testLabel(label: string | undefined): boolean {
  return !!label && SECRET_NAME.test(label);
}

/** The node says what the value is: a choice, a flag, a number, a pattern it fits. Then it is no secret. */
function nodeRulesOutSecret(setting: PolicySetting): boolean {
  const node = setting.node;
  if (!node) return false;
  if (node.format === 'bool' || node.format === 'int' || node.format === 'xml') return true;
  const allowed = node.allowed;
  return allowed?.kind === 'enum' || allowed?.kind === 'admx' || allowed?.kind === 'range' || allowed?.kind === 'regex';
}

/** A Settings Catalog choice carries an option id (`<settingDefinitionId>_<option>`), never free text. */
function isChoice(setting: PolicySetting): boolean {
  return !!setting.settingDefinitionId && !setting.type;
}

const plainTextSecret: Rule = {
  code: 'WHFB181',
  check(model) {
    const findings: Finding[] = [];
    for (let at = 0; at < model.settings.length; at++) {
      const setting = model.settings[at];
      const value = setting.value;
      if (!value || typeof value.value !== 'string') continue;
      const text = value.value.trim();
      if (!text || text === '****' || text.length < 8) continue;
      if (isChoice(setting) || nodeRulesOutSecret(setting) || cannotBeSecret(text)) continue;
      const named = namesSecret(setting);
      if (!named && !looksRandom(text)) continue;
      findings.push(finding('WHFB181', value.range,
        named
          ? l10n.t('This value looks like a plain-text secret (the setting names a password, key or token, and the value is a single opaque string): keep it out of the repository and inject it at deployment time.')
          : l10n.t('This value looks like a random secret (a long high-entropy string): keep it out of the repository and inject it at deployment time.')));
    }
    return findings;
  },
};

export const secretRules: readonly Rule[] = [redactedValue, plainTextSecret];
