/**
 * l10n/bundle.l10n.json: the English text of every `vscode.l10n.t('...')` in client/src and every
 * `l10n.t('...')` (@vscode/l10n) in server/src, keyed by itself, as VS Code's localization
 * tooling expects. A translator copies it to bundle.l10n.<locale>.json and translates the values;
 * no code changes. VS Code loads that file for the client (vscode.l10n.bundle), and the client
 * hands the same contents to the language server in initializationOptions.l10nBundle
 * (server/src/server/messageBundle.ts), as the JSON language server gets its bundle.
 *
 * Only literal first arguments are localizable, so a call with anything else is reported as an
 * error here, except the few expressions in DYNAMIC_MESSAGES whose possible values come from a
 * table (the rule summaries of model/ruleCodes.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULES } from '../../server/src/model/ruleCodes';
import type { GeneratedFile } from '../generatedFile';

export const L10N_BUNDLE_PATH = 'l10n/bundle.l10n.json';

/** The folders whose l10n.t calls make the bundle: the client and the language server (its CLI reads no bundle and stays English). */
export const L10N_SOURCE_DIRS = ['client/src', 'server/src'] as const;

/**
 * Non-literal messages allowed, by the exact expression text, with every value they can take.
 * A rule summary is written once in the rule table (English, also for docs and SARIF) and
 * translated where the editor shows it.
 */
export const DYNAMIC_MESSAGES: Readonly<Record<string, () => readonly string[]>> = {
  'rule.summary': () => RULES.map((rule) => rule.summary),
};

/** `l10n.t(` followed by a single- or double-quoted literal (escapes allowed). */
const CALL = /\bl10n\.t\(\s*/g;
const LITERAL = /^(['"])((?:\\.|(?!\1)[^\\\n])*)\1/;
const EXPRESSION = /^([\w.]+)\s*[,)]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

function unescape(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, escape: string) => {
    if (escape.startsWith('u{')) return String.fromCodePoint(parseInt(escape.slice(2, -1), 16));
    if (escape.startsWith('u') && escape.length === 5) return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (escape.startsWith('x') && escape.length === 3) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[escape] ?? escape;
  });
}

/** Every message of the given folders (default: client and server), in first-use order of a sorted file walk. */
export function l10nMessages(root: string, dirs: readonly string[] = L10N_SOURCE_DIRS): string[] {
  const messages = new Set<string>();
  const problems: string[] = [];
  for (const file of dirs.flatMap((dir) => sourceFiles(join(root, dir)))) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(CALL)) {
      const rest = text.slice(call.index! + call[0].length);
      const literal = LITERAL.exec(rest);
      if (literal) {
        messages.add(unescape(literal[2]!));
        continue;
      }
      const dynamic = DYNAMIC_MESSAGES[EXPRESSION.exec(rest)?.[1] ?? ''];
      if (dynamic) {
        for (const message of dynamic()) messages.add(message);
        continue;
      }
      const line = text.slice(0, call.index).split('\n').length;
      problems.push(`${relative(root, file)}:${line}: l10n.t needs a string literal as its message`);
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return [...messages];
}

export function buildL10nBundle(root: string): GeneratedFile {
  const bundle = Object.fromEntries(l10nMessages(root).sort().map((message) => [message, message]));
  return { path: L10N_BUNDLE_PATH, content: `${JSON.stringify(bundle, null, 2)}\n` };
}
