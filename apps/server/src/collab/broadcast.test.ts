import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { broadcast } from './broadcast.ts';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise((r) => s.close(r));
  }
});

/** A server with `count` connected clients; resolves the server-side sockets and the clients. */
async function room(count: number, options: ConstructorParameters<typeof WebSocketServer>[0] = {}) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', ...options });
  servers.push(wss);
  await once(wss, 'listening');
  const { port } = wss.address() as AddressInfo;
  const accepted: WebSocket[] = [];
  wss.on('connection', (ws) => accepted.push(ws));
  const clients = await Promise.all(
    Array.from({ length: count }, async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}`);
      const received: Buffer[] = [];
      ws.on('message', (data: Buffer, isBinary) => {
        expect(isBinary).toBe(true);
        received.push(data);
      });
      await once(ws, 'open');
      return { ws, received };
    }),
  );
  while (accepted.length < count) await new Promise((r) => setTimeout(r, 5));
  return { accepted, clients };
}

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 256);

describe('broadcast', () => {
  it('delivers messages of every length class intact, in order, to all but the excepted', async () => {
    const { accepted, clients } = await room(3);
    // One-byte, 16-bit and 64-bit payload lengths (RFC 6455 §5.2).
    const messages = [
      bytes(0),
      bytes(125),
      bytes(126),
      bytes(65_535),
      bytes(65_536),
      bytes(200_000),
    ];
    for (const m of messages) broadcast(accepted, m, accepted[1]);
    const done = () =>
      clients[0]!.received.length === messages.length &&
      clients[2]!.received.length === messages.length;
    while (!done()) await new Promise((r) => setTimeout(r, 5));
    for (const i of [0, 2]) {
      const got = clients[i]!.received;
      for (const [n, message] of messages.entries())
        expect(Buffer.from(message).equals(got[n]!)).toBe(true);
    }
    expect(clients[1]!.received).toEqual([]);
  });

  it('falls back to ws.send when an extension is negotiated, and skips closed sockets', async () => {
    const { accepted, clients } = await room(2, { perMessageDeflate: { threshold: 0 } });
    expect(accepted[0]!.extensions).not.toBe('');
    accepted[1]!.close();
    await once(clients[1]!.ws, 'close');
    broadcast(accepted, bytes(1000));
    while (clients[0]!.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(Buffer.compare(clients[0]!.received[0]!, Buffer.from(bytes(1000)))).toBe(0);
    expect(clients[1]!.received).toEqual([]);
  });
});
