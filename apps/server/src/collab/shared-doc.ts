import type { Database } from '@colab/db';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Actor } from '../auth/session.ts';
import { RoomSender, type StoredUpdate } from './broadcast.ts';
import { cutFromServer } from './closed-by-server.ts';
import { documentTextOf, storeDocumentText } from './document-text.ts';
import type { DocFanOut } from './fan-out.ts';
import {
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  type Identity,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  stampAwarenessUpdate,
} from './messages.ts';
import {
  appendUpdates,
  compactDocument,
  countLoggedUpdates,
  loadStoredUpdates,
} from './persistence.ts';

export interface Connection {
  ws: WebSocket;
  actor: Actor;
  identity: Identity;
  readOnly: boolean;
  /** Why an update from this connection may not be applied (rules inside the document). */
  refusal?: (doc: Y.Doc, update: Uint8Array) => string | null;
  /** Why this reader may not write, where its page can be told (see DocumentGrant). */
  readOnlyBecause?: string | undefined;
  /** Awareness client ids this connection speaks for. */
  clientIds: Set<number>;
  /** Messages are handled one at a time, in arrival order. */
  queue: Promise<void>;
  /** Whether the server has sent this connection its own sync step 1 yet. */
  greeted?: boolean;
}

export interface SharedDocOptions {
  db: Database;
  logger: Logger;
  /** Fold the log into a snapshot once it holds this many updates. */
  compactAfter: number;
  /**
   * Once nothing has changed for this long, the decoded Y.Doc is dropped for its encoded state
   * (0: never), and decoded again when someone writes or a client needs a diff.
   */
  restAfterMs: number;
  maxAwarenessStateBytes: number;
  /** Bytes waiting to go out to one connection before it is dropped as not reading. */
  maxBufferedBytes: number;
  /** The other nodes' traffic for this document (nothing, on a single node). */
  fanOut: DocFanOut;
}

export class ProtocolViolation extends Error {}

interface Commit {
  batch: StoredUpdate[];
  stored: boolean;
}

const LOAD_ORIGIN = Symbol('load');
/** Changes another node stored and told us of: relayed to our clients, never stored again. */
const REMOTE_ORIGIN = Symbol('remote');
const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 8;
/** Up to this many connections, awareness goes out at once; above it, in batches. */
const AWARENESS_BATCH_ABOVE = 50;
const AWARENESS_BATCH_MS = 50;
const KEEP_WHOLE_STATE_FROM_BYTES = 64 * 1024;
/**
 * Inserts one document may have on their way at once. Each waits only for the Postgres round
 * trip, and they overlap: an edit arriving while one commits is not held for it.
 */
const COMMITS_IN_FLIGHT = 3;
/** How long after the last stored edit a document's words are indexed for search. */
const TEXT_INDEX_DELAY_MS = 1_500;

/**
 * One shared document in memory. Incoming updates are applied, appended to the Postgres
 * log in batches (group commit: everything that arrived in one event-loop turn goes in one
 * insert; a few inserts may be on their way at once) and relayed to the other connections
 * only once committed, in the order they arrived, so anything a client has seen from the
 * server is durable, and so is everything that came before it.
 */
