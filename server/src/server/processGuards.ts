/**
 * Last-resort handlers for the server process. A bug in one handler must not end the session:
 * it is logged and the server keeps serving. But when the client's end of stdout is gone (the
 * editor crashed or closed the pipe), logging itself fails; that must end the process quietly
 * (the way vscode-languageserver ends it when stdin closes), not throw inside the handler,
 * which Node reports as exit code 7 with a stack trace.
 */
import { describeError } from './guard';
import { isShutdownRequested } from './lifecycle';

/** Errors that mean the connection to the client is gone, not a bug worth reporting. */
const CLOSED_CONNECTION_CODES = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

export function installProcessGuards(log: (message: string) => void): void {
  const report = (what: string, error: unknown): void => {
    if (isClosedConnection(error)) exitQuietly();
    try {
      log(`whfb: ${what}: ${describeError(error)}`);
    } catch {
      // Nowhere left to report to: the client is gone.
      exitQuietly();
    }
  };
  process.on('uncaughtException', (error) => report('uncaught exception', error));
  process.on('unhandledRejection', (reason) => report('unhandled rejection', reason));
}

function isClosedConnection(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CLOSED_CONNECTION_CODES.has(code)) return true;
  // vscode-jsonrpc's ConnectionError when writing to a closed or disposed connection.
  return error instanceof Error && error.name.endsWith('ConnectionError');
}

/** As vscode-languageserver exits when its input closes: 0 after `shutdown`, 1 otherwise. */
function exitQuietly(): never {
  process.exit(isShutdownRequested() ? 0 : 1);
}
