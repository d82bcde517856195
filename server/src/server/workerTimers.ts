/**
 * The server's modules yield with `setImmediate` (Node). A web worker has none; a zero-delay
 * timeout is its nearest equivalent (after the messages already queued are read). Imported first
 * by the worker entry (workerMain.ts), before any module that schedules work; Node never loads it.
 */
const scope = globalThis as { setImmediate?: unknown };
if (typeof scope.setImmediate !== 'function') {
  scope.setImmediate = (callback: (...args: unknown[]) => void, ...args: unknown[]) => setTimeout(callback, 0, ...args);
}
export {};
