// The web worker suite's way to report (test/web/suite/reporter.ts): a worker has no sockets, so
// it POSTs one JSON message per request to this loopback HTTP server. Same contract as
// channel.mjs: onMessage(message, reply); a screenshot request is answered with the reply once the
// picture is on disk, anything else at once. CORS is open: the worker runs in the workbench's
// extension-host iframe, another origin than this port.
import { createServer } from 'node:http';

export async function openHttpChannel(onMessage) {
  const server = createServer((request, response) => {
    const headers = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'content-type', 'Content-Type': 'application/json' };
    if (request.method === 'OPTIONS') { response.writeHead(204, headers); response.end(); return; }
    if (request.method !== 'POST') { response.writeHead(405, headers); response.end('{}'); return; }
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      let message;
      try { message = JSON.parse(body); } catch { response.writeHead(400, headers); response.end('{}'); return; }
      let answered = false;
      const answer = (reply) => {
        if (answered) return;
        answered = true;
        response.writeHead(200, headers);
        response.end(JSON.stringify(reply ?? {}));
      };
      Promise.resolve(onMessage(message, answer)).catch((error) => console.error(`[runner] ${error?.stack ?? error}`))
        .finally(() => { if (message.event !== 'screenshot') answer({}); });
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
