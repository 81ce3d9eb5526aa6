import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newPerson, startTestServer, type TestServer } from '../testing/test-server.ts';

describe('Socket.IO handshake', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite' });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => server?.stop());

  function open(headers: Record<string, string>): Socket {
    const socket = connect(server.url, {
      transports: ['websocket'],
      extraHeaders: headers,
      reconnection: false,
      timeout: 5_000,
    });
    sockets.push(socket);
    return socket;
  }

  function outcome(socket: Socket): Promise<{ connected: true } | { error: string }> {
    return new Promise((resolve) => {
      socket.once('connect', () => resolve({ connected: true }));
      socket.once('connect_error', (error) => resolve({ error: error.message }));
    });
  }

  it('refuses a connection without a session cookie', async () => {
    expect(await outcome(open({}))).toEqual({ error: 'unauthenticated' });
  });

  it('refuses a connection with a made-up session cookie', async () => {
    const socket = open({ cookie: 'better-auth.session_token=forged.value' });
    expect(await outcome(socket)).toEqual({ error: 'unauthenticated' });
  });

  it('accepts a signed-in person, tells them who they are and answers acknowledgements', async () => {
    const client = server.client();
    await client.signUp(newPerson());
    const me = await client.get('/api/me');
    const socket = open({ cookie: client.cookieHeader, origin: server.url });
    const ready = new Promise((resolve) => socket.once('session:ready', resolve));
    expect(await outcome(socket)).toEqual({ connected: true });
    expect(await ready).toEqual({ userId: me.body.id, cohortIds: [] });
    const ack = await socket.timeout(2_000).emitWithAck('ping');
    expect(ack).toEqual({ data: { at: expect.any(String) } });
  });

  it('refuses a browser connection from a foreign origin, even with a valid cookie', async () => {
    const client = server.client();
    await client.signUp(newPerson());
    const socket = open({ cookie: client.cookieHeader, origin: 'https://evil.example' });
    const result = await outcome(socket);
    expect(result).not.toEqual({ connected: true });
  });
});
