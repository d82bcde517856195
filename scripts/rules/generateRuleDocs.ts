/**
 * docs/rules.md, the rule reference: one section per code of server/src/model/ruleCodes.ts with what it
 * checks, its severity and why, the guide or DDF sentences it rests on (server/src/rules/evidence.ts,
 * each checked against the shipped sources by a test), and the bad and good fixtures the tests run
 * (test/fixtures/whfb-yaml and the rule x format matrix), so every example is known to produce, or
 * not produce, the code it illustrates.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RETIRED_RULES, RULE_DOCS_PATH, RULES, ruleDocsUrl, type RuleInfo } from '../../server/src/model/ruleCodes';
import { RULE_EVIDENCE, SEVERITY_POLICY, type EvidenceQuote, type RuleEvidence } from '../../server/src/rules/evidence';
import type { GeneratedFile } from '../generatedFile';
import { sourceLabel } from './evidenceSources';

const POLICY_FIXTURES = 'test/fixtures/whfb-yaml';
const MATRIX_FIXTURES = 'test/fixtures/matrix';
/** Cross-file rules: one folder of files per example (WHFB300-bad/), judged together. */
const CROSS_FILE_FIXTURES = 'test/fixtures/crossfile';

/** The export formats of the matrix, in the order the docs list them. */
const MATRIX_FORMATS: readonly { folder: string; label: string }[] = [
  { folder: 'custom-profile', label: 'Custom profile (Graph JSON)' },
  { folder: 'intunecd-custom-profile', label: 'Custom profile (IntuneCD YAML)' },
  { folder: 'settings-catalog', label: 'Settings Catalog (Graph JSON)' },
  { folder: 'intunecd-settings-catalog', label: 'Settings Catalog (IntuneCD YAML)' },
  { folder: 'syncml', label: 'SyncML' },
  { folder: 'markdown', label: 'OMA-URI in Markdown' },
  { folder: 'powershell', label: 'OMA-URI in PowerShell' },
];

interface Fixture {
  /** Path from the repository root. */
  path: string;
  kind: 'bad' | 'good';
  /** "" or the variant name ("missing-tenant", "choice"). */
  variant: string;
}

