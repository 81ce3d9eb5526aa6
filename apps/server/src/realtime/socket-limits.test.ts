import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openReadySocket } from '../testing/socket-client.ts';
import {
  newPerson,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../testing/test-server.ts';

describe('Socket.IO limits', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      database: 'pglite',
      // Bursts are five seconds' worth: 10 per connection, 15 per person.
      env: { SOCKET_EVENTS_PER_SECOND: '2', SOCKET_ACCOUNT_EVENTS_PER_SECOND: '3' },
    });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => server?.stop());

  async function person(): Promise<TestClient> {
    const client = server.client();
    await client.signUp(newPerson());
    return client;
  }
  async function socketOf(client: TestClient) {
    const socket = await openReadySocket(server.url, client);
    sockets.push(socket);
    return socket;
  }
  const pings = (socket: Socket, count: number) =>
    Promise.all(
      Array.from(
        { length: count },
        () => socket.timeout(5_000).emitWithAck('ping') as Promise<Record<string, any>>,
      ),
    );

  it('refuses events over a connection’s rate with a reason, and others’ carry on', async () => {
    const flooder = await socketOf(await person());
    const acks = await pings(flooder, 14);
    const refused = acks.filter((a) => a.error);
    expect(acks.filter((a) => a.data)).toHaveLength(10);
    expect(refused[0]).toEqual({
      error: { code: 'rate_limited', message: 'Too many events from this connection.' },
    });
    const calm = await socketOf(await person());
    expect((await pings(calm, 1))[0]).toHaveProperty('data');
  });

  it('limits one person’s connections together, each under its own limit', async () => {
    const someone = await person();
    const tabs = [await socketOf(someone), await socketOf(someone)];
    const acks = (await Promise.all(tabs.map((tab) => pings(tab, 9)))).flat();
    expect(acks.filter((a) => a.data)).toHaveLength(15);
    expect(acks.filter((a) => a.error)).toEqual(
      Array(3).fill({
        error: { code: 'rate_limited', message: 'Too many events from this account.' },
      }),
    );
  });

  it('closes a connection that sends a message over 1 MB', async () => {
    const socket = await socketOf(await person());
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('presence:set', { blob: 'x'.repeat(1_000_001) });
    expect(await gone).toBe('transport close');
  });
});
