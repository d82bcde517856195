/**
 * Secrets in values: "****" is what Graph exports for an encrypted value, so the real value is lost
 * (WHFB180); a string that looks like a password, key or token should not live in a repository (WHFB181).
 */
import { finding } from '../model/findings';
import type { Finding, PolicySetting } from '../model/types';
import type { Rule } from './rule';

const redactedValue: Rule = {
  code: 'WHFB180',
  check(model) {
    const findings: Finding[] = [];
    for (const setting of model.settings) {
      const value = setting.value;
      if (!value || typeof value.value !== 'string' || value.value.trim() !== '****') continue;
      findings.push(finding('WHFB180', value.range,
        'The value is "****": Graph exported an encrypted value without its secret, so importing this policy would set "****". Put the real value back (from a secret store) before deploying.'));
    }
    return findings;
  },
};

const SECRET_NAME = /pass(word|wd|phrase)|secret|token|api[-_]?key|private[-_]?key|preshared|psk|credential/i;

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

function looksRandom(value: string): boolean {
  if (value.length < 24 || /\s/.test(value)) return false;
  if (/^[{}\[\]0-9a-f,;-]+$/i.test(value)) return false; // GUID lists, hex ids
  if (/^(\.?\/|https?:|[a-z]:\\)/i.test(value) || value.startsWith('<')) return false; // paths, URLs, XML
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

const plainTextSecret: Rule = {
  code: 'WHFB181',
  check(model) {
    const findings: Finding[] = [];
    for (const setting of model.settings) {
      const value = setting.value;
      if (!value || typeof value.value !== 'string') continue;
      const text = value.value.trim();
      if (!text || text === '****' || /^\$\{.*\}$|^<.*>$/.test(text)) continue;
      const named = namesSecret(setting);
      if (!named && !looksRandom(text)) continue;
      findings.push(finding('WHFB181', value.range,
        named
          ? 'This value looks like a plain-text secret (the setting names a password, key or token): keep it out of the repository and inject it at deployment time.'
          : 'This value looks like a random secret (a long high-entropy string): keep it out of the repository and inject it at deployment time.'));
    }
    return findings;
  },
};

export const secretRules: readonly Rule[] = [redactedValue, plainTextSecret];
