// The loopback socket the in-host suite reports to: one JSON object a line, both ways.
// Suite -> runner: {event:"start"|"test"|"log"|"screenshot"|"end", ...}; runner -> suite:
// {event:"screenshot-taken", id, path} once a requested screenshot is on disk.
import { createServer } from 'node:net';

export async function openChannel(onMessage) {
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setEncoding('utf8');
    let buffer = '';
    const reply = (message) => { if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`); };
    socket.on('data', (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (!line.trim()) continue;
        let message;
        try { message = JSON.parse(line); } catch { console.error(`[runner] unreadable line from the suite: ${line}`); continue; }
        onMessage(message, reply);
      }
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
