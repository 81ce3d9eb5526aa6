import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Database } from '@colab/db';
import type { Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Auth } from '../auth/auth.ts';
import { actorFromHeaders } from '../auth/session.ts';
import { DomainError } from '../errors.ts';
import { type DocumentStore, type EndedSessions, sessionHasEnded } from '../features/context.ts';
import { requestOrigin } from '../http/origin-check.ts';
import { accountBuckets, tokenBucket } from '../token-bucket.ts';
import { closeFromServer, cutFromServer, wasClosedByServer } from './closed-by-server.ts';
import { type DocumentGrant, resolveDocumentAccess } from './document-access.ts';
import { type ControlMessage, type DocFanOut, singleNode } from './fan-out.ts';
import { Heartbeat } from './heartbeat.ts';
import { colourFor } from './messages.ts';
import { deleteStoredDocument } from './persistence.ts';
import { type Connection, ProtocolViolation, SharedDoc } from './shared-doc.ts';

export const COLLAB_PATH = '/collab/';
export const MAX_MESSAGE_BYTES = 1_000_000;

// Close codes a client can act on (4000–4999 are the application's).
export const CLOSE_PROTOCOL_VIOLATION = 4400;
export const CLOSE_SERVER_SHUTDOWN = 1001;
export const CLOSE_DOCUMENT_DELETED = 4404;
export const CLOSE_RATE_LIMITED = 4429;
export const CLOSE_ACCESS_REVOKED = 4403;
export const CLOSE_SESSION_ENDED = 4401;
export const CLOSE_NODE_FULL = 4503;

/** The origin of changes the server makes itself (templates, anonymous cards). */
const SERVER_ORIGIN = Symbol('server');

export interface CollabOptions {
  db: Database;
  auth: Auth;
  allowedOrigins: string[];
  logger: Logger;
  /** How long a document stays in memory after its last client leaves. */
  idleUnloadMs?: number;
  /** How long an open document goes unchanged before it drops its decoded Y.Doc (0: never). */
  restAfterMs?: number;
  compactAfter?: number;
  /** Messages a connection may send per second on average, and in one burst. */
  messagesPerSecond?: number;
  messageBurst?: number;
  /** The same for all of one person's connections together, on this node. */
  accountMessagesPerSecond?: number;
  accountMessageBurst?: number;
  /** Documents one node holds open for clients; a connection to one more is closed. */
  maxOpenDocuments?: number;
  /** The largest awareness state (cursor, name, selection) one client may publish. */
  maxAwarenessStateBytes?: number;
  /** Bytes waiting to go out to one connection before it is dropped as not reading. */
  maxBufferedBytes?: number;
  /**
   * How often each connection is pinged and sent a no-op message: one that has not answered
   * the previous ping is dropped, so a vanished client does not stay in the room for good, and
   * a client alone on a document still hears from the server well within the stock provider's
   * 30 s (0: neither).
   */
  heartbeatMs?: number;
  /** Shares live traffic with the other nodes; a single node needs none. */
  fanOut?: DocFanOut;
}

export interface CollabServer extends DocumentStore {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Documents in memory, for tests and metrics. */
  openDocuments(): Map<string, SharedDoc>;
  /**
   * How many documents this node holds in memory: those open, and those that have lost their
   * last client but are still storing and folding what they hold.
   */
  heldDocuments(): number;
  close(): Promise<void>;
}

/** What a grant lets a connection do, as the connection carries it. */
function grantedRights(
  grant: DocumentGrant,
): Pick<Connection, 'readOnly' | 'refusal' | 'readOnlyBecause'> {
  return {
    readOnly: grant.access === 'read',
    refusal: grant.refusal,
    readOnlyBecause: grant.readOnlyBecause,
  };
}

