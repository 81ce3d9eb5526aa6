import { schema } from '@colab/db';
import { testDatabaseKinds } from '@colab/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ControlMessage, DocFanOut } from '../collab/fan-out.ts';
import { on } from '../testing/cluster.ts';
import { newPerson, startTestServer, type TestServer } from '../testing/test-server.ts';
import type { Actor } from './session.ts';
import { createSessionCache, type SessionCache, sessionCacheOf } from './session-cache.ts';

describe.each(testDatabaseKinds())('the per-node session cache on %s', (database) => {
  let server: TestServer;
  let cache: SessionCache;
  beforeAll(async () => {
    server = await startTestServer({ database });
    cache = sessionCacheOf(server.auth)!;
    // The instance admin: the first account, so the people below are ordinary.
    await server.client().signUp(newPerson('Instance Admin'));
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** A signed-in person whose session is cached, and a copy of their cookies kept by someone else. */
  async function cachedPerson(name = 'Cass Cached') {
    const person = newPerson(name);
    const browser = server.client();
    expect((await browser.signUp(person)).status).toBe(200);
    expect((await browser.get('/api/me')).status).toBe(200);
    expect(cache.get(browser.cookieHeader)?.email).toBe(person.email);
    return { person, browser, kept: on(server, browser) };
  }

  it('serves a signed-in person from the cache and refuses a forged cookie', async () => {
    const { browser } = await cachedPerson();
    const getSession = vi.spyOn(server.auth.api, 'getSession');
    try {
      expect((await browser.get('/api/me')).status).toBe(200);
      expect(getSession).not.toHaveBeenCalled();
    } finally {
      getSession.mockRestore();
    }
    const forged = server.client();
    for (const [k, v] of browser.cookies) forged.cookies.set(k, `${v.slice(0, -2)}xx`);
    expect((await forged.get('/api/me')).status).toBe(401);
    expect(cache.get(forged.cookieHeader)).toBeUndefined();
  });

  it('refuses a cached session at once after sign-out', async () => {
    const { browser, kept } = await cachedPerson();
    expect((await browser.post('/api/auth/sign-out')).status).toBe(200);
    expect(cache.get(kept.cookieHeader)).toBeUndefined();
    expect((await kept.get('/api/me')).status).toBe(401);
  });

  it('refuses the other cached sessions at once after a password change, not this one', async () => {
    const { person, browser: laptop } = await cachedPerson();
    const phone = server.client();
    expect((await phone.signIn(person.email, person.password)).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(200);
    expect(cache.get(phone.cookieHeader)).toBeDefined();
    const changed = await laptop.post('/api/auth/change-password', {
      currentPassword: person.password,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await laptop.get('/api/me')).status).toBe(200);
  });

  it('refuses the other cached sessions at once after revoking them', async () => {
    const { person, browser: laptop } = await cachedPerson();
    const phone = server.client();
    expect((await phone.signIn(person.email, person.password)).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(200);
    expect((await laptop.post('/api/auth/revoke-other-sessions')).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await laptop.get('/api/me')).status).toBe(200);
  });

  it('refuses a cached session at once after the account is erased', async () => {
    const { person, browser, kept } = await cachedPerson();
    const erased = await browser.request('DELETE', '/api/me', {
      json: { confirm: person.email.toLowerCase() },
    });
    expect(erased.status).toBe(204);
    expect(cache.get(kept.cookieHeader)).toBeUndefined();
    expect((await kept.get('/api/me')).status).toBe(401);
  });

  it('refuses a cached session whose account another node has just erased', async () => {
    const { browser, kept } = await cachedPerson();
    const userId = (await browser.get('/api/me')).body.id as string;
    // The row goes as on another node, before its invalidation arrives here.
    await server.features.db.delete(schema.users).where(eq(schema.users.id, userId));
    expect(cache.get(kept.cookieHeader)).toBeDefined();
    expect((await kept.get('/api/me')).status).toBe(401);
  });

  it('forgets a cached person whose name changed', async () => {
    const { browser } = await cachedPerson('Old Name');
    expect(cache.get(browser.cookieHeader)?.name).toBe('Old Name');
    const patched = await browser.request('PATCH', '/api/me', {
      json: { displayName: 'New Name' },
    });
    expect(patched.status).toBe(200);
    expect(cache.get(browser.cookieHeader)).toBeUndefined();
    expect((await browser.get('/api/me')).status).toBe(200);
    expect(cache.get(browser.cookieHeader)?.name).toBe('New Name');
  });
});

describe('session cache bounds', () => {
  const actor = (userId: string): Actor => ({
    userId,
    sessionId: `s-${userId}`,
    name: userId,
    email: `${userId}@example.org`,
    isInstanceAdmin: false,
    createdAt: new Date(0),
  });
  const farFuture = new Date(10_000_000);

  it('keeps an entry no longer than its TTL nor its session', () => {
    let now = 0;
    const cache = createSessionCache({ ttlMs: 1_000, maxEntries: 10, now: () => now });
    cache.set('a', actor('a'), farFuture, cache.epoch());
    cache.set('b', actor('b'), new Date(500), cache.epoch());
    now = 499;
    expect(cache.get('a')?.userId).toBe('a');
    expect(cache.get('b')?.userId).toBe('b');
    now = 500;
    expect(cache.get('b')).toBeUndefined();
    now = 1_000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its size', () => {
    const cache = createSessionCache({ ttlMs: 1_000, maxEntries: 2, now: () => 0 });
    cache.set('a', actor('a'), farFuture, cache.epoch());
    cache.set('b', actor('b'), farFuture, cache.epoch());
    expect(cache.get('a')).toBeDefined();
    cache.set('c', actor('c'), farFuture, cache.epoch());
    expect(cache.size()).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('does not keep a lookup that began before an invalidation', () => {
    const cache = createSessionCache({ ttlMs: 1_000, maxEntries: 10, now: () => 0 });
    const started = cache.epoch();
    cache.userChanged('a');
    cache.set('a', actor('a'), farFuture, started);
    expect(cache.get('a')).toBeUndefined();
  });

  it('caches nothing with a TTL of 0', () => {
    const cache = createSessionCache({ ttlMs: 0, maxEntries: 10, now: () => 0 });
    cache.set('a', actor('a'), farFuture, cache.epoch());
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops what other nodes invalidate, and everything while the link to them is down', () => {
    let handler: (message: ControlMessage) => void = () => {};
    const published: ControlMessage[] = [];
    const fanOut = {
      onControl: (h: (message: ControlMessage) => void) => {
        handler = h;
      },
      publishControl: (message: ControlMessage) => published.push(message),
      onLinkLost: () => {},
    } as unknown as DocFanOut;
    let up = true;
    const cache = createSessionCache({
      ttlMs: 1_000,
      maxEntries: 10,
      fanOut,
      linkUp: () => up,
      now: () => 0,
    });
    for (const id of ['a', 'b', 'c', 'd']) cache.set(id, actor(id), farFuture, cache.epoch());
    handler({ kind: 'sessions-ended', userId: 'a', sessionIds: ['s-a'] });
    handler({ kind: 'actor-changed', userId: 'b' });
    handler({ kind: 'reauthorize', userId: 'c' });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('d')).toBeDefined();

    cache.sessionsEnded({ userId: 'd', sessionIds: ['s-d'] });
    expect(published).toEqual([{ kind: 'actor-changed', userId: 'd' }]);

    cache.set('d', actor('d'), farFuture, cache.epoch());
    up = false;
    expect(cache.get('d')).toBeUndefined();
    cache.set('d', actor('d'), farFuture, cache.epoch());
    up = true;
    expect(cache.get('d')).toBeUndefined();
  });

  it('forgets everything when the link drops or returns, even if nobody looked meanwhile', () => {
    let lost = () => {};
    const fanOut = {
      onControl: () => {},
      publishControl: () => {},
      onLinkLost: (handler: () => void) => {
        lost = handler;
      },
    } as unknown as DocFanOut;
    // The link reads as up at every lookup: a reconnect came and went between two of them.
    const cache = createSessionCache({ ttlMs: 1_000, maxEntries: 10, fanOut, now: () => 0 });
    cache.set('a', actor('a'), farFuture, cache.epoch());
    const started = cache.epoch();
    lost();
    expect(cache.get('a')).toBeUndefined();
    // A lookup that began before the drop is not kept either.
    cache.set('a', actor('a'), farFuture, started);
    expect(cache.get('a')).toBeUndefined();
  });
});
