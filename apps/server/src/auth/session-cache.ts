import type { ControlMessage } from '../collab/fan-out.ts';
import type { EndedSessions } from '../features/context.ts';
import { createNodeCache, type NodeCacheOptions } from '../scale-out/node-cache.ts';
import type { Auth } from './auth.ts';
import type { Actor } from './session.ts';

/**
 * Who a session cookie belongs to, remembered per node so that an API request does not pay
 * better-auth's signature check and database reads each time. Revocation must still bite at
 * once, so every change that ends a session or alters what an Actor holds drops entries here
 * and, through the fan-out, on every other node; an entry never outlives its session.
 */
export interface SessionCache {
  /** The cached actor of this cookie header, if any; `epoch()` is read before a lookup. */
  get(cookie: string): Actor | undefined;
  /** Remembers a lookup, unless anything was invalidated since `epochAtStart`. */
  set(cookie: string, actor: Actor, sessionExpiresAt: Date, epochAtStart: number): void;
  epoch(): number;
  /** Sessions ended (sign-out, password change): here and on every node. */
  sessionsEnded(ended: EndedSessions): void;
  /** Someone's account changed (name, admin flag) or was erased: here and on every node. */
  userChanged(userId: string): void;
  size(): number;
}

export type SessionCacheOptions = NodeCacheOptions;

// Longer cookie headers are looked up every time rather than kept as keys.
const MAX_KEY_LENGTH = 4096;

export function createSessionCache(options: SessionCacheOptions): SessionCache {
  const cache = createNodeCache<Actor>(options);
  // All of a person's entries go: the browser that kept its session after a password change
  // simply looks it up again.
  const changedHere = (userId: string) => cache.dropWhere((_key, actor) => actor.userId === userId);

  options.fanOut?.onControl((message: ControlMessage) => {
    if (message.kind === 'sessions-ended' || message.kind === 'actor-changed')
      changedHere(message.userId);
    // Erasure reauthorizes the person's documents on every node; their entries go with it.
    else if (message.kind === 'reauthorize' && message.userId) changedHere(message.userId);
  });

  return {
    get: (cookie) => cache.get(cookie),
    set(cookie, actor, sessionExpiresAt, epochAtStart) {
      if (cookie.length > MAX_KEY_LENGTH) return;
      cache.set(cookie, actor, epochAtStart, sessionExpiresAt.getTime());
    },
    epoch: () => cache.epoch(),
    sessionsEnded(ended) {
      changedHere(ended.userId);
      // Not 'sessions-ended': that one also makes the other nodes' collab servers scan
      // their connections, which documents.sessionsEnded already asks for.
      options.fanOut?.publishControl({ kind: 'actor-changed', userId: ended.userId });
    },
    userChanged(userId) {
      changedHere(userId);
      options.fanOut?.publishControl({ kind: 'actor-changed', userId });
    },
    size: () => cache.size(),
  };
}

const cacheOf = new WeakMap<Auth, SessionCache>();

/** Gives an auth instance its node's cache; without one every request is looked up. */
export function attachSessionCache(auth: Auth, cache: SessionCache): void {
  cacheOf.set(auth, cache);
}

export function sessionCacheOf(auth: Auth): SessionCache | undefined {
  return cacheOf.get(auth);
}

/** Drops a person's cached sessions on every node, after a change to what their Actor holds. */
export function actorChanged(auth: Auth, userId: string): void {
  cacheOf.get(auth)?.userChanged(userId);
}