export class SharedDoc {
  /** The decoded document, replaced by a fresh one each time the document rests. */
  private ydoc: Y.Doc;
  /**
   * Presence, on a Y.Doc of its own (it only needs a client id), so that the document's content
   * can be dropped while people stay connected.
   */
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  /**
   * The document as stored (snapshot first, then the log), kept undecoded until something
   * needs the Y.Doc: a fresh client is sent these bytes as they are, so opening a large board
   * costs the server a database read, not a decode and re-encode.
   */
  private stored: Uint8Array[] | undefined;
  /**
   * The whole decoded document as one framed sync step 2, kept between changes when large:
   * everyone opening a big board at a meeting's start is sent the same bytes, encoded once.
   */
  private wholeState: Uint8Array | undefined;
  readonly connections = new Map<WebSocket, Connection>();
  /** Everything sent to the whole room goes through here, in order. */
  private readonly out: RoomSender;
  readonly ready: Promise<void>;
  droppedReadOnlyUpdates = 0;
  refusedUpdates = 0;
  private pending: StoredUpdate[] = [];
  /** Local updates handed to the log, and how many of them are stored, in arrival order. */
  private updatesQueued = 0;
  private updatesStored = 0;
  /** Answers holding the document as it was when asked, each sent once that much is stored. */
  private answersWaiting: { upTo: number; conn: Connection; message: Uint8Array }[] = [];
  /** Resolves once nothing is pending or being stored. */
  private flushing: Promise<void> | undefined;
  private flushed: (() => void) | undefined;
  private launchScheduled = false;
  /** Batches handed to the log and not yet relayed, in arrival order. */
  private commits: Commit[] = [];
  private loggedSinceCompaction = 0;
  private compacting: Promise<void> | undefined;
  private destroyed = false;
  private textTimer: NodeJS.Timeout | undefined;
  private awarenessChanged = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | undefined;
  /** Which connection speaks for each awareness client id. */
  private readonly awarenessOwners = new Map<number, Connection>();
  /** When the decoded document last changed (or was decoded), and the check for rest. */
  private lastChangeAt = 0;
  private restTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    private readonly options: SharedDocOptions,
  ) {
    this.out = new RoomSender(() => this.connections.keys(), {
      maxBufferedBytes: options.maxBufferedBytes,
      onBackedUp: (ws) => this.dropBackedUp(ws),
    });
    this.awareness.setLocalState(null);
    this.ydoc = this.watch(new Y.Doc());
    this.awareness.on(
      'update',
      ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
        const changed = [...added!, ...updated!, ...removed!];
        if (changed.length === 0) return;
        if (origin !== REMOTE_ORIGIN)
          this.options.fanOut.publishAwareness(
            this.name,
            awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
          );
        if (this.connections.size <= AWARENESS_BATCH_ABOVE) {
          const message = encodeAwareness(this.awareness, changed);
          this.out.message(message, removed!.length ? undefined : origin);
          return;
        }
        // A crowded room: cursors moving at 20 Hz each would mean (people × people × 20)
        // frames a second. Changes are gathered for a moment and go out as one frame each.
        for (const id of changed) this.awarenessChanged.add(id);
        this.awarenessTimer ??= setTimeout(() => this.flushAwareness(), AWARENESS_BATCH_MS);
      },
    );
    // Hear the other nodes first, then read the log: nothing stored in between is missed.
    this.ready = this.options.fanOut
      .join(name, {
        updates: (updates) => this.applyRemote(updates),
        awareness: (update) => {
          try {
            awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
          } catch (error) {
            this.options.logger.warn({ err: error, doc: name }, 'bad awareness from a node');
          }
        },
        resync: () => {
          loadStoredUpdates(this.options.db, this.name).then(
            (updates) => this.applyRemote(updates),
            (error) => this.options.logger.error({ err: error, doc: name }, 'could not catch up'),
          );
        },
      })
      .then(() => this.load());
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    this.wholeState = undefined;
    if (origin === LOAD_ORIGIN) return;
    this.changed();
    if (origin === REMOTE_ORIGIN) {
      this.out.updates([{ update }]);
      return;
    }
    this.pending.push({ update, origin });
    this.updatesQueued += 1;
    this.scheduleFlush();
  };

  private watch(doc: Y.Doc): Y.Doc {
    doc.on('update', this.onUpdate);
    return doc;
  }

  /** Notes a change (or a decode) and makes sure the check for rest will come. */
  private changed() {
    this.lastChangeAt = Date.now();
    if (this.options.restAfterMs <= 0 || this.restTimer) return;
    this.checkRestIn(this.options.restAfterMs);
  }

  private checkRestIn(ms: number) {
    this.restTimer = setTimeout(() => {
      this.restTimer = undefined;
      if (this.destroyed || this.stored) return;
      const quietFor = Date.now() - this.lastChangeAt;
      const storing =
        this.pending.length > 0 || this.flushing !== undefined || this.answersWaiting.length > 0;
      if (storing || quietFor < this.options.restAfterMs) {
        this.checkRestIn(Math.max(this.options.restAfterMs - quietFor, 100));
        return;
      }
      this.rest();
    }, ms);
    this.restTimer.unref();
  }

  /**
   * Drops the decoded document for its encoded state, as if just loaded: a board people only
   * look at costs its bytes, not its Y.Doc (several times larger). Everything is stored by
   * now, so nothing is lost; the next write, or a client needing a diff, decodes it again.
   */
  private rest() {
    const state = Y.encodeStateAsUpdate(this.ydoc);
    this.ydoc.off('update', this.onUpdate);
    this.ydoc.destroy();
    this.ydoc = this.watch(new Y.Doc());
    this.wholeState = undefined;
    this.stored = [state];
  }

  private applyRemote(updates: Uint8Array[]) {
    if (this.destroyed || updates.length === 0) return;
    try {
      Y.applyUpdate(this.doc, Y.mergeUpdates(updates), REMOTE_ORIGIN);
    } catch (error) {
      this.options.logger.warn({ err: error, doc: this.name }, 'ignored a bad update from a node');
    }
  }

  private async load() {
    const updates = await loadStoredUpdates(this.options.db, this.name);
    this.loggedSinceCompaction = updates.length;
    if (updates.length > 0) this.stored = updates;
  }

  /** The shared Y.Doc, decoded from what was stored the first time anything asks for it. */
  get doc(): Y.Doc {
    const stored = this.stored;
    if (stored) {
      this.stored = undefined;
      Y.transact(
        this.ydoc,
        () => {
          for (const update of stored) Y.applyUpdate(this.ydoc, update, LOAD_ORIGIN);
        },
        LOAD_ORIGIN,
      );
      this.changed();
    }
    return this.ydoc;
  }

  /** Whether the Y.Doc is still undecoded (for tests and metrics). */
  get decoded(): boolean {
    return this.stored === undefined;
  }

  addConnection(conn: Connection) {
    this.connections.set(conn.ws, conn);
    this.out.joined(conn.ws);
    this.greet(conn);
    const states = [...this.awareness.getStates().keys()];
    if (states.length) send(conn.ws, encodeAwareness(this.awareness, states));
  }

  /**
   * A connection that has stopped reading (a stalled network, a frozen tab) would hold
   * everything the room sends in this process's memory. It is cut at once, since a closing
   * handshake would wait behind that backlog; its provider reconnects and syncs what it missed.
   */
  private dropBackedUp(ws: WebSocket) {
    const conn = this.connections.get(ws);
    this.options.logger.warn(
      { doc: this.name, user: conn?.identity.id, buffered: ws.bufferedAmount },
      'dropping a connection that is not reading what it is sent',
    );
    cutFromServer(ws);
  }

  removeConnection(ws: WebSocket) {
    const conn = this.connections.get(ws);
    if (!conn) return;
    this.connections.delete(ws);
    for (const id of conn.clientIds)
      if (this.awarenessOwners.get(id) === conn) this.awarenessOwners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.clientIds], null);
  }

  /** Handles one y-websocket message; throws ProtocolViolation for anything malformed. */
  handleMessage(conn: Connection, data: Uint8Array) {
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) {
        const syncType = decoding.peekVarUint(decoder);
        if (conn.readOnly && syncType !== syncProtocol.messageYjsSyncStep1) {
          // A read-only connection may ask for the document, never change it. Its provider
          // answers the server's sync step 1 with what it holds that the server lacks: nothing,
          // unless its page wrote while offline and lost the right meanwhile.
          this.droppedReadOnlyUpdates += 1;
          decoding.readVarUint(decoder);
          const update = decoding.readVarUint8Array(decoder);
          if (conn.readOnlyBecause && carriesNewItems(update))
            this.refuse(conn, conn.readOnlyBecause);
          return;
        }
        decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          const stateVector = decoding.readVarUint8Array(decoder);
          // A client with nothing yet (its state vector is empty) gets the stored bytes, or
          // the whole state as encoded for the last one who arrived with nothing.
          const empty = stateVector.length === 1 && stateVector[0] === 0;
          if (empty && this.stored) {
            this.sendStored(conn, this.stored);
            return;
          }
          this.answer(conn, empty ? this.wholeStateMessage() : this.syncStep2For(stateVector));
        } else if (
          syncType === syncProtocol.messageYjsSyncStep2 ||
          syncType === syncProtocol.messageYjsUpdate
        ) {
          const update = decoding.readVarUint8Array(decoder);
          // Yjs logs and swallows errors inside applyUpdate, so a corrupt update is caught
          // here, before it touches the document, and its connection closed (the rules decode
          // it as they check it).
          let refusal: string | null = null;
          if (conn.refusal) refusal = conn.refusal(this.doc, update);
          else Y.decodeUpdate(update);
          if (refusal) {
            this.refuse(conn, refusal);
            return;
          }
          Y.applyUpdate(this.doc, update, conn.ws);
        } else {
          throw new ProtocolViolation(`unknown sync message type ${syncType}`);
        }
      } else if (type === MESSAGE_AWARENESS) {
        const raw = decoding.readVarUint8Array(decoder);
        const foreign = (id: number) => {
          const owner = this.awarenessOwners.get(id);
          return owner !== undefined && owner !== conn;
        };
        const { update, clientIds } = stampAwarenessUpdate(
          raw,
          conn.identity,
          foreign,
          this.options.maxAwarenessStateBytes,
        );
        for (const id of clientIds) {
          conn.clientIds.add(id);
          this.awarenessOwners.set(id, conn);
        }
        // A tab speaks for one client id (a new one after a reload); more is a client
        // filling the room's presence with made-up people.
        if (conn.clientIds.size > MAX_AWARENESS_CLIENTS_PER_CONNECTION)
          throw new ProtocolViolation('too many awareness clients on one connection');
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn.ws);
      } else if (type === MESSAGE_QUERY_AWARENESS) {
        send(conn.ws, encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
      } else {
        throw new ProtocolViolation(`unknown message type ${type}`);
      }
    } catch (error) {
      if (error instanceof ProtocolViolation) throw error;
      throw new ProtocolViolation(`malformed message: ${(error as Error).message}`);
    }
  }

  /**
   * An update that breaks the document's rules is not applied, stored or relayed; its sender
   * is told why and stays connected (the page never sends one: only a hand-made client does).
   */
  private refuse(conn: Connection, reason: string) {
    this.refusedUpdates += 1;
    this.options.logger.warn(
      { doc: this.name, user: conn.identity.id, reason },
      'refused an update that breaks the document’s rules',
    );
    send(conn.ws, encodePermissionDenied(reason));
  }

  private syncStep2For(stateVector: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
    return encoding.toUint8Array(encoder);
  }

  /**
   * An answer is the document as it is now, which may hold edits still being stored: it goes
   * out once they are, as a relay does, so nobody is shown what a crash could lose. It is
   * encoded now, so edits arriving meanwhile never make a busy board's newcomer wait longer.
   */
  private answer(conn: Connection, message: Uint8Array) {
    if (this.updatesStored < this.updatesQueued) {
      this.answersWaiting.push({ upTo: this.updatesQueued, conn, message });
      return;
    }
    send(conn.ws, message);
    this.greet(conn);
  }

  private sendAnswersStored() {
    while (this.answersWaiting.length && this.answersWaiting[0]!.upTo <= this.updatesStored) {
      const { conn, message } = this.answersWaiting.shift()!;
      send(conn.ws, message);
      this.greet(conn);
    }
  }

  private scheduleFlush() {
    this.flushing ??= new Promise<void>((resolve) => {
      this.flushed = resolve;
    });
    if (this.launchScheduled) return;
    this.launchScheduled = true;
    // Everything that arrives in this event-loop turn goes in one insert.
    setImmediate(() => {
      this.launchScheduled = false;
      this.launchCommit();
    });
  }

  /**
   * Starts an insert of everything pending, unless enough are already on their way: a batch
   * does not wait for the one before it to commit, only to be relayed.
   */
  private launchCommit() {
    if (this.pending.length > 0 && this.commits.length < COMMITS_IN_FLIGHT) {
      const commit = { batch: this.pending.splice(0), stored: false };
      this.commits.push(commit);
      void this.store(commit);
    }
    if (this.commits.length === 0 && this.pending.length === 0 && !this.launchScheduled) {
      const flushed = this.flushed;
      this.flushing = undefined;
      this.flushed = undefined;
      flushed?.();
    }
  }

  private async store(commit: Commit) {
    let delay = 100;
    for (;;) {
      try {
        await appendUpdates(
          this.options.db,
          this.name,
          commit.batch.map((b) => b.update),
        );
        break;
      } catch (error) {
        // Keep the batch, in its place, and try again: nothing is relayed until it is stored.
        this.options.logger.error(
          { err: error, doc: this.name },
          'could not store updates; retrying',
        );
        if (this.destroyed && this.connections.size === 0 && delay >= 5_000) {
          this.commits.splice(this.commits.indexOf(commit), 1);
          this.relayStored();
          this.launchCommit();
          return;
        }
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 5_000);
      }
    }
    commit.stored = true;
    this.relayStored();
    this.launchCommit();
  }

  /**
   * Relays the stored batches in the order they arrived, up to the first still on its way.
   * Everything relayed together goes out as one merged update, framed once for the room (and
   * merged again with whatever else is stored before the room is free to take it).
   */
  private relayStored() {
    const stored: StoredUpdate[] = [];
    while (this.commits[0]?.stored) {
      const { batch } = this.commits.shift()!;
      this.options.fanOut.publishUpdates(
        this.name,
        batch.map((b) => b.update),
      );
      stored.push(...batch);
    }
    if (stored.length === 0) return;
    this.out.updates(stored);
    this.updatesStored += stored.length;
    this.loggedSinceCompaction += stored.length;
    this.sendAnswersStored();
    this.scheduleTextIndex();
    if (this.loggedSinceCompaction >= this.options.compactAfter) void this.compact();
  }

  /** Search reads a document's words from the database: kept a moment behind its edits. */
  private scheduleTextIndex() {
    clearTimeout(this.textTimer);
    this.textTimer = setTimeout(() => void this.indexText(), TEXT_INDEX_DELAY_MS);
    this.textTimer.unref();
  }

  private async indexText() {
    clearTimeout(this.textTimer);
    this.textTimer = undefined;
    try {
      await storeDocumentText(this.options.db, this.name, documentTextOf(this.name, this.doc));
    } catch (error) {
      this.options.logger.warn({ err: error, doc: this.name }, 'could not index the text');
    }
  }

  /**
   * Sends the server's state vector, so the client answers with whatever the server lacks
   * (edits made offline). Left out while the document is undecoded: then only a client that
   * has nothing yet is answered without decoding, and it has nothing to send back.
   */
  private greet(conn: Connection) {
    if (conn.greeted || this.stored) return;
    conn.greeted = true;
    send(conn.ws, encodeSyncStep1(this.doc));
  }

  private wholeStateMessage(): Uint8Array {
    if (this.wholeState) return this.wholeState;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.doc));
    const message = encoding.toUint8Array(encoder);
    // Small states encode in microseconds; only those worth the memory are kept.
    if (message.length >= KEEP_WHOLE_STATE_FROM_BYTES) this.wholeState = message;
    return message;
  }

  /**
   * The stored document as sync messages, in the order it was stored: the snapshot, then the
   * log, the last as sync step 2 (which tells the provider it is synced). In that order each
   * applies at once; the log sent ahead of the snapshot it builds on would sit in the client's
   * pending updates, merged again with every one that followed (a 1,000-card board with 499
   * edits in its log took a client 164–334 ms to apply that way, 17–52 ms in order).
   */
  private sendStored(conn: Connection, stored: Uint8Array[]) {
    const last = stored.length - 1;
    for (const [i, update] of stored.entries()) {
      const type = i === last ? syncProtocol.messageYjsSyncStep2 : syncProtocol.messageYjsUpdate;
      sendHeld(conn.ws, type, update);
    }
  }

  /** Resolves once every update received so far is stored. */
  async flush() {
    while (this.flushing) await this.flushing;
  }

  compact(): Promise<void> {
    this.compacting ??= compactDocument(this.options.db, this.name)
      .then((folded) => {
        // Updates logged while the fold ran are still in the log, and count towards the next.
        this.loggedSinceCompaction = Math.max(0, this.loggedSinceCompaction - folded);
      })
      .catch((error) =>
        this.options.logger.warn({ err: error, doc: this.name }, 'compaction failed'),
      )
      .finally(() => {
        this.compacting = undefined;
      });
    return this.compacting;
  }

  private flushAwareness() {
    this.awarenessTimer = undefined;
    if (this.destroyed || this.awarenessChanged.size === 0) return;
    const message = encodeAwareness(this.awareness, [...this.awarenessChanged]);
    this.awarenessChanged.clear();
    this.out.message(message);
  }

  /** Stores what is pending, folds the log if it has grown, and frees the document. */
  async close() {
    await this.ready.catch(() => {});
    await this.flush();
    if (
      this.loggedSinceCompaction > 1 ||
      (await countLoggedUpdates(this.options.db, this.name).catch(() => 0)) > 1
    ) {
      await this.compact();
    }
    if (this.textTimer) await this.indexText();
    this.destroyed = true;
    this.out.stop();
    await this.options.fanOut.leave(this.name);
    clearTimeout(this.awarenessTimer);
    clearTimeout(this.restTimer);
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}

