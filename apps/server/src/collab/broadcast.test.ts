import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { RoomSender } from './broadcast.ts';
import { MESSAGE_SYNC } from './messages.ts';

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

/** A presence message, as the sender passes it on (it is not a sync message). */
const PRESENCE = Uint8Array.from([1, 0]);

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 256);

const waitFor = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
};

/** A card added to a fresh document by its own client: the update that carries it. */
function cardUpdate(clientID: number, title: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getMap('cards').set(title, title);
  return Y.encodeStateAsUpdate(doc);
}

/** The update inside a y-websocket sync update message. */
function updateIn(frame: Buffer): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
  expect(decoding.readVarUint(decoder)).toBe(2); // messageYjsUpdate
  return decoding.readVarUint8Array(decoder);
}

function cardsIn(updates: Uint8Array[]): string[] {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return [...doc.getMap('cards').keys()].sort();
}

describe('RoomSender', () => {
  it('delivers messages of every length class intact, in order, to all but the excepted', async () => {
    const { accepted, clients } = await room(3);
    const sender = new RoomSender(() => accepted);
    // One-byte, 16-bit and 64-bit payload lengths (RFC 6455 §5.2).
    const messages = [
      bytes(0),
      bytes(125),
      bytes(126),
      bytes(65_535),
      bytes(65_536),
      bytes(200_000),
    ];
    for (const m of messages) sender.message(m, accepted[1]);
    await waitFor(
      () =>
        clients[0]!.received.length === messages.length &&
        clients[2]!.received.length === messages.length,
    );
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
    new RoomSender(() => accepted).message(bytes(1000));
    await waitFor(() => clients[0]!.received.length > 0);
    expect(Buffer.compare(clients[0]!.received[0]!, Buffer.from(bytes(1000)))).toBe(0);
    expect(clients[1]!.received).toEqual([]);
  });

  it('writes a large room a slice at a time; what is stored meanwhile joins the pass for those not yet written', async () => {
    const { accepted, clients } = await room(40);
    // A slice of 0 ms yields after every 16 sockets: the first update is still going out
    // when the next two are stored.
    const sender = new RoomSender(() => accepted, undefined, 0);
    const first = cardUpdate(1, 'first');
    sender.updates([{ update: first, origin: accepted[0] }]);
    expect(sender.sending).toBe(true);
    sender.updates([{ update: cardUpdate(2, 'second'), origin: accepted[1] }]);
    sender.updates([{ update: cardUpdate(3, 'third'), origin: accepted[2] }]);
    await waitFor(() => !sender.sending);
    await waitFor(() => clients.slice(1, 16).every((c) => c.received.length === 2));
    // The first slice had the first update alone, and then the two stored after it, merged.
    for (const c of clients.slice(1, 16)) {
      expect(Buffer.from(updateIn(c.received[0]!)).equals(Buffer.from(first))).toBe(true);
      expect(cardsIn([updateIn(c.received[1]!)])).toEqual(['second', 'third']);
    }
    // The rest of the room had all three in one write.
    for (const c of clients.slice(16)) {
      expect(c.received).toHaveLength(1);
      expect(cardsIn(c.received.map(updateIn))).toEqual(['first', 'second', 'third']);
    }
    // The author of the first is left out of it; the merged one goes to everyone.
    expect(clients[0]!.received).toHaveLength(1);
    expect(cardsIn(clients[0]!.received.map(updateIn))).toEqual(['second', 'third']);
  });

  it('gets every socket each update stored after it joined, once, however passes and stores interleave', async () => {
    for (const seed of [7, 42, 2026]) {
      const { accepted, clients } = await room(40);
      const present = accepted.slice(0, 28);
      const sender = new RoomSender(() => present, undefined, 0);
      const expected = clients.map(() => new Set<string>());
      let state = seed;
      const random = () => {
        state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
        return state / 2 ** 31;
      };
      let cards = 0;
      for (let step = 0; step < 80; step++) {
        const roll = random();
        if (roll < 0.1 && present.length < accepted.length) {
          const ws = accepted[present.length]!;
          present.push(ws);
          sender.joined(ws);
        } else if (roll < 0.2) {
          sender.message(PRESENCE);
        } else {
          const author = Math.floor(random() * present.length);
          const title = `card ${++cards}`;
          sender.updates([{ update: cardUpdate(1000 + cards, title), origin: present[author] }]);
          for (const i of present.keys()) if (i !== author) expected[i]!.add(title);
        }
        if (random() < 0.5) await new Promise((r) => setImmediate(r));
      }
      await waitFor(() => !sender.sending);
      const updatesOf = (c: (typeof clients)[number]) =>
        c.received.filter((frame) => frame[0] === MESSAGE_SYNC).map(updateIn);
      await waitFor(() =>
        clients.every((c, i) => {
          const got = new Set(cardsIn(updatesOf(c)));
          return [...expected[i]!].every((title) => got.has(title));
        }),
      );
      for (const c of clients) {
        // Each update reached each socket in one write at most.
        const perFrame = updatesOf(c).map((u) => cardsIn([u]));
        expect(perFrame.flat().length).toBe(new Set(perFrame.flat()).size);
      }
      // Fewer writes than one per update per socket.
      const frames = clients.reduce((n, c) => n + updatesOf(c).length, 0);
      expect(frames).toBeLessThan(expected.reduce((n, e) => n + e.size, 0));
      for (const s of servers.splice(0)) {
        for (const c of s.clients) c.terminate();
        await new Promise((r) => s.close(r));
      }
    }
  });

  it('keeps presence messages in their order, lets updates pass them, and stops when told', async () => {
    const { accepted, clients } = await room(40);
    const sender = new RoomSender(() => accepted, undefined, 0);
    sender.message(bytes(10));
    sender.updates([{ update: cardUpdate(1, 'a') }]);
    sender.message(bytes(11));
    sender.updates([{ update: cardUpdate(2, 'b') }]);
    sender.message(bytes(12));
    const last = clients[39]!;
    await waitFor(() => last.received.length === 4);
    expect(last.received[0]!.length).toBe(10);
    expect(cardsIn([updateIn(last.received[1]!)])).toEqual(['a', 'b']);
    expect(last.received[2]!.length).toBe(11);
    expect(last.received[3]!.length).toBe(12);

    sender.message(bytes(20));
    sender.message(bytes(21));
    sender.stop();
    expect(sender.sending).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    // The first slice went out before stop(); nothing after it did.
    expect(last.received).toHaveLength(4);
    expect(clients[0]!.received).toHaveLength(5);
  });
});
