import type { ControlMessage, DocFanOut } from '../collab/fan-out.ts';
import type { EndedSessions } from '../features/context.ts';
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

export interface SessionCacheOptions {
  ttlMs: number;
  maxEntries: number;
  fanOut?: DocFanOut | undefined;
  /** False while the link to the other nodes is down: their invalidations could be missed. */
  linkUp?: () => boolean;
  now?: () => number;
}

// Longer cookie headers are looked up every time rather than kept as keys.
const MAX_KEY_LENGTH = 4096;

interface Entry {
  actor: Actor;
  expiresAt: number;
}

export function createSessionCache(options: SessionCacheOptions): SessionCache {
  const now = options.now ?? Date.now;
  const linkUp = options.linkUp ?? (() => true);
  // Insertion order doubles as least-recently-used order: a hit is re-inserted at the end.
  const entries = new Map<string, Entry>();
  let epoch = 0;
  let linkWasUp = true;

  const usable = () => {
    if (options.ttlMs <= 0) return false;
    const up = linkUp();
    if (!up && linkWasUp) {
      // Messages published while the link is down are lost: forget everything, and cache
      // nothing until it is back.
      entries.clear();
      epoch++;
    }
    linkWasUp = up;
    return up;
  };

  const dropWhere = (matches: (actor: Actor) => boolean) => {
    epoch++;
    for (const [key, entry] of entries) if (matches(entry.actor)) entries.delete(key);
  };
  const endHere = (ended: EndedSessions) =>
    // All of the person's entries go: the browser that kept its session after a password
    // change simply looks it up again.
    dropWhere((actor) => actor.userId === ended.userId);
  const changedHere = (userId: string) => dropWhere((actor) => actor.userId === userId);

  options.fanOut?.onControl((message: ControlMessage) => {
    if (message.kind === 'sessions-ended') endHere(message);
    else if (message.kind === 'actor-changed') changedHere(message.userId);
    // Erasure reauthorizes the person's documents on every node; their entries go with it.
    else if (message.kind === 'reauthorize' && message.userId) changedHere(message.userId);
  });
  // Invalidations published while the link was down are lost: forget everything, on the
  // drop and again on the return, whether or not a request happened to look in between.
  options.fanOut?.onLinkLost(() => {
    entries.clear();
    epoch++;
  });

  return {
    get(cookie) {
      if (!usable()) return undefined;
      const entry = entries.get(cookie);
      if (!entry) return undefined;
      entries.delete(cookie);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(cookie, entry);
      return entry.actor;
    },
    set(cookie, actor, sessionExpiresAt, epochAtStart) {
      if (!usable() || epochAtStart !== epoch || cookie.length > MAX_KEY_LENGTH) return;
      const expiresAt = Math.min(now() + options.ttlMs, sessionExpiresAt.getTime());
      if (expiresAt <= now()) return;
      entries.delete(cookie);
      entries.set(cookie, { actor, expiresAt });
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },
    epoch: () => epoch,
    sessionsEnded(ended) {
      endHere(ended);
      // Not 'sessions-ended': that one also makes the other nodes' collab servers scan
      // their connections, which documents.sessionsEnded already asks for.
      options.fanOut?.publishControl({ kind: 'actor-changed', userId: ended.userId });
    },
    userChanged(userId) {
      changedHere(userId);
      options.fanOut?.publishControl({ kind: 'actor-changed', userId });
    },
    size: () => entries.size,
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
