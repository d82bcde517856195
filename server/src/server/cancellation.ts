/**
 * Runs one request's computation so that cancellation is honoured: a request cancelled before
 * it starts, while it waited for its turn, or while it ran answers with the LSP cancellation
 * error instead of a stale result.
 */
import type { CancellationToken } from 'vscode-languageserver/node';
import { LSPErrorCodes, ResponseError } from './lspRuntime';
import type { CancellationSignal } from '../service/api';

export function cancelledError(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/** Lets queued messages (a $/cancelRequest, a didChange) be read before heavy work starts. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The LSP token already has the one property the service reads; this keeps the seam explicit. */
export function toSignal(token: CancellationToken): CancellationSignal {
  return { get isCancellationRequested() { return token.isCancellationRequested; } };
}

export async function runCancellable<T>(token: CancellationToken, compute: (signal: CancellationSignal) => T): Promise<T> {
  if (token.isCancellationRequested) throw cancelledError();
  await yieldToEventLoop();
  if (token.isCancellationRequested) throw cancelledError();
  const result = compute(toSignal(token));
  if (token.isCancellationRequested) throw cancelledError();
  return result;
}
