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

/** A row of a pop-up list as drawn (the quick-input widget's list, the suggest widget's). */
export interface DrawnListRow {
  /** The label's text (icons drawn as codicons are not text: see `icons`). */
  label: string;
  /** What the row's width shows of the label: shorter than `label` when the end is cut off. */
  visibleLabel: string;
  /** The codicon names drawn in the label, e.g. "star-full". */
  icons: string[];
  description: string;
  /** The quick pick's second line (or the suggest widget's detail), empty when none is drawn. */
  detail: string;
  /** The group label a quick pick draws on the first row of a group; empty on the other rows. */
  separator: string;
  /** A separator drawn as a row of its own (its label is `label`). */
  separatorRow: boolean;
  focused: boolean;
}

/** A pop-up list as drawn: the quick input's title (empty for the suggest widget) and its rows in order. */
export interface DrawnList { title: string; rows: DrawnListRow[] }

export interface Reporter {
  /** Whether treeRows and listRows read the workbench's page (only scripts/integration/run.mjs's runner does). */
  readonly readsWorkbench: boolean;
  send(message: SuiteMessage): void;
  /**
   * Asks the runner for a screenshot of the workbench, cut to the box around the elements `clip`
   * matches when given; resolves once it is on disk (or at once without a runner).
   */
  screenshot(name: string, waitFor?: string, clip?: string): Promise<void>;
  /** The rows the workbench draws in the tree view whose list label contains `view` (none without a runner). */
  treeRows(view: string): Promise<DrawnRow[]>;
  /**
   * The rows of the pop-up list inside the first visible element that `within` (a CSS selector)
   * matches; undefined when none is visible or there is no runner to read the workbench.
   */
  listRows(within: string): Promise<DrawnList | undefined>;
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
  type Reply = { event: string; id: number; rows?: DrawnRow[]; list?: DrawnList };
  const waiting = new Map<number, (reply: Reply) => void>();
  let buffer = '';
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      try {
        const reply = JSON.parse(line) as Reply;
        if (reply.event === 'screenshot-taken' || reply.event === 'rows' || reply.event === 'list') waiting.get(reply.id)?.(reply);
      } catch { /* not ours */ }
    }
  });
  // A closed runner must not leave a screenshot request waiting forever.
  socket.on('close', () => { for (const done of waiting.values()) done({ event: 'closed', id: 0 }); waiting.clear(); });
  let nextId = 1;
  const write = (message: object) => { if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`); };
  return {
    readsWorkbench: true,
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
    listRows(within) {
      const id = nextId++;
      return new Promise<DrawnList | undefined>((resolve) => {
        // Scrolling a long list through on a busy machine takes a while (a read per page, each a few frames).
        const timer = setTimeout(() => { waiting.delete(id); resolve(undefined); }, 90_000);
        waiting.set(id, (reply) => { clearTimeout(timer); waiting.delete(id); resolve(reply.list); });
        write({ event: 'list', id, within });
      });
    },
    close: () => new Promise<void>((resolve) => socket.end(() => resolve())),
  };
}

function consoleReporter(): Reporter {
  return {
    readsWorkbench: false,
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
    listRows: async () => undefined,
    close: async () => {},
  };
}
