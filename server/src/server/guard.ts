/**
 * Every handler runs inside a guard: an exception in the language service becomes a logged
 * error and an empty answer, so one bad document never takes the server down. Cancellation
 * errors pass through, because they are the answer the client asked for; so does the
 * InvalidRequest error every request gets after `shutdown` (lifecycle.ts).
 */
import type { RemoteConsole } from 'vscode-languageserver/node';
import { ResponseError } from './lspRuntime';
import { refuseAfterShutdown } from './lifecycle';

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export function guardRequest<P, R, E, Rest extends unknown[]>(
  console: RemoteConsole,
  name: string,
  empty: E,
  handler: (params: P, ...rest: Rest) => R | Promise<R>,
): (params: P, ...rest: Rest) => Promise<R | E> {
  return async (params, ...rest) => {
    refuseAfterShutdown(name);
    try {
      return await handler(params, ...rest);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      console.error(`whfb: ${name} failed: ${describeError(error)}`);
      return empty;
    }
  };
}

export function guardNotification<P>(console: RemoteConsole, name: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const pending = handler(params);
      if (pending) pending.catch((error: unknown) => console.error(`whfb: ${name} failed: ${describeError(error)}`));
    } catch (error) {
      console.error(`whfb: ${name} failed: ${describeError(error)}`);
    }
  };
}
