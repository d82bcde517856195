/**
 * V8 compiler settings of the Node server process, set from inside it like the heap settings
 * (heapSettings.ts), so that VS Code's client and `node dist/server.js --stdio` run alike.
 *
 * `--no-turbo-inlining`: the optimizing compiler no longer copies the functions a hot function calls
 * into its code. A server's work comes in bursts (an open, a few keystrokes) over code that is cold
 * each time a new kind of work starts, so most of what TurboFan does is compiling, on background
 * threads, while the main thread waits its turn on the same cores: in the cold open of a
 * 10,000-setting policy the compiler threads used more CPU than the main thread itself (~180 of
 * ~370 ms, in-process), most of it inlining. Without inlining the open's whole-process CPU fell by
 * a fifth while its main thread and the edits' CPU stayed where they were (bench/README.md, issue
 * 16, session 25).
 */
import { setFlagsFromString } from 'node:v8';
import type { CancellationSignal, TextDocumentInput, WhfbLanguageService } from '../service/api';

export const SERVER_COMPILER_FLAGS: readonly string[] = ['--no-turbo-inlining'];

for (const flag of SERVER_COMPILER_FLAGS) setFlagsFromString(flag);

/**
 * `--interrupt-budget` (how much interpreted work a function does before V8 considers optimizing
 * it), by V8 version: the default, and the larger budget of the start and the first validation.
 * Most of that code runs once (loading the service, the plain reader's first pass, every rule's
 * first look at the model), so TurboFan compiling it is work for nothing: with 4x the budget the
 * cold open of a 10,000-setting policy costs ~60-80 ms less CPU, most of it compiler threads on the
 * cores the main thread needs (bench/README.md, issue 16, session 27). Kept for the whole session,
 * the larger budget made the edits reach optimized code later (edit p99 at 10,000 settings near
 * its target), so the default comes back once the first validation has answered. V8 reads the flag
 * whenever it gives a function a new budget. A version whose default is not listed here keeps its
 * default throughout: a budget that could not be restored is not raised.
 */
const INTERRUPT_BUDGETS: Readonly<Record<string, { default: number; start: number }>> = {
  '11.3': { default: 67_584, start: 270_000 },
};

const budgets = INTERRUPT_BUDGETS[process.versions.v8.split('.').slice(0, 2).join('.')];
if (budgets) setFlagsFromString(`--interrupt-budget=${budgets.start}`);

/** Whether this V8's budget is raised until the first validation (its default is known). */
export const START_BUDGET_RAISED = budgets !== undefined;

/**
 * The service whose first `validate` brings the default interrupt budget back once it returns
 * (or throws); later calls go straight to the service's own method.
 */
export function withStartBudgetUntilFirstValidation(service: WhfbLanguageService): WhfbLanguageService {
  if (!budgets) return service;
  const validate = service.validate.bind(service);
  service.validate = (doc: TextDocumentInput, signal?: CancellationSignal) => {
    try {
      return validate(doc, signal);
    } finally {
      setFlagsFromString(`--interrupt-budget=${budgets.default}`);
      service.validate = validate;
    }
  };
  return service;
}
