import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeUpdate } from './messages.ts';

/**
 * A WebSocket frame header for one unmasked, final binary message (RFC 6455 §5.2): what `ws`
 * would build again for every socket, built once here for the whole room.
 */
function frameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([0x82, length]);
  if (length < 65_536) {
    const header = Buffer.allocUnsafe(4);
    header[0] = 0x82;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.allocUnsafe(10);
  header[0] = 0x82;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

/** The socket under a `ws` connection, when frames may be written to it directly. */
function rawSocket(ws: WebSocket): Duplex | undefined {
  // With no extension negotiated (no permessage-deflate), `ws` writes each message straight
  // to this socket, in order, so a frame written here is exactly what `ws.send` would write.
  if (ws.extensions !== '') return undefined;
  return socketOf(ws);
}

function socketOf(ws: WebSocket): Duplex | undefined {
  return (ws as unknown as { _socket?: Duplex })._socket;
}

/** Runs `write` with the connection's socket corked, so the frames it sends leave in one write. */
export function withWritesCorked(ws: WebSocket, write: () => void) {
  const socket = socketOf(ws);
  socket?.cork();
  try {
    write();
  } finally {
    socket?.uncork();
  }
}

/** One message on its way to a room: framed once, written to each socket in turn. */
class Outgoing {
  private framed: Buffer | undefined;
  constructor(
    readonly message: Uint8Array,
    readonly except: unknown,
  ) {}

  writeTo(ws: WebSocket, limits: SenderLimits) {
    if (ws === this.except || ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > limits.maxBufferedBytes) return limits.onBackedUp(ws);
    const socket = rawSocket(ws);
    if (!socket || socket.destroyed) {
      ws.send(this.message);
      return;
    }
    this.framed ??= Buffer.concat([frameHeader(this.message.byteLength), this.message]);
    socket.write(this.framed);
  }
}

/** A stored document update, and where it came from (the author's socket, if local). */
export interface StoredUpdate {
  update: Uint8Array;
  origin?: unknown;
}

type Queued =
  | { kind: 'update'; update: Uint8Array; except: unknown }
  | { kind: 'message'; message: Uint8Array; except: unknown };

export interface SenderLimits {
  /** Bytes a socket may have waiting to go out before it is reported as backed up. */
  maxBufferedBytes: number;
  /** A socket that is not reading what it is sent (it gets nothing more from here). */
  onBackedUp(ws: WebSocket): void;
}

/** Sockets written between looks at the clock. */
const CLOCK_EVERY = 16;

/**
 * What goes out to one room, in order. A message is written to every socket with one write
 * each (a socket write on loopback costs about 10 µs, most of it the kernel's), a slice at a
 * time: after `sliceMs` the event loop gets a turn (incoming edits, commits, other rooms)
 * and the rest follows, so one edit to a thousand people does not stall the server. Document
 * updates that are stored while a message is still going out wait, and then go out merged as
 * one, so the writes a room costs fall as the edits rise instead of growing with them.
 */
export class RoomSender {
  private readonly queue: Queued[] = [];
  private busy = false;
  private stopped = false;

  constructor(
    private readonly room: () => Iterable<WebSocket>,
    private readonly limits: SenderLimits = {
      maxBufferedBytes: Number.POSITIVE_INFINITY,
      onBackedUp: () => {},
    },
    private readonly sliceMs = 2,
  ) {}

  /**
   * Stored document updates (not yet framed as sync messages), in the order they were stored.
   * Each author is left out of what goes back unless their update is merged with someone
   * else's.
   */
  updates(stored: readonly StoredUpdate[]) {
    for (const { update, origin } of stored)
      this.queue.push({ kind: 'update', update, except: origin });
    if (!this.busy) this.next();
  }

  /** A message sent as it is, after those queued before it (presence). */
  message(message: Uint8Array, except?: unknown) {
    this.queue.push({ kind: 'message', message, except });
    if (!this.busy) this.next();
  }

  /** Whether something is still on its way out. */
  get sending(): boolean {
    return this.busy;
  }

  /** Drops whatever has not gone out yet (the room is closing). */
  stop() {
    this.stopped = true;
    this.busy = false;
    this.queue.length = 0;
  }

  private next() {
    const outgoing = this.stopped ? undefined : this.take();
    if (!outgoing) {
      this.busy = false;
      return;
    }
    this.busy = true;
    this.write(outgoing, [...this.room()], 0);
  }

  /** The next message: every update waiting, merged, or else the next message as it is. */
  private take(): Outgoing | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    if (head.kind === 'message') {
      this.queue.shift();
      return new Outgoing(head.message, head.except);
    }
    // Presence and content are independent, so updates may pass presence messages.
    const updates = this.queue.filter((q) => q.kind === 'update');
    const messages = this.queue.filter((q) => q.kind === 'message');
    this.queue.splice(0, this.queue.length, ...messages);
    if (updates.length === 1) return new Outgoing(encodeUpdate(head.update), head.except);
    const merged = Y.mergeUpdates(updates.map((u) => u.update));
    // An author gets its own edits back only when they are merged with others' (harmless).
    const except = updates.every((u) => u.except === head.except) ? head.except : undefined;
    return new Outgoing(encodeUpdate(merged), except);
  }

  private write(outgoing: Outgoing, sockets: WebSocket[], from: number) {
    if (this.stopped) return;
    const started = performance.now();
    for (let i = from; i < sockets.length; i++) {
      outgoing.writeTo(sockets[i]!, this.limits);
      if (
        (i + 1) % CLOCK_EVERY === 0 &&
        i + 1 < sockets.length &&
        performance.now() - started >= this.sliceMs
      ) {
        setImmediate(() => this.write(outgoing, sockets, i + 1));
        return;
      }
    }
    this.next();
  }
}
