/**
 * Seeded fuzzing of the language service: at least 10,000 mutated versions of the valid policy
 * files (every format), each asked for diagnostics, completion and hover at random positions,
 * quick fixes, symbols, links and folding. Replay a failure with the FUZZ_SEED and FUZZ_SESSION
 * it prints (FUZZ_DUMP=<dir> keeps the failing document); FUZZ_RUNS=10 runs ten times as many
 * sessions, FUZZ_SEED=random explores new ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { runServiceFuzz, type FuzzOutcome } from './support/forkFuzzer';
import { fuzzConfig } from './support/prng';

const config = fuzzConfig();
const STEPS = 8;
const MUTATIONS = Math.ceil(10_000 * config.scale);
const sessionCount = Math.ceil(MUTATIONS / STEPS);
const sessions = config.onlySession !== undefined ? [config.onlySession] : Array.from({ length: sessionCount }, (_, i) => i);

let outcome: Promise<FuzzOutcome> | undefined;
/** One run serves both tests below. */
function fuzzOnce(): Promise<FuzzOutcome> {
  return (outcome ??= runServiceFuzz(config.masterSeed, sessions, STEPS, Math.max(1, Math.min(2, availableParallelism()))));
}

test(`language service: ${sessions.length * STEPS} mutated documents in every format, every request: nothing escapes, no hang, every range inside (FUZZ_SEED=${config.masterSeed})`, { timeout: 600_000 }, async (t) => {
  const result = await fuzzOnce();
  t.diagnostic(`seed ${config.masterSeed}: ${result.mutations} mutated versions, ${result.requests} requests; formats: ${JSON.stringify(result.formats)}`);
  const report = [
    ...result.hangs,
    ...result.crashes,
    ...result.failures.slice(0, 10).map((failure) => [
      `FUZZ_SEED=${config.masterSeed} FUZZ_SESSION=${failure.session} (step ${failure.step}, ${failure.file}, mutations ${failure.mutations.join(',')})`,
      ...failure.problems.map((problem) => `  - ${problem}`),
      `  text: ${JSON.stringify(failure.text).slice(0, 1500)}`,
    ].join('\n')),
  ];
  if (result.failures.length > 10) report.push(`... and ${result.failures.length - 10} more failing sessions`);
  assert.equal(report.length, 0, `\n${report.join('\n\n')}`);
  if (config.onlySession === undefined) {
    assert.ok(result.mutations >= MUTATIONS, `${result.mutations} mutated versions run, ${MUTATIONS} wanted`);
    for (const format of ['whfb-yaml', 'settings-catalog-json', 'settings-catalog-yaml', 'custom-profile-json', 'custom-profile-yaml', 'syncml', 'text']) {
      assert.ok((result.formats[format] ?? 0) > 0, `no fuzzed document was read as ${format}`);
    }
  }
});

// R-5 (docs/reliability.md): "Add <setting>" once inserted after the last entry's line by line
// arithmetic, which in odd but parseable files (a stray line after the last entry) broke the YAML.
// The place now comes from the parsed entries (formats/policyYamlInsert.ts); a fix that adds a syntax
// error (WHFB001) or a shape error (WHFB002) to a document fails here.
test('language service: applying a quick fix never turns a well-formed document into a syntax error', { timeout: 600_000 }, async () => {
  const result = await fuzzOnce();
  const report = result.fixBreaksSyntax.slice(0, 10).map((entry) =>
    `FUZZ_SEED=${config.masterSeed} FUZZ_SESSION=${entry.session} (step ${entry.step}, ${entry.file}): ${entry.titles.join('; ')}`);
  assert.equal(result.fixBreaksSyntax.length, 0, `\n${report.join('\n')}`);
});
