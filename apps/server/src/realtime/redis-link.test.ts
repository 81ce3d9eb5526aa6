import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireRedis } from '../testing/cluster.ts';
import { connectRedis } from './redis-link.ts';

/**
 * The Socket.IO adapter fires some Redis commands and drops their promises: the session it
 * keeps for a socket that disconnects, and the PUBLISH of ephemeral messages (fetchSockets,
 * serverSideEmit). A node shutting down, or losing Redis, must not turn those into
 * unhandled rejections, which end a Node process.
 */
describe('the Redis link of a node', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  async function linkedServer() {
    const url = await requireRedis();
    const prefix = `colab-test-${randomBytes(6).toString('hex')}`;
    const link = await connectRedis(url, prefix, pino({ level: 'silent' }));
    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const io = new Server(http, {
      adapter: link.socketAdapter,
      connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
    });
    return { url, prefix, link, io, adapter: io.of('/').adapter };
  }

  const session = () => ({
    sid: randomBytes(8).toString('hex'),
    pid: randomBytes(8).toString('hex'),
    rooms: [],
    data: {},
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  it('leaves no rejection unhandled for what the adapter sends as the link closes', async () => {
    const { link, io, adapter } = await linkedServer();
    try {
      // Sent after QUIT went out, before the connection ended.
      const closing = link.close();
      adapter.persistSession(session());
      io.serverSideEmit('nobody-listens');
      await closing;
      // Sent once it has ended.
      adapter.persistSession(session());
      io.serverSideEmit('nobody-listens');
      await settle();
      expect(unhandled).toEqual([]);
    } finally {
      await io.close();
    }
  });

  it('still stores a disconnected socket’s session and publishes while the link is up', async () => {
    const { url, prefix, link, io, adapter } = await linkedServer();
    const reader = new Redis(url);
    try {
      const kept = session();
      adapter.persistSession(kept);
      const key = `${prefix}:sio:session:${kept.pid}`;
      await expect.poll(() => reader.exists(key)).toBe(1);
      expect(await reader.pttl(key)).toBeGreaterThan(0);
      // Ephemeral messages (fetchSockets, serverSideEmit) go over channels under the prefix,
      // so deployments sharing a Redis never answer each other's requests.
      await expect
        .poll(async () => (await reader.pubsub('CHANNELS', `${prefix}:*`)) as string[])
        .toContain(`${prefix}:socket.io#/#`);
      await settle();
      expect(unhandled).toEqual([]);
    } finally {
      reader.disconnect();
      await io.close();
      await link.close();
    }
  });
});