/** The y-websocket protocol at `/collab/<docName>`, so the stock WebsocketProvider connects unchanged. */
export function createCollabServer(options: CollabOptions): CollabServer {
  const logger = options.logger.child({ module: 'collab' });
  const allowed = new Set(options.allowedOrigins);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const docs = new Map<string, SharedDoc>();
  const unloading = new Map<string, Promise<void>>();
  const unloadTimers = new Map<string, NodeJS.Timeout>();
  let closing = false;
  const fanOut = options.fanOut ?? singleNode();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const heartbeat =
    heartbeatMs > 0
      ? new Heartbeat(
          () => wss.clients,
          heartbeatMs,
          (ws) => {
            logger.info('dropping a connection that stopped answering pings');
            cutFromServer(ws);
          },
        )
      : undefined;
  const accounts = accountBuckets(
    options.accountMessagesPerSecond ?? 400,
    options.accountMessageBurst ?? 2000,
  );

  async function openDoc(name: string): Promise<SharedDoc> {
    clearTimeout(unloadTimers.get(name));
    unloadTimers.delete(name);
    await unloading.get(name);
    let doc = docs.get(name);
    if (!doc) {
      doc = new SharedDoc(name, {
        db: options.db,
        logger,
        compactAfter: options.compactAfter ?? 500,
        restAfterMs: options.restAfterMs ?? 60_000,
        maxAwarenessStateBytes: options.maxAwarenessStateBytes ?? 10_000,
        maxBufferedBytes: options.maxBufferedBytes ?? 64 * 1024 * 1024,
        fanOut,
      });
      docs.set(name, doc);
      doc.ready.catch(() => docs.delete(name));
    }
    await doc.ready;
    return doc;
  }

  function scheduleUnload(doc: SharedDoc) {
    if (doc.connections.size > 0) return;
    clearTimeout(unloadTimers.get(doc.name));
    const timer = setTimeout(() => {
      unloadTimers.delete(doc.name);
      if (doc.connections.size > 0 || docs.get(doc.name) !== doc) return;
      docs.delete(doc.name);
      const done = doc
        .close()
        .catch((error) => logger.error({ err: error, doc: doc.name }, 'could not unload document'))
        .finally(() => unloading.delete(doc.name));
      unloading.set(doc.name, done);
    }, options.idleUnloadMs ?? 30_000);
    timer.unref();
    unloadTimers.set(doc.name, timer);
  }

  function reject(socket: Duplex, status: 401 | 403 | 404 | 503, reason: string) {
    const text = {
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      503: 'Service Unavailable',
    }[status];
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
    );
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    if (closing) return reject(socket, 503, 'shutting down');
    const origin = requestOrigin(req.headers);
    if (origin !== undefined && !allowed.has(origin))
      return reject(socket, 403, 'origin not allowed');
    const actor = await actorFromHeaders(options.auth, req.headers);
    if (!actor) return reject(socket, 401, 'sign in first');
    const name = decodeURIComponent(
      new URL(req.url ?? '/', 'http://x').pathname.slice(COLLAB_PATH.length),
    );
    let grant: DocumentGrant;
    try {
      grant = await resolveDocumentAccess(options.db, actor, name);
    } catch (error) {
      if (error instanceof DomainError) return reject(socket, 403, 'no access to this document');
      throw error;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Connection = {
        ws,
        actor,
        identity: { id: actor.userId, name: actor.name, colour: colourFor(actor.userId) },
        ...grantedRights(grant),
        clientIds: new Set(),
        queue: Promise.resolve(),
      };
      attach(conn, name);
    });
  }

  function attach(conn: Connection, name: string) {
    const { ws } = conn;
    if (overOpenDocumentCap(name)) {
      logger.warn({ doc: name }, 'refusing a document over the open-document cap');
      return closeFromServer(ws, CLOSE_NODE_FULL, 'too many open documents on this server');
    }
    let doc: SharedDoc | undefined;
    conn.queue = openDoc(name).then(
      (opened) => {
        doc = opened;
        // A client that closed while the document loaded still joins: what it sent is applied
        // below, and its close (queued behind that) takes it out again.
        if (wasClosedByServer(ws)) return scheduleUnload(opened);
        opened.addConnection(conn);
      },
      (error) => {
        logger.error({ err: error, doc: name }, 'could not load document');
        closeFromServer(ws, 1011, 'could not load document');
      },
    );
    const allow = tokenBucket(options.messagesPerSecond ?? 200, options.messageBurst ?? 1000);
    const account = accounts.acquire(conn.actor.userId);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const over = !allow()
        ? 'too many messages'
        : !account.take()
          ? 'too many messages from this account'
          : undefined;
      if (over) {
        // Checked on arrival, before queueing, so a flood cannot pile up work or memory.
        if (ws.readyState === ws.OPEN) {
          logger.warn(
            { doc: name, user: conn.identity.id, reason: over },
            'closing a connection over its message rate',
          );
          closeFromServer(ws, CLOSE_RATE_LIMITED, over);
        }
        return;
      }
      conn.queue = conn.queue.then(() => {
        if (!doc || wasClosedByServer(ws)) return;
        if (!isBinary)
          return void closeFromServer(ws, CLOSE_PROTOCOL_VIOLATION, 'binary frames only');
        try {
          doc.handleMessage(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        } catch (error) {
          if (!(error instanceof ProtocolViolation)) throw error;
          logger.warn(
            { doc: name, reason: error.message },
            'closing a connection that broke the protocol',
          );
          closeFromServer(ws, CLOSE_PROTOCOL_VIOLATION, error.message.slice(0, 120));
        }
      });
    });
    ws.on('close', () => {
      account.release();
      void conn.queue.then(() => {
        if (!doc) return;
        doc.removeConnection(ws);
        scheduleUnload(doc);
      });
    });
    ws.on('pong', () => heartbeat?.answered(ws));
    ws.on('error', (error) => logger.debug({ err: error, doc: name }, 'collab socket error'));
  }

  const collab: CollabServer = {
    handleUpgrade(req, socket, head) {
      upgrade(req, socket, head).catch((error) => {
        logger.error({ err: error }, 'collab upgrade failed');
        if (!socket.destroyed) socket.destroy();
      });
    },
    openDocuments: () => docs,
    heldDocuments: () => new Set([...docs.keys(), ...unloading.keys()]).size,
    async change(name, change) {
      const doc = await openDoc(name);
      try {
        doc.doc.transact(() => change(doc.doc), SERVER_ORIGIN);
        await doc.flush();
      } finally {
        scheduleUnload(doc);
      }
    },
    async read(name, read) {
      const doc = await openDoc(name);
      try {
        return read(doc.doc);
      } finally {
        scheduleUnload(doc);
      }
    },
    async reauthorize(filter) {
      fanOut.publishControl({ kind: 'reauthorize', ...filter });
      await reauthorizeHere(filter);
    },
    sessionsEnded(ended) {
      fanOut.publishControl({ kind: 'sessions-ended', ...ended });
      endSessionsHere(ended);
    },
    async remove(name) {
      fanOut.publishControl({ kind: 'removed', docName: name });
      await dropHere(name);
      await unloading.get(name);
      await deleteStoredDocument(options.db, name);
    },
    async close() {
      closing = true;
      heartbeat?.stop();
      for (const ws of wss.clients)
        closeFromServer(ws, CLOSE_SERVER_SHUTDOWN, 'server shutting down');
      for (const timer of unloadTimers.values()) clearTimeout(timer);
      await Promise.all([...docs.values()].map((d) => d.close().catch(() => {})));
      await Promise.all(unloading.values());
      docs.clear();
      wss.close();
    },
  };

  /** Checks this node's connections again after a change of rights (see DocumentStore). */
  async function reauthorizeHere(filter: { docName?: string; userId?: string }) {
    const checks: Promise<void>[] = [];
    for (const doc of docs.values()) {
      if (filter.docName && doc.name !== filter.docName) continue;
      for (const conn of doc.connections.values()) {
        if (filter.userId && conn.actor.userId !== filter.userId) continue;
        checks.push(
          resolveDocumentAccess(options.db, conn.actor, doc.name).then(
            (grant) => {
              Object.assign(conn, grantedRights(grant));
            },
            (error) => {
              if (!(error instanceof DomainError)) throw error;
              closeFromServer(conn.ws, CLOSE_ACCESS_REVOKED, 'access revoked');
            },
          ),
        );
      }
    }
    await Promise.all(checks);
  }

  /**
   * Documents with clients count against the cap; those the server read or changed for
   * itself leave memory soon anyway. Joining a document already in use is always allowed.
   */
  function overOpenDocumentCap(name: string): boolean {
    if ((docs.get(name)?.connections.size ?? 0) > 0) return false;
    let inUse = 0;
    for (const doc of docs.values()) if (doc.connections.size > 0) inUse += 1;
    return inUse >= (options.maxOpenDocuments ?? 5000);
  }

  /** Sign-out and password changes end sessions; what was opened under them closes too. */
  function endSessionsHere(ended: EndedSessions) {
    for (const doc of docs.values())
      for (const conn of doc.connections.values())
        if (conn.actor.userId === ended.userId && sessionHasEnded(ended, conn.actor.sessionId))
          closeFromServer(conn.ws, CLOSE_SESSION_ENDED, 'session ended');
  }

  /** Closes this node's connections to a deleted document and forgets it. */
  async function dropHere(name: string) {
    const doc = docs.get(name);
    if (!doc) return;
    for (const conn of doc.connections.values())
      closeFromServer(conn.ws, CLOSE_DOCUMENT_DELETED, 'document deleted');
    docs.delete(name);
    await doc.close().catch(() => {});
  }

  // What another node decided reaches the connections on this one.
  fanOut.onControl((message: ControlMessage) => {
    if (message.kind === 'sessions-ended') return endSessionsHere(message);
    if (message.kind === 'actor-changed' || message.kind === 'cohort-access-changed') return;
    const done =
      message.kind === 'removed'
        ? dropHere(message.docName)
        : reauthorizeHere({ docName: message.docName, userId: message.userId });
    done.catch((error) => logger.error({ err: error, message }, 'could not act on a node message'));
  });

  return collab;
}

export type { WebSocket };
