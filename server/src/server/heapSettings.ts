/**
 * V8 heap settings of the Node server process, set from inside it so that every way of starting
 * `dist/server.js` gets them: VS Code's language client (IPC), `node dist/server.js --stdio` (other
 * editors, the bench), with no command-line flag to forget. Imported first by server.ts, before the
 * language service allocates anything.
 *
 * Why: the server's live heap after opening a 10,000-setting policy is ~25 MB, but its peak RSS was
 * 160-180 MB (issue 16). Most of it was room V8 keeps for garbage: a young generation that grows to
 * two 16 MB semi-spaces, and an old generation allowed to grow to about 3x the live heap before a
 * full collection, which every edit of a 1.3 MB document fills with dead large objects (the new
 * text, its line table, the LSP messages).
 *
 * Only flags that V8 reads at run time take effect here; the heap's sizes were fixed when the isolate
 * was created, so `--max-semi-space-size` set now changes nothing (test/unit/server/heapSettings.test.ts
 * checks that these do take effect):
 * - `--semi-space-growth-factor=1`: the young generation keeps its initial size (1 MB semi-spaces)
 *   instead of doubling up to 16 MB. More, shorter scavenges; most of an edit's garbage dies young anyway.
 * - `--heap-growing-percent=30`: after a full collection the old generation may grow to 1.3x what
 *   survived (V8 adds at least 8 MB) instead of up to 4x.
 */
import { setFlagsFromString } from 'node:v8';

export const SERVER_HEAP_FLAGS: readonly string[] = ['--semi-space-growth-factor=1', '--heap-growing-percent=30'];

for (const flag of SERVER_HEAP_FLAGS) setFlagsFromString(flag);
