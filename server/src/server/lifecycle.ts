/**
 * Where this server process is in the LSP lifecycle (one session per process). After `shutdown`
 * the spec wants every further request to fail with InvalidRequest (only `exit` may follow),
 * not to be answered as if nothing happened.
 */
import { ErrorCodes, ResponseError } from './lspRuntime';

let shutdownRequested = false;

export function markShutdownRequested(): void {
  if (shutdownRequested) refuseAfterShutdown('shutdown');
  shutdownRequested = true;
}

export function isShutdownRequested(): boolean {
  return shutdownRequested;
}

/** Throws the InvalidRequest answer once `shutdown` was received. */
export function refuseAfterShutdown(method: string): void {
  if (shutdownRequested) {
    throw new ResponseError(ErrorCodes.InvalidRequest, `${method} after shutdown: the server is shutting down and answers no more requests.`);
  }
}
