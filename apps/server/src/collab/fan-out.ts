import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import type { EndedSessions } from '../features/context.ts';

/** What one node hears of a document from the others. */
export interface DocListener {
  /** Updates another node has stored: apply, relay to local clients, do not store again. */
  updates(updates: Uint8Array[]): void;
  /** Another node's awareness change (its clients' presence and cursors). */
  awareness(update: Uint8Array): void;
  /** The link to the others was down for a while: catch up from the database. */
  resync(): void;
}

/** Control messages every node hears, for what must reach connections on all nodes. */
export type ControlMessage =
  | { kind: 'reauthorize'; docName?: string; userId?: string }
  | { kind: 'removed'; docName: string }
  | ({ kind: 'sessions-ended' } & EndedSessions)
  /** Someone's sessions or account changed: nodes drop what they cached of them. */
  | { kind: 'actor-changed'; userId: string }
  /** A cohort or its members changed (null: any cohort): nodes drop what they cached of it. */
  | { kind: 'cohort-access-changed'; cohortId: string | null };

/**
 * How the nodes of one deployment share live document traffic. Postgres stays the record:
 * a node publishes only what it has stored, and a node that hears of it applies it without
 * storing it again, so two nodes never lose or duplicate an update in the log.
 */
export interface DocFanOut {
  readonly nodeId: string;
  /** Resolves once this node hears the document's traffic (before the document is loaded). */
  join(docName: string, listener: DocListener): Promise<void>;
  leave(docName: string): Promise<void>;
  publishUpdates(docName: string, updates: Uint8Array[]): void;
  publishAwareness(docName: string, update: Uint8Array): void;
  publishControl(message: ControlMessage): void;
  onControl(handler: (message: ControlMessage) => void): void;
  /**
   * Called when the link to the other nodes drops and again when it is back: what they
   * published in between never arrives, so whatever relies on hearing it must start afresh.
   */
  onLinkLost(handler: () => void): void;
  close(): Promise<void>;
}

/** One node alone: nothing to share. */
export function singleNode(): DocFanOut {
  return {
    nodeId: 'single',
    join: async () => {},
    leave: async () => {},
    publishUpdates: () => {},
    publishAwareness: () => {},
    publishControl: () => {},
    onControl: () => {},
    onLinkLost: () => {},
    close: async () => {},
  };
}

const UPDATES = 0;
const AWARENESS = 1;

/**
 * Fan-out over Redis pub/sub: a channel per open document and one for control messages.
 * Pub/sub may drop messages while a link is down, so after a reconnect every open document
 * re-reads its stored log (Yjs applies what it already has as a no-op).
 */
export function redisFanOut(
  publisher: Redis,
  subscriber: Redis,
  prefix: string,
  logger: Logger,
): DocFanOut {
  const nodeId = randomUUID();
  const listeners = new Map<string, DocListener>();
  const controlHandlers: ((message: ControlMessage) => void)[] = [];
  const linkLostHandlers: (() => void)[] = [];
  const linkLost = () => {
    for (const handler of linkLostHandlers) handler();
  };
  const docChannel = (docName: string) => `${prefix}:collab:doc:${docName}`;
  const controlChannel = `${prefix}:collab:control`;
  const docOf = new Map<string, string>();
  // connectRedis has already connected the subscriber, so its first "ready" is behind us.
  let wasReady = subscriber.status === 'ready';

  const subscribed = subscriber.subscribe(controlChannel);
  // Awaited only once a document opens; a node that closes before then must not leave the
  // rejection unhandled.
  subscribed.catch((error: unknown) =>
    logger.warn({ err: error }, 'could not subscribe to the other nodes’ control channel'),
  );

  subscriber.on('messageBuffer', (channelBuffer: Buffer, message: Buffer) => {
    const channel = channelBuffer.toString();
    try {
      if (channel === controlChannel) {
        const parsed = JSON.parse(message.toString()) as ControlMessage & { from: string };
        if (parsed.from === nodeId) return;
        for (const handler of controlHandlers) handler(parsed);
        return;
      }
      const docName = docOf.get(channel);
      const listener = docName === undefined ? undefined : listeners.get(docName);
      if (!listener) return;
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarString(decoder) === nodeId) return;
      const kind = decoding.readVarUint(decoder);
      if (kind === UPDATES) {
        const count = decoding.readVarUint(decoder);
        const updates: Uint8Array[] = [];
        for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
        listener.updates(updates);
      } else if (kind === AWARENESS) {
        listener.awareness(decoding.readVarUint8Array(decoder));
      }
    } catch (error) {
      logger.warn({ err: error, channel }, 'ignored a malformed fan-out message');
    }
  });
  // Told at once, not when someone next asks whether the link is up: a reconnect can come
  // and go between two requests, and what was published meanwhile is lost all the same.
  subscriber.on('close', linkLost);
  // ioredis resubscribes by itself after a reconnect; what was published meanwhile is lost.
  subscriber.on('ready', () => {
    if (!wasReady) {
      wasReady = true;
      return;
    }
    linkLost();
    logger.warn({ documents: listeners.size }, 'fan-out link back: catching up from the database');
    for (const listener of listeners.values()) listener.resync();
  });

  const publish = (channel: string, payload: Buffer | string) => {
    publisher.publish(channel, payload).catch((error: unknown) => {
      // The others catch up from the database when the link returns; nothing is lost here.
      logger.warn({ err: error, channel }, 'could not publish to the other nodes');
    });
  };

  return {
    nodeId,
    async join(docName, listener) {
      await subscribed;
      listeners.set(docName, listener);
      docOf.set(docChannel(docName), docName);
      await subscriber.subscribe(docChannel(docName));
    },
    async leave(docName) {
      listeners.delete(docName);
      docOf.delete(docChannel(docName));
      await subscriber.unsubscribe(docChannel(docName)).catch(() => {});
    },
    publishUpdates(docName, updates) {
      if (updates.length === 0) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, nodeId);
      encoding.writeVarUint(encoder, UPDATES);
      encoding.writeVarUint(encoder, updates.length);
      for (const update of updates) encoding.writeVarUint8Array(encoder, update);
      publish(docChannel(docName), Buffer.from(encoding.toUint8Array(encoder)));
    },
    publishAwareness(docName, update) {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, nodeId);
      encoding.writeVarUint(encoder, AWARENESS);
      encoding.writeVarUint8Array(encoder, update);
      publish(docChannel(docName), Buffer.from(encoding.toUint8Array(encoder)));
    },
    publishControl(message) {
      publish(controlChannel, JSON.stringify({ ...message, from: nodeId }));
    },
    onControl(handler) {
      controlHandlers.push(handler);
    },
    onLinkLost(handler) {
      linkLostHandlers.push(handler);
    },
    async close() {
      listeners.clear();
      await subscriber.unsubscribe().catch(() => {});
    },
  };
}
