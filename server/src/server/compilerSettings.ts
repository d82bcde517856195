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

export const SERVER_COMPILER_FLAGS: readonly string[] = ['--no-turbo-inlining'];

for (const flag of SERVER_COMPILER_FLAGS) setFlagsFromString(flag);
