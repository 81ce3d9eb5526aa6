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

/** A stored update in the room's log; the first is number `settled + 1`, and so on. */
interface Logged {
  update: Uint8Array;
  except: unknown;
}

export interface SenderLimits {
  /** Bytes a socket may have waiting to go out before it is reported as backed up. */
  maxBufferedBytes: number;
  /** A socket that is not reading what it is sent (it gets nothing more from here). */
  onBackedUp(ws: WebSocket): void;
}

/** Sockets written between looks at the clock. */
const CLOCK_EVERY = 16;

/**
 * What goes out to one room. A message is written to every socket with one write each (a
 * socket write on loopback costs about 10 µs, most of it the kernel's), a slice at a time:
 * after `sliceMs` the event loop gets a turn (incoming edits, commits, other rooms) and the
 * rest follows, so one edit to a thousand people does not stall the server.
 *
 * Document updates are numbered as they are stored, and the sender knows how far along them
 * each socket is. A pass over the room sends each socket everything it lacks as one merged
 * update, so an update stored while a pass is going out joins it for the sockets not yet
 * written (they get both in one write, no later than they would have had the first), and
 * the sockets already written get it in the next pass, which starts with them. The writes a
 * room costs fall as the edits rise, and the last socket of a large room does not wait for a
 * whole pass to finish before its next one starts.
 */
export class RoomSender {
  /** Stored updates that some socket in the room may still lack. */
  private readonly log: Logged[] = [];
  /** The number of the newest stored update. */
  private head = 0;
  /** Every update up to this number has reached every socket in the room. */
  private settled = 0;
  /** How far along the log each socket is. */
  private readonly reached = new WeakMap<WebSocket, number>();
  /** The merged update for sockets that have reached a given number, for the current head. */
  private readonly ranges = new Map<number, Outgoing | null>();
  private readonly messages: { message: Uint8Array; except: unknown }[] = [];
  private busy = false;
  private stopped = false;
  private lastWasUpdates = false;

  constructor(
    private readonly room: () => Iterable<WebSocket>,
    private readonly limits: SenderLimits = {
      maxBufferedBytes: Number.POSITIVE_INFINITY,
      onBackedUp: () => {},
    },
    private readonly sliceMs = 2,
  ) {}

  /**
   * A socket joins the room. It is given the document as it is by its own sync answer (held
   * back until everything in it is stored), so it needs only the updates stored from now on.
   * A socket never announced is treated as having joined when the log was last emptied.
   */
  joined(ws: WebSocket) {
    this.reached.set(ws, this.head);
  }

  /**
   * Stored document updates (not yet framed as sync messages), in the order they were stored.
   * Each author is left out of what goes back unless their update is merged with someone
   * else's.
   */
  updates(stored: readonly StoredUpdate[]) {
    if (this.stopped || stored.length === 0) return;
    for (const { update, origin } of stored) this.log.push({ update, except: origin });
    this.head += stored.length;
    this.ranges.clear();
    if (!this.busy) this.next();
  }

  /** A message sent as it is, in order with other messages (presence). */
  message(message: Uint8Array, except?: unknown) {
    if (this.stopped) return;
    this.messages.push({ message, except });
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
    this.log.length = 0;
    this.messages.length = 0;
    this.ranges.clear();
  }

  private next() {
    if (this.stopped) return;
    const updatesDue = this.head > this.settled;
    // Presence and content are independent, so updates may pass presence messages; a
    // message still goes out after each pass of updates, so a busy board cannot starve it.
    if (this.messages.length > 0 && (!updatesDue || this.lastWasUpdates)) {
      const { message, except } = this.messages.shift()!;
      this.lastWasUpdates = false;
      this.busy = true;
      this.writeMessage(new Outgoing(message, except), [...this.room()], 0);
    } else if (updatesDue) {
      this.lastWasUpdates = true;
      this.busy = true;
      this.writeUpdates([...this.room()], 0);
    } else {
      this.busy = false;
    }
  }

  /** What a socket that has reached `from` lacks, as one message (null: nothing for it). */
  private rangeFrom(from: number): Outgoing | null {
    let outgoing = this.ranges.get(from);
    if (outgoing !== undefined) return outgoing;
    const lacking = this.log.slice(Math.max(0, from - this.settled));
    const [first] = lacking;
    if (!first) outgoing = null;
    else if (lacking.length === 1)
      outgoing = new Outgoing(encodeUpdate(first.update), first.except);
    else {
      const merged = Y.mergeUpdates(lacking.map((l) => l.update));
      // An author gets its own edits back only when they are merged with others' (harmless).
      const except = lacking.every((l) => l.except === first.except) ? first.except : undefined;
      outgoing = new Outgoing(encodeUpdate(merged), except);
    }
    this.ranges.set(from, outgoing);
    return outgoing;
  }

  private writeUpdates(sockets: WebSocket[], from: number) {
    if (this.stopped) return;
    const started = performance.now();
    for (let i = from; i < sockets.length; i++) {
      const ws = sockets[i]!;
      const reached = this.reached.get(ws) ?? this.settled;
      if (reached < this.head) {
        this.rangeFrom(reached)?.writeTo(ws, this.limits);
        this.reached.set(ws, this.head);
      }
      if (
        (i + 1) % CLOCK_EVERY === 0 &&
        i + 1 < sockets.length &&
        performance.now() - started >= this.sliceMs
      ) {
        setImmediate(() => this.writeUpdates(sockets, i + 1));
        return;
      }
    }
    this.settle();
    this.next();
  }

  /**
   * After a pass: how far every socket now in the room has got (some were written before
   * the last updates were stored, some joined meanwhile), and the log before that let go.
   */
  private settle() {
    let lowest = this.head;
    for (const ws of this.room()) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      lowest = Math.min(lowest, this.reached.get(ws) ?? this.settled);
    }
    this.log.splice(0, lowest - this.settled);
    this.settled = lowest;
    this.ranges.clear();
  }

  private writeMessage(outgoing: Outgoing, sockets: WebSocket[], from: number) {
    if (this.stopped) return;
    const started = performance.now();
    for (let i = from; i < sockets.length; i++) {
      outgoing.writeTo(sockets[i]!, this.limits);
      if (
        (i + 1) % CLOCK_EVERY === 0 &&
        i + 1 < sockets.length &&
        performance.now() - started >= this.sliceMs
      ) {
        setImmediate(() => this.writeMessage(outgoing, sockets, i + 1));
        return;
      }
    }
    this.next();
  }
}
