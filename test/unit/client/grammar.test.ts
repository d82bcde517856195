/**
 * The TextMate grammars' regular expressions, run on the lines a user writes. VS Code runs them
 * with Oniguruma; these patterns use only syntax both engines share (plus the leading (?i), which
 * becomes the JS "i" flag here).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const policyGrammar = JSON.parse(readFileSync(join(root, 'syntaxes', 'whfb-yaml.tmLanguage.json'), 'utf8'));
const injection = JSON.parse(readFileSync(join(root, 'syntaxes', 'oma-uri.injection.tmLanguage.json'), 'utf8'));

function regex(source: string, flags = ''): RegExp {
  const insensitive = source.startsWith('(?i)');
  return new RegExp(insensitive ? source.slice(4) : source, `${flags}${insensitive ? 'i' : ''}`);
}

interface Token { text: string; scope: string }

/** A minimal begin/end tokenizer for the oma-uri rule: enough to see what a theme would color. */
function tokenizeOmaUris(line: string, rule: { begin: string; end: string; patterns: { match: string; name: string }[]; beginCaptures: Record<string, { name: string }> }): Token[] {
  const tokens: Token[] = [];
  const begin = regex(rule.begin, 'g');
  let match: RegExpExecArray | null;
  while ((match = begin.exec(line))) {
    tokens.push({ text: match[1]!, scope: rule.beginCaptures['1']!.name });
    let position = match.index + match[0].length;
    const end = regex(rule.end, 'y');
    for (;;) {
      end.lastIndex = position;
      if (position >= line.length || end.test(line)) break;
      let matched = false;
      for (const pattern of rule.patterns) {
        const inner = regex(pattern.match, 'y');
        inner.lastIndex = position;
        const found = inner.exec(line);
        if (found && found[0].length > 0) {
          tokens.push({ text: found[0], scope: pattern.name });
          position += found[0].length;
          matched = true;
          break;
        }
      }
      if (!matched) break;
    }
    begin.lastIndex = position;
  }
  return tokens;
}

const scopesOf = (tokens: Token[], scope: string) => tokens.filter((t) => t.scope === scope).map((t) => t.text);

test('both grammars highlight the same OMA-URI parts: root, {TenantId}, tenant GUID, segments', () => {
  for (const rule of [policyGrammar.repository['oma-uri'], injection.repository['oma-uri']]) {
    const yamlLine = '  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork';
    const tokens = tokenizeOmaUris(yamlLine, rule);
    assert.deepEqual(scopesOf(tokens, 'keyword.other.oma-uri.root.whfb'), ['./Device/Vendor/MSFT']);
    assert.deepEqual(scopesOf(tokens, 'variable.language.tenant-id.whfb'), ['{TenantId}']);
    assert.deepEqual(scopesOf(tokens, 'entity.name.tag.oma-uri.segment.whfb'), ['PassportForWork', 'Policies', 'UsePassportForWork']);

    const json = '"omaUri": "./User/Vendor/MSFT/PassportForWork/3f2504e0-4f89-11d3-9a0c-0305e82c3301/Policies/UsePassportForWork",';
    const jsonTokens = tokenizeOmaUris(json, rule);
    assert.deepEqual(scopesOf(jsonTokens, 'constant.other.tenant-guid.whfb'), ['3f2504e0-4f89-11d3-9a0c-0305e82c3301']);
    assert.equal(jsonTokens.map((t) => t.text).join(''), './User/Vendor/MSFT/PassportForWork/3f2504e0-4f89-11d3-9a0c-0305e82c3301/Policies/UsePassportForWork', 'stops at the closing quote');

    const syncml = '<LocURI>./Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled</LocURI>';
    assert.equal(tokenizeOmaUris(syncml, rule).map((t) => t.text).join(''), './Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled');

    assert.deepEqual(tokenizeOmaUris('Set-Location ./scripts/Vendor', rule), [], 'other relative paths are not OMA-URIs');
  }
});

test('whfb-ignore comments highlight the directive and each rule code', () => {
  const rule = policyGrammar.repository['whfb-ignore'];
  const match = regex(rule.match).exec('# whfb-ignore WHFB190, WHFB160 because the pilot has no TPM');
  assert.ok(match);
  assert.equal(match[1], 'whfb-ignore');
  const codes = [...match[2]!.matchAll(regex(rule.captures['2'].patterns[0].match, 'g'))].map((m) => m[0]);
  assert.deepEqual(codes, ['WHFB190', 'WHFB160']);
});

test('the policy grammar builds on YAML and the injection reaches every policy format', () => {
  assert.equal(policyGrammar.scopeName, 'source.whfb-yaml');
  assert.deepEqual(policyGrammar.patterns, [{ include: 'source.yaml' }]);
  for (const scope of ['source.yaml', 'source.json', 'text.xml', 'text.html.markdown', 'source.powershell', 'source.whfb-yaml']) {
    assert.ok(injection.injectionSelector.includes(`L:${scope}`), scope);
  }
});
