import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

// The y-websocket protocol's message types.
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** The protocol's answer to a change the sender may not make (the stock provider logs it). */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/**
 * A document update that changes nothing (no items, no deletions): a no-op for any client,
 * but a message all the same. The stock provider reconnects after 30 s without one, which
 * someone alone on a document (their own journal, an empty board) would otherwise do every
 * 30 s. Not a presence message, which a client may be waiting for as the answer to a query.
 */
export const KEEP_ALIVE: Uint8Array = encodeUpdate(Uint8Array.of(0, 0));

export interface Identity {
  id: string;
  name: string;
  colour: string;
}

/**
 * Rewrites an awareness update so each state's `user` is the connection's real identity:
 * a client cannot claim to be someone else. Entries for client ids owned by another
 * connection are dropped. Returns the rewritten update and the client ids it speaks for.
 */
export function stampAwarenessUpdate(
  update: Uint8Array,
  identity: Identity,
  isForeign: (clientId: number) => boolean,
  maxStateBytes: number,
): { update: Uint8Array; clientIds: number[] } {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: { clientId: number; clock: number; state: string }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    if (isForeign(clientId)) continue;
    if (raw.length > maxStateBytes) throw new Error('awareness state too large');
    const parsed: unknown = JSON.parse(raw);
    let state = 'null';
    if (parsed !== null) {
      const base = typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
      state = JSON.stringify({ ...base, user: identity });
    }
    entries.push({ clientId, clock, state });
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  return { update: encoding.toUint8Array(encoder), clientIds: entries.map((e) => e.clientId) };
}

const COLOURS = [
  '#0f766e',
  '#9333ea',
  '#c2410c',
  '#1d4ed8',
  '#be185d',
  '#4d7c0f',
  '#b45309',
  '#0e7490',
];
export function colourFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length]!;
}
