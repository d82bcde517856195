/**
 * The evidence behind every rule (server/src/rules/evidence.ts) is read back in the sources the
 * product ships: each quote must occur, word for word once whitespace and Markdown are normalised,
 * in the guide section its link points at or in the DDF file it names. The rule reference
 * (docs/rules.md) is generated from it and must be current.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULE_DOCS_PATH, RULES, RULES_BY_CODE, ruleDocsUrl } from '../../server/src/model/ruleCodes';
import { RULE_EVIDENCE, type EvidenceQuote } from '../../server/src/rules/evidence';
import { evidenceProblem, normaliseMarkdown } from '../../scripts/rules/evidenceSources';
import { buildRuleDocs } from '../../scripts/rules/generateRuleDocs';

const root = resolve(__dirname, '../..');

test('every rule code has evidence, and every evidence entry is a rule code', () => {
  assert.deepEqual(RULES.map((rule) => rule.code).filter((code) => !RULE_EVIDENCE[code]), []);
  assert.deepEqual(Object.keys(RULE_EVIDENCE).filter((code) => !RULES_BY_CODE.has(code)), []);
});

test('a rule either quotes a source that supports it or says plainly that none does', () => {
  for (const [code, entry] of Object.entries(RULE_EVIDENCE)) {
    const supports = entry.evidence.filter((item) => item.stance !== 'limits');
    assert.ok(supports.length > 0 || (entry.unsupported ?? '').length > 40, `${code}: no supporting quote and no explanation why`);
    assert.ok(!(supports.length > 0 && entry.unsupported), `${code}: quotes a supporting source but also says none supports it`);
    assert.ok(entry.checks.trim() && entry.severityReason.trim(), `${code}: what it checks and why its severity`);
    const severity = RULES_BY_CODE.get(code)!.defaultSeverity;
    assert.match(entry.severityReason.toLowerCase(), new RegExp(`^${severity}\\b`), `${code}: the severity reason starts with the rule's severity (${severity})`);
  }
});

test('every quote occurs verbatim in the section or DDF file it names', () => {
  const problems = Object.entries(RULE_EVIDENCE).flatMap(([code, entry]) =>
    entry.evidence.map((item) => evidenceProblem(root, item)).filter((problem) => problem !== undefined).map((problem) => `${code}: ${problem}`));
  assert.deepEqual(problems, []);
});

test('a DDF quote links the CSP reference entry of a node the catalog holds', () => {
  const catalog = JSON.parse(readFileSync(join(root, 'data/generated/catalog.json'), 'utf8')) as { nodes: { referenceUrl?: string }[] };
  const references = new Set(catalog.nodes.map((node) => node.referenceUrl));
  const unknown = Object.entries(RULE_EVIDENCE).flatMap(([code, entry]) =>
    entry.evidence.filter((item) => item.source === 'ddf' && !references.has(item.href)).map((item) => `${code}: ${item.href}`));
  assert.deepEqual(unknown, []);
});

test('a quote that drifts from its source, or a link to a section that does not hold it, is caught', () => {
  const real: EvidenceQuote = RULE_EVIDENCE.WHFB120!.evidence[0]!;
  assert.equal(evidenceProblem(root, real), undefined);
  assert.match(evidenceProblem(root, { ...real, quote: real.quote.replace('less than', 'less than or equal to') }) ?? '', /is not in/);
  assert.match(evidenceProblem(root, { ...real, href: real.href.replace('#minimum-pin-length', '#maximum-pin-length') }) ?? '', /is not in/);
  assert.match(evidenceProblem(root, { ...real, href: real.href.replace('#minimum-pin-length', '#pin-complexity') }) ?? '', /is no section/);
  assert.match(evidenceProblem(root, { ...real, file: 'guides/hello-for-business/includes/minimum-pin-length.md' }) ?? '', /not an include/);
  const ddfQuote: EvidenceQuote = RULE_EVIDENCE.WHFB171!.evidence[0]!;
  assert.equal(evidenceProblem(root, ddfQuote), undefined);
  assert.match(evidenceProblem(root, { ...ddfQuote, quote: 'THIS NODE IS DEPRECATED AND WAS REMOVED.' }) ?? '', /is not in/);
});

test('quotes are compared as a reader sees them: Markdown and line breaks do not count', () => {
  assert.equal(normaliseMarkdown('> [!NOTE]\n> If the **Use certificate**\n> policy is [enabled](x.md#y).'), 'If the Use certificate policy is enabled.');
  assert.equal(normaliseMarkdown('| - **Data type:** `bool`<br>- **Value:** `True`|'), '- Data type: bool - Value: True');
});

test('docs/rules.md is the generator output for the current rules, evidence and fixtures', () => {
  const built = buildRuleDocs(root);
  assert.equal(built.path, RULE_DOCS_PATH);
  assert.equal(readFileSync(join(root, RULE_DOCS_PATH), 'utf8'), built.content, 'run npm run generate');
});

test('each rule has a page in the rule reference at its docs URL, with its severity and examples', () => {
  const docs = readFileSync(join(root, RULE_DOCS_PATH), 'utf8');
  for (const rule of RULES) {
    const url = ruleDocsUrl(rule.code);
    assert.equal(url, `docs/rules.md#${rule.code.toLowerCase()}`);
    const start = docs.indexOf(`\n## ${rule.code}\n`);
    assert.ok(start >= 0, `${rule.code} has no heading (anchor #${rule.code.toLowerCase()})`);
    const next = docs.indexOf('\n## ', start + 1);
    const page = docs.slice(start, next < 0 ? undefined : next);
    assert.ok(page.includes(`**${rule.defaultSeverity}**`), `${rule.code}: severity`);
    assert.match(page, /^Bad[ (]/m, `${rule.code}: a bad example`);
    assert.match(page, /^Good[ (]/m, `${rule.code}: a good example`);
  }
});