function send(ws: WebSocket, message: Uint8Array) {
  if (ws.readyState === ws.OPEN) ws.send(message);
}

/**
 * A stored update as one sync message. A large one goes out as its bytes are held, after a
 * few bytes of header, in two frames of one WebSocket message (RFC 6455 §5.4): building the
 * message whole would copy a large board twice (into an encoder, then out of it) for every
 * client that opens it. A small one is cheaper copied than written as a frame of its own.
 */
function sendHeld(ws: WebSocket, syncType: number, update: Uint8Array) {
  if (ws.readyState !== ws.OPEN) return;
  const header = encoding.createEncoder();
  encoding.writeVarUint(header, MESSAGE_SYNC);
  encoding.writeVarUint(header, syncType);
  if (update.byteLength < KEEP_WHOLE_STATE_FROM_BYTES) {
    encoding.writeVarUint8Array(header, update);
    ws.send(encoding.toUint8Array(header));
    return;
  }
  encoding.writeVarUint(header, update.byteLength);
  ws.send(encoding.toUint8Array(header), { binary: true, fin: false });
  ws.send(update, { binary: true, fin: true });
}

/**
 * Whether an update holds items (not only deletions). A provider's answer to the server's
 * sync step 1 holds only the items the server lacks, so a reader's holds none unless it wrote.
 * (Not `encodeStateVectorFromUpdate`: it counts only clients whose items start at clock 0, so
 * it reads the answer of anyone who wrote before as empty.)
 */
function carriesNewItems(update: Uint8Array): boolean {
  return Y.parseUpdateMeta(update).to.size > 0;
}
