/**
 * The server raises V8's interrupt budget for its start and first validation and brings the
 * default back once that validation has answered (server/compilerSettings.ts): kept for the whole
 * session, the larger budget slowed the edits' path to optimized code (issue 16). This checks, in
 * a child process where V8 compiles on the main thread (so the counts are exact), that a hot
 * function needs more calls to be optimized before the first validation than after it, and that
 * the wrapped service answers as the service does.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

const MODULE = join(__dirname, '..', '..', '..', 'server', 'src', 'server', 'compilerSettings.ts');

test('a hot function is optimized later before the first validation than after it, and validation answers as the service does', () => {
  const script = `
    const { START_BUDGET_RAISED, withStartBudgetUntilFirstValidation } = require(${JSON.stringify(MODULE)});
    const callsUntilOptimized = () => {
      const work = new Function('n', 'let s = 0; for (let i = 0; i < n; i++) s += (i * 7) % 13; return s;');
      for (let calls = 1; calls < 100000; calls++) {
        work(200);
        if (%GetOptimizationStatus(work) & 16) return calls;
      }
      return Infinity;
    };
    const answers = [];
    const service = { validate(doc) { answers.push(doc.uri); return [{ message: 'from ' + doc.uri }]; } };
    const wrapped = withStartBudgetUntilFirstValidation(service);
    const before = callsUntilOptimized();
    const first = wrapped.validate({ uri: 'a', text: '' });
    const after = callsUntilOptimized();
    const second = wrapped.validate({ uri: 'b', text: '' });
    process.stdout.write(JSON.stringify({ raised: START_BUDGET_RAISED, before, after, first, second, answers }));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--import', 'tsx', '-e', script], { encoding: 'utf8' })) as {
    raised: boolean; before: number; after: number; first: unknown; second: unknown; answers: string[];
  };
  assert.deepEqual(out.first, [{ message: 'from a' }]);
  assert.deepEqual(out.second, [{ message: 'from b' }]);
  assert.deepEqual(out.answers, ['a', 'b']);
  // A V8 whose default budget is not listed keeps it throughout: nothing to compare there.
  if (out.raised) assert.ok(out.after < out.before, `calls until optimized: ${out.before} before the first validation, ${out.after} after (the budget was not raised, or not restored)`);
});
