import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionCache } from '../auth/session-cache.ts';
import { type DocFanOut, redisFanOut } from '../collab/fan-out.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('a node whose Redis link drops and returns', () => {
  let publisher: Redis;
  let subscriber: Redis;
  let fanOut: DocFanOut;
  beforeAll(async () => {
    const options = { lazyConnect: true, retryStrategy: () => 20 };
    publisher = new Redis(REDIS_URL, options);
    subscriber = new Redis(REDIS_URL, options);
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
    } catch (error) {
      throw new Error(
        `This suite needs Redis at ${REDIS_URL}, which is not answering (${(error as Error).message}): start it (infra/scripts/start-test-services.sh) or set REDIS_URL.`,
      );
    }
    const prefix = `colab-test-${randomBytes(6).toString('hex')}`;
    fanOut = redisFanOut(publisher, subscriber, prefix, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await fanOut?.close();
    publisher?.disconnect();
    subscriber?.disconnect();
  });

  it('forgets its cached sessions, though no request looked while the link was down', async () => {
    const linkUp = () => publisher.status === 'ready' && subscriber.status === 'ready';
    const cache = createSessionCache({ ttlMs: 60_000, maxEntries: 10, fanOut, linkUp });
    let lost = 0;
    fanOut.onLinkLost(() => lost++);
    const actor = {
      userId: 'u',
      sessionId: 's',
      name: 'Una',
      email: 'una@example.org',
      isInstanceAdmin: false,
      createdAt: new Date(0),
    };
    cache.set('cookie', actor, new Date(Date.now() + 60_000), cache.epoch());
    expect(cache.get('cookie')?.userId).toBe('u');

    // Whatever the other nodes published in between (a sign-out, say) never arrives here.
    const back = once(subscriber, 'ready');
    subscriber.disconnect(true);
    await back;

    expect(linkUp()).toBe(true);
    expect(lost).toBe(2);
    expect(cache.get('cookie')).toBeUndefined();
  });
});