function fixturesOf(root: string, folder: string, code: string, folders = false): Fixture[] {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  const pattern = folders ? new RegExp(`^${code}(?:-(.+?))?-(bad|good)(?:-(.+?))?$`) : new RegExp(`^${code}(?:-(.+?))?-(bad|good)(?:-(.+?))?\\.`);
  const found: Fixture[] = readdirSync(dir).flatMap((file) => {
    const match = pattern.exec(file);
    if (!match) return [];
    return [{ path: `${folder}/${file}`, kind: match[2] as 'bad' | 'good', variant: match[1] ?? match[3] ?? '' }];
  });
  // Plain pair first, then each variant; bad before good. Sorted by code point, not locale, so the output is stable.
  const order = (fixture: Fixture): string => `${fixture.variant}\u0000${fixture.kind === 'bad' ? 0 : 1}\u0000${fixture.path}`;
  return found.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

function fenceFor(path: string, text: string): { open: string; close: string } {
  const language = path.endsWith('.json') ? 'json' : path.endsWith('.xml') ? 'xml' : path.endsWith('.md') ? 'markdown' : path.endsWith('.ps1') ? 'powershell' : 'yaml';
  const ticks = text.includes('```') ? '````' : '```';
  return { open: `${ticks}${language}`, close: ticks };
}

function embed(root: string, fixture: Fixture, title: string): string[] {
  const text = readFileSync(join(root, fixture.path), 'utf8').replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  const fence = fenceFor(fixture.path, text);
  return [`${title} ([${fixture.path}](../${fixture.path})):`, '', fence.open, text, fence.close, ''];
}

function quoteLines(root: string, evidence: EvidenceQuote): string[] {
  const body = evidence.source === 'ddf' && evidence.quote.includes('<') ? `\`${evidence.quote}\`` : evidence.quote;
  return [`> ${body}`, `>`, `> — [${sourceLabel(root, evidence)}](${evidence.href}) (\`data/${evidence.file}\`)`, ''];
}

function evidenceStatus(entry: RuleEvidence): string {
  const supports = entry.evidence.filter((item) => item.stance !== 'limits').length;
  const limits = entry.evidence.length - supports;
  if (entry.unsupported) return 'no source sentence';
  return `${supports} quote${supports === 1 ? '' : 's'}${limits > 0 ? `, ${limits} limiting` : ''}`;
}

function ruleSection(root: string, rule: RuleInfo, entry: RuleEvidence): string[] {
  const lines: string[] = [
    `## ${rule.code}`,
    '',
    `\`${rule.name}\` · **${rule.defaultSeverity}** · diagnostics link to [${rule.href.replace(/^https:\/\/learn\.microsoft\.com\//, '')}](${rule.href})`,
    '',
    rule.summary,
    '',
    `**What it checks.** ${entry.checks}`,
    '',
    `**Severity.** ${entry.severityReason}`,
    '',
  ];
  const supports = entry.evidence.filter((item) => item.stance !== 'limits');
  const limits = entry.evidence.filter((item) => item.stance === 'limits');
  if (supports.length > 0) {
    lines.push('**What the sources say.**', '');
    for (const item of supports) lines.push(...quoteLines(root, item));
  }
  if (entry.unsupported) lines.push(`**No source sentence.** ${entry.unsupported}`, '');
  if (limits.length > 0) {
    lines.push('**Where the sources limit this rule.** These sentences narrow or contradict the rule as it is implemented today:', '');
    for (const item of limits) lines.push(...quoteLines(root, item));
  }

  const policyFixtures = fixturesOf(root, POLICY_FIXTURES, rule.code);
  if (policyFixtures.length > 0) {
    lines.push('**Examples** (policy file; the tests check that each bad file gets this code and the good one does not).', '');
    for (const fixture of policyFixtures.filter((item) => item.kind === 'bad')) {
      lines.push(...embed(root, fixture, `Bad${fixture.variant ? ` (${fixture.variant.replace(/-/g, ' ')})` : ''}`));
    }
    for (const fixture of policyFixtures.filter((item) => item.kind === 'good')) {
      lines.push(...embed(root, fixture, `Good${fixture.variant ? ` (${fixture.variant.replace(/-/g, ' ')})` : ''}`));
    }
  }
  const crossFileFixtures = fixturesOf(root, CROSS_FILE_FIXTURES, rule.code, true);
  if (crossFileFixtures.length > 0) {
    lines.push('**Examples** (policy files of one folder, judged together; the tests check that each bad folder gets this code and the good one does not).', '');
    for (const kind of ['bad', 'good'] as const) {
      for (const fixture of crossFileFixtures.filter((item) => item.kind === kind)) {
        const title = `${kind === 'bad' ? 'Bad' : 'Good'} (${fixture.variant ? `${fixture.variant.replace(/-/g, ' ')}, ` : ''}the folder [${fixture.path}](../${fixture.path}))`;
        lines.push(`${title}:`, '');
        const files = readdirSync(join(root, fixture.path)).sort();
        for (const file of files) lines.push(...embed(root, { ...fixture, path: `${fixture.path}/${file}` }, `\`${file}\``));
      }
    }
  }
  const formats = MATRIX_FORMATS.flatMap((format) => {
    const fixtures = fixturesOf(root, `${MATRIX_FIXTURES}/${format.folder}`, rule.code);
    if (fixtures.length === 0) return [];
    const links = fixtures.map((fixture) => `[${fixture.kind}${fixture.variant ? ` (${fixture.variant})` : ''}](../${fixture.path})`);
    return [`- ${format.label}: ${links.join(', ')}`];
  });
  if (formats.length > 0) lines.push('**In other formats** (the rule x format matrix, test/unit/formats/ruleMatrix.test.ts):', '', ...formats, '');
  return lines;
}

export function buildRuleDocs(root: string): GeneratedFile {
  const lines: string[] = [
    '<!-- Generated by scripts/rules/generateRuleDocs.ts from server/src/model/ruleCodes.ts and server/src/rules/evidence.ts. Do not edit: run npm run generate. -->',
    '',
    '# Rule reference',
    '',
    'Every finding whfb-lint and the extension report carries one of these codes. For each rule: what it checks, its',
    'default severity and why, the sentences of the Microsoft guides or the CSP DDF it rests on, and a bad and a good',
    'example. Quotes are read from the copies the product ships (`data/guides`, `data/ddf`); a test fails when a quote',
    'no longer occurs in the section it links to, so the evidence cannot drift from the sources.',
    '',
    'Change a rule\'s severity with the `whfb.rules` setting (`{ "WHFB190": "off" }`) or `whfb-lint --rule`.',
    '',
    '## Severity policy',
    '',
    `- **error**: ${SEVERITY_POLICY.error}`,
    `- **warning**: ${SEVERITY_POLICY.warning}`,
    `- **information**: ${SEVERITY_POLICY.information}`,
    `- ${SEVERITY_POLICY.tool}`,
    '',
    'A rule that no sentence of the guides or the DDF supports says so on its page ("No source sentence"), and so does',
    'a rule the sources narrow or contradict ("Where the sources limit this rule").',
    '',
    '## Rules',
    '',
    '| code | name | severity | finding | evidence |',
    '|---|---|---|---|---|',
  ];
  for (const rule of RULES) {
    const entry = RULE_EVIDENCE[rule.code];
    lines.push(`| [${rule.code}](${ruleDocsUrl(rule.code).slice(RULE_DOCS_PATH.length)}) | \`${rule.name}\` | ${rule.defaultSeverity} | ${rule.summary.replace(/\|/g, '\\|')} | ${entry ? evidenceStatus(entry) : 'missing'} |`);
  }
  lines.push('');
  for (const rule of RULES) {
    const entry = RULE_EVIDENCE[rule.code];
    if (!entry) throw new Error(`${rule.code} has no entry in server/src/rules/evidence.ts`);
    lines.push(...ruleSection(root, rule, entry));
  }
  if (RETIRED_RULES.length > 0) {
    lines.push('## Retired codes', '', 'No longer reported and never reused; a `whfb.rules` entry or `# whfb-ignore` naming one is harmless.', '');
    for (const retired of RETIRED_RULES) lines.push(`- **${retired.code}** \`${retired.name}\`: ${retired.reason}`);
    lines.push('');
  }
  return { path: RULE_DOCS_PATH, content: `${lines.join('\n').replace(/\n{3,}/g, '\n\n').replace(/\n+$/, '')}\n` };
}
