/**
 * Where the suite's results go. Under scripts/integration/run.mjs: a loopback socket (port in
 * WHFB_IT_PORT) so the runner can print each test as it ends and take screenshots on request.
 * Anywhere else (@vscode/test-electron): the extension host's console.
 */
import { Socket } from 'node:net';

export type SuiteMessage =
  | { event: 'start'; vscodeVersion: string; extensionPath: string }
  | { event: 'test'; name: string; status: 'pass' | 'fail'; durationMs: number; error?: string }
  | { event: 'log'; text: string }
  | { event: 'end'; passed: number; failed: number };

/** A row as drawn: depth (1 = top), its label and its screen reader label. */
export interface DrawnRow { level: number; label: string; description: string; ariaLabel: string; /** The row's checkbox state as drawn; null without a checkbox. */ checked?: boolean | null; /** Expanded or collapsed; null for a leaf. */ expanded?: boolean | null }

export interface Reporter {
  send(message: SuiteMessage): void;
  /**
   * Asks the runner for a screenshot of the workbench, cut to the box around the elements `clip`
   * matches when given; resolves once it is on disk (or at once without a runner).
   */
  screenshot(name: string, waitFor?: string, clip?: string): Promise<void>;
  /** The rows the workbench draws in the tree view whose list label contains `view` (none without a runner). */
  treeRows(view: string): Promise<DrawnRow[]>;
  close(): Promise<void>;
}

export async function connectReporter(): Promise<Reporter> {
  const port = Number(process.env.WHFB_IT_PORT);
  if (!port) return consoleReporter();
  const socket = new Socket();
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.connect(port, '127.0.0.1', () => resolve());
  });
  socket.setEncoding('utf8');
  const waiting = new Map<number, (reply: { event: string; id: number; rows?: DrawnRow[] }) => void>();
  let buffer = '';
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      try {
        const reply = JSON.parse(line) as { event: string; id: number; rows?: DrawnRow[] };
        if (reply.event === 'screenshot-taken' || reply.event === 'rows') waiting.get(reply.id)?.(reply);
      } catch { /* not ours */ }
    }
  });
  // A closed runner must not leave a screenshot request waiting forever.
  socket.on('close', () => { for (const done of waiting.values()) done({ event: 'closed', id: 0 }); waiting.clear(); });
  let nextId = 1;
  const write = (message: object) => { if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`); };
  return {
    send: write,
    screenshot(name, waitFor, clip) {
      const id = nextId++;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => { waiting.delete(id); resolve(); }, 30_000);
        waiting.set(id, () => { clearTimeout(timer); waiting.delete(id); resolve(); });
        write({ event: 'screenshot', id, name, waitFor, clip });
      });
    },
    treeRows(view) {
      const id = nextId++;
      return new Promise<DrawnRow[]>((resolve) => {
        const timer = setTimeout(() => { waiting.delete(id); resolve([]); }, 30_000);
        waiting.set(id, (reply) => { clearTimeout(timer); waiting.delete(id); resolve(reply.rows ?? []); });
        write({ event: 'rows', id, view });
      });
    },
    close: () => new Promise<void>((resolve) => socket.end(() => resolve())),
  };
}

function consoleReporter(): Reporter {
  return {
    send(message) {
      if (message.event === 'test') {
        console.log(`${message.status === 'pass' ? '✔' : '✖'} ${message.name} (${message.durationMs} ms)`);
        if (message.error) console.log(message.error);
      } else if (message.event === 'log') console.log(message.text);
      else if (message.event === 'end') console.log(`ℹ pass ${message.passed}\nℹ fail ${message.failed}`);
      else console.log(`suite started in VS Code ${message.vscodeVersion}`);
    },
    screenshot: async () => {},
    treeRows: async () => [],
    close: async () => {},
  };
}
