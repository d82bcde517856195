/**
 * The server's messages through a bundle (issue 17 point 6). Every `l10n.t` message of server/src
 * is in l10n/bundle.l10n.json (the generator reads the calls, so a message missing here means the
 * bundle is stale or a call has no literal), and with a pseudo-translation configured every
 * diagnostic, related location and quick-fix title the service writes over the whole fixture
 * corpus comes out of the bundle: a message written in English outside l10n.t fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as l10n from '@vscode/l10n';
import { decodeFileBytes } from '../../../shared/decodeText';
import { RULES } from '../../../server/src/model/ruleCodes';
import { messageBundleFromInitializationOptions } from '../../../server/src/server/messageBundle';
import { L10N_BUNDLE_PATH, l10nMessages } from '../../../scripts/manifest/generateL10nBundle';
import { ROOT, service } from '../service/helpers';

const bundle = JSON.parse(readFileSync(join(ROOT, L10N_BUNDLE_PATH), 'utf8')) as Record<string, string>;

test('every l10n.t message of server/src and every rule summary is in the generated bundle', () => {
  const server = l10nMessages(ROOT, ['server/src']);
  assert.ok(server.length > 250, `${server.length} server messages: the walk reaches rules, formats and features`);
  assert.deepEqual(server.filter((message) => !(message in bundle)), [], 'run "npm run generate"');
  assert.deepEqual(RULES.map((rule) => rule.summary).filter((summary) => !(summary in bundle)), []);
});

test('initializationOptions.l10nBundle: an object of non-empty strings; anything else means English', () => {
  assert.deepEqual(messageBundleFromInitializationOptions({ l10nBundle: { a: 'b', c: '', d: 4 } }), { a: 'b' });
  for (const options of [undefined, null, 'x', {}, { l10nBundle: null }, { l10nBundle: ['a'] }, { l10nBundle: 'a' }, { l10nBundle: { a: '' } }]) {
    assert.equal(messageBundleFromInitializationOptions(options), undefined, JSON.stringify(options));
  }
});

/** Every fixture and example file (the rule x format matrix, each format's samples, broken files). */
function corpus(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? corpus(path) : /\.(ya?ml|json|xml|ps1|psm1|pol|txt|md)$/i.test(name) ? [path] : [];
  });
}

test('with a pseudo-translation, every diagnostic, related location and quick-fix title over the fixture corpus is translated', () => {
  l10n.config({ contents: Object.fromEntries(Object.keys(bundle).map((message) => [message, `[[${message}]]`])) });
  try {
    const untranslated: string[] = [];
    let diagnostics = 0;
    let titles = 0;
    const codes = new Set<string>();
    // Each folder is one workspace (test/fixtures/crossfile/<CODE>-bad: the cross-file rules' cases).
    const folders = new Map<string, string[]>();
    for (const path of [...corpus(join(ROOT, 'test', 'fixtures')), ...corpus(join(ROOT, 'examples'))]) {
      const folder = join(path, '..');
      folders.set(folder, [...(folders.get(folder) ?? []), path]);
    }
    // Texts no fixture holds: an empty policy file (its message was once a constant built at load).
    folders.set(join(ROOT, 'inline'), []);
    const inline = [{ uri: `file://${join(ROOT, 'inline', 'empty.whfb.yaml')}`, version: 1, text: '' }];
    for (const [folder, paths] of folders) {
      const ls = service();
      const docs = [
        ...paths.map((path) => ({ uri: `file://${path}`, version: 1, text: decodeFileBytes(readFileSync(path)) })),
        ...(folder === join(ROOT, 'inline') ? inline : []),
      ];
      ls.indexFiles(docs);
      for (const doc of docs) {
        const where = relative(ROOT, doc.uri.slice('file://'.length));
        for (const diagnostic of [...ls.validate(doc), ...ls.crossFileDiagnostics(doc.uri)]) {
        diagnostics++;
        codes.add(String(diagnostic.code));
        if (!diagnostic.message.startsWith('[[')) untranslated.push(`${where} ${diagnostic.code}: ${diagnostic.message}`);
        for (const related of diagnostic.relatedInformation ?? []) {
          if (!related.message.startsWith('[[')) untranslated.push(`${where} ${diagnostic.code} related: ${related.message}`);
        }
        for (const action of ls.codeActions(doc, diagnostic.range, [diagnostic])) {
          titles++;
          if (!action.title.startsWith('[[')) untranslated.push(`${where} ${diagnostic.code} action: ${action.title}`);
        }
      }
      }
    }
    assert.deepEqual(RULES.map((rule) => rule.code).filter((code) => !codes.has(code)), [], 'the corpus triggers every rule');
    assert.ok(diagnostics > 150 && titles > 150, `${diagnostics} diagnostics, ${titles} action titles: the corpus reaches the rules`);
    assert.deepEqual(untranslated, []);
  } finally {
    l10n.config({ contents: {} });
  }
});
