/**
 * The floor: a WebSocket relay that forwards every frame to the other connections of the same
 * path, with no Yjs at all. What any Yjs server costs on this machine is measured against it.
 * `PORT` (default 0) and `HOST` (default 127.0.0.1); prints `listening <port>` when ready.
 */
import { createServer } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

const rooms = new Map<string, Set<WebSocket>>();
const server = createServer((_req, res) => res.end('relay'));
const wss = new WebSocketServer({ server });
wss.on('connection', (ws, req) => {
  const room = req.url ?? '/';
  const peers = rooms.get(room) ?? new Set<WebSocket>();
  rooms.set(room, peers);
  peers.add(ws);
  ws.on('message', (data, isBinary) => {
    for (const peer of peers)
      if (peer !== ws && peer.readyState === 1) peer.send(data, { binary: isBinary });
  });
  ws.on('close', () => {
    peers.delete(ws);
    if (peers.size === 0) rooms.delete(room);
  });
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
