import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type DocFanOut, redisFanOut } from '../collab/fan-out.ts';

/**
 * The Redis connections of a node that runs alongside others: one for publishing (which the
 * Socket.IO adapter also duplicates for its stream reads) and one for subscribing.
 */
export interface RedisLink {
  /** The Socket.IO adapter: rooms and events span every node; connection state recovery works across them. */
  socketAdapter: ReturnType<typeof createAdapter>;
  fanOut: DocFanOut;
  /** False while either connection is down (ioredis keeps reconnecting meanwhile). */
  connected(): boolean;
  close(): Promise<void>;
}

export async function connectRedis(
  url: string,
  prefix: string,
  logger: Logger,
): Promise<RedisLink> {
  const log = logger.child({ module: 'redis' });
  const options = {
    lazyConnect: true,
    // Keep retrying while the node runs; at start, fail fast instead (below).
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
    maxRetriesPerRequest: 3,
  };
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  for (const [name, client] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    client.on('error', (error) => log.warn({ err: error, client: name }, 'redis error'));
  }
  try {
    await withTimeout(Promise.all([publisher.connect(), subscriber.connect()]), 10_000);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw new Error(
      `Redis at ${redacted(url)} is not answering (${(error as Error).message}): start it, or unset REDIS_URL to run a single node.`,
    );
  }
  const fanOut = redisFanOut(publisher, subscriber, prefix, log);
  return {
    socketAdapter: createAdapter(withDroppedRepliesHandled(publisher, log), {
      streamName: `${prefix}:socket.io`,
      sessionKeyPrefix: `${prefix}:sio:session:`,
      // Its pub/sub channels too, or nodes of two deployments sharing a Redis would answer
      // each other's fetchSockets (the default is one fixed name for everyone).
      channelPrefix: `${prefix}:socket.io`,
    }),
    fanOut,
    connected: () => publisher.status === 'ready' && subscriber.status === 'ready',
    async close() {
      await fanOut.close();
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}

/** Commands the adapter sends without keeping their promise. */
const FIRE_AND_FORGET = new Set(['set', 'publish', 'spublish', 'subscribe', 'ssubscribe']);

/**
 * The Socket.IO adapter stores a disconnected socket's session and publishes ephemeral
 * messages (fetchSockets, serverSideEmit) without handling the reply. Once the link is closing
 * or down those replies are rejections nobody handles, which would end the process. This view
 * of the client logs them instead; callers that do wait still get the rejection. Its
 * duplicates (the adapter's subscriber and stream readers) get the same view.
 */
function withDroppedRepliesHandled(client: Redis, log: Logger): Redis {
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'duplicate')
        return (...args: unknown[]) =>
          withDroppedRepliesHandled(value.apply(target, args) as Redis, log);
      if (typeof property === 'string' && FIRE_AND_FORGET.has(property))
        return (...args: unknown[]) => {
          const reply = value.apply(target, args) as Promise<unknown>;
          reply.catch((error: unknown) =>
            log.debug({ err: error, command: property }, 'redis command failed'),
          );
          return reply;
        };
      return value.bind(target);
    },
  });
}

function redacted(url: string) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
