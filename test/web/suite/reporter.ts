/**
 * Where the web suite's results go: the runner's loopback HTTP server (scripts/integration/
 * httpChannel.mjs), one POST per message, in order. A web worker has no sockets; the workbench's
 * extension-host CSP allows http://127.0.0.1:*. The URL is put into the bundle by the runner.
 */
import type { Reporter, SuiteMessage } from '../../integration/suite/reporter';

declare const WHFB_WEB_CHANNEL_URL: string;

export function webReporter(): Reporter {
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 1;
  const post = (message: object): Promise<unknown> => {
    // Chained, so the runner prints the messages in the order they were sent.
    queue = queue.then(() => fetch(WHFB_WEB_CHANNEL_URL, { method: 'POST', body: JSON.stringify(message) }).then((response) => response.json()).catch(() => undefined));
    return queue;
  };
  return {
    readsWorkbench: false,
    send: (message: SuiteMessage) => void post(message),
    screenshot: async (name, waitFor) => { await post({ event: 'screenshot', id: nextId++, name, waitFor }); },
    // The web runner reads no rows of the workbench: the web suite does not assert drawn trees or lists.
    treeRows: async () => [],
    listRows: async () => undefined,
    close: async () => { await queue; },
  };
}
