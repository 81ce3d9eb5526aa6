import type { Server as HttpServer } from 'node:http';
import type { Database } from '@colab/db';
import {
  type Ack,
  type ClientToServerEvents,
  cohortRoom,
  fieldProblemsFromZod,
  groupRoom,
  type ServerToClientEvents,
  type SocketData,
  setRoom,
  userRoom,
  ZCohortRoomRequest,
  ZGroupRoomRequest,
  ZPresenceUpdate,
  ZSetRoomRequest,
} from '@colab/shared';
import type { Logger } from 'pino';
import { type RemoteSocket, Server, type ServerOptions, type Socket } from 'socket.io';
import type { z } from 'zod';
import type { Auth } from '../auth/auth.ts';
import type { Actor } from '../auth/session.ts';
import { actorFromHeaders } from '../auth/session.ts';
import { DomainError, NotFound } from '../errors.ts';
import { authorizeCohort } from '../features/cohorts/access.ts';
import { cohortIdsOf } from '../features/cohorts/service.ts';
import { type RealtimeNotifier, sessionHasEnded } from '../features/context.ts';
import { groupAccess } from '../features/groups/access.ts';
import { setAccess } from '../features/meetings/access.ts';
import { requestOrigin } from '../http/origin-check.ts';
import { accountBuckets, tokenBucket } from '../token-bucket.ts';
import { createPresence } from './presence.ts';

export type SocketServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type ColabSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export function createSocketServer(
  httpServer: HttpServer,
  options: {
    auth: Auth;
    db: Database;
    allowedOrigins: string[];
    logger: Logger;
    /** Set when several nodes run: rooms and events then span all of them. */
    adapter?: ServerOptions['adapter'] | undefined;
    /** Events per second one connection, and one person's connections on this node, may send. */
    eventsPerSecond?: number;
    accountEventsPerSecond?: number;
  },
): SocketServer {
  const logger = options.logger.child({ module: 'socket' });
  const allowed = new Set(options.allowedOrigins);
  const io: SocketServer = new Server(httpServer, {
    serveClient: false,
    // Other paths' upgrades (the collab endpoint) are routed in server.ts, not destroyed here.
    destroyUpgrade: false,
    maxHttpBufferSize: 1_000_000,
    // A short drop (a train tunnel, a laptop lid) replays what was missed, rooms and all;
    // rooms are checked again on recovery, since rights may have changed meanwhile.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    ...(options.adapter ? { adapter: options.adapter } : {}),
    // A tab that vanishes without closing (sleep, lost network) leaves presence within ~15 s.
    pingInterval: 10_000,
    pingTimeout: 5_000,
    // `cors` does not cover WebSocket upgrades; the Origin is checked here for every transport.
    allowRequest: (req, callback) => {
      const origin = requestOrigin(req.headers);
      callback(null, origin === undefined || allowed.has(origin));
    },
  });

  // The handshake is authenticated by the session cookie; no session, no connection.
  io.use(async (socket, next) => {
    try {
      const actor = await actorFromHeaders(options.auth, socket.request.headers);
      if (!actor) return next(new Error('unauthenticated'));
      socket.data.userId = actor.userId;
      socket.data.sessionId = actor.sessionId;
      socket.data.email = actor.email;
      socket.data.name = actor.name;
      socket.data.isInstanceAdmin = actor.isInstanceAdmin;
      next();
    } catch (error) {
      logger.error({ err: error }, 'socket authentication failed');
      next(new Error('server_error'));
    }
  });

  const perConnection = options.eventsPerSecond ?? 20;
  const perAccount = options.accountEventsPerSecond ?? 50;
  const accounts = accountBuckets(perAccount, perAccount * 5);
  io.on('connection', (socket) => {
    // Every event costs a token; over the rate it is refused with a reason, not run.
    const allow = tokenBucket(perConnection, perConnection * 5);
    const account = accounts.acquire(socket.data.userId);
    socket.on('disconnect', () => account.release());
    socket.use((packet, next) => {
      const over = !allow()
        ? 'Too many events from this connection.'
        : !account.take()
          ? 'Too many events from this account.'
          : undefined;
      if (!over) return next();
      const ack = packet.at(-1);
      if (typeof ack === 'function') ack({ error: { code: 'rate_limited', message: over } });
    });
  });

  const presence = createPresence(io, logger);
  presenceOf.set(io, presence);
  const inRoom = (socket: ColabSocket, cohortId: string) => {
    // Rooms are joined only after the membership check, so being in one is the right to it.
    if (!socket.rooms.has(cohortRoom(cohortId))) throw new NotFound('No such cohort.');
  };

  io.on('connection', (socket) => {
    // Handlers are registered before anything is awaited, so no early event is dropped; the
    // person's own room is joined at once so a removal can always reach this socket.
    void socket.join(userRoom(socket.data.userId));
    // Takes nothing; a client that sends something anyway still gets its answer, through the
    // acknowledgement Socket.IO puts last (read as the first argument, it was never called).
    socket.on('ping', (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack === 'function') ack({ data: { at: new Date().toISOString() } });
    });
    handle(socket, 'cohort:join', logger, async (payload) => {
      const { cohortId } = parse(ZCohortRoomRequest, payload);
      // The same check as the REST routes; throws NotFound for people outside the cohort.
      await authorizeCohort(options.db, actorOf(socket), cohortId, 'cohort.view');
      await socket.join(cohortRoom(cohortId));
      presence.announce(cohortId);
      return { data: { room: cohortRoom(cohortId) } };
    });
    handle(socket, 'cohort:leave', logger, async (payload) => {
      const { cohortId } = parse(ZCohortRoomRequest, payload);
      await socket.leave(cohortRoom(cohortId));
      presence.announce(cohortId);
      return { data: { room: cohortRoom(cohortId) } };
    });
    handle(socket, 'set:join', logger, async (payload) => {
      const { setId } = parse(ZSetRoomRequest, payload);
      // Members and the set's facilitator only: the same check as the set's REST routes.
      await setAccess(options.db, actorOf(socket), setId, 'member');
      await socket.join(setRoom(setId));
      return { data: { room: setRoom(setId) } };
    });
    handle(socket, 'set:leave', logger, async (payload) => {
      const { setId } = parse(ZSetRoomRequest, payload);
      await socket.leave(setRoom(setId));
      return { data: { room: setRoom(setId) } };
    });
    handle(socket, 'group:join', logger, async (payload) => {
      const { groupId } = parse(ZGroupRoomRequest, payload);
      // Those who may read the group's work: the same check as its REST routes.
      await groupAccess(options.db, actorOf(socket), groupId, 'read');
      await socket.join(groupRoom(groupId));
      return { data: { room: groupRoom(groupId) } };
    });
    handle(socket, 'group:leave', logger, async (payload) => {
      const { groupId } = parse(ZGroupRoomRequest, payload);
      await socket.leave(groupRoom(groupId));
      return { data: { room: groupRoom(groupId) } };
    });

    handle(socket, 'presence:set', logger, async (payload) => {
      const update = parse(ZPresenceUpdate, payload);
      inRoom(socket, update.cohortId);
      const before = socket.data.presence;
      socket.data.presence = { ...update, at: Date.now() };
      presence.announce(update.cohortId);
      if (before && before.cohortId !== update.cohortId) presence.announce(before.cohortId);
      return { data: { people: await presence.list(update.cohortId) } };
    });
    handle(socket, 'presence:list', logger, async (payload) => {
      const { cohortId } = parse(ZCohortRoomRequest, payload);
      inRoom(socket, cohortId);
      return { data: { people: await presence.list(cohortId) } };
    });
    // Gone at once for everyone in the cohorts this tab was in.
    socket.on('disconnecting', () => {
      for (const room of socket.rooms)
        if (room.startsWith('cohort:')) presence.announce(room.slice('cohort:'.length));
    });

    if (socket.recovered) void recheckRooms(socket, options.db, logger);

    void joinOwnRooms(socket, options.db, logger, presence.announce);
  });
  return io;
}

/** A socket on this node or, through the adapter, on another: both can be checked and moved. */
type AnySocket = ColabSocket | RemoteSocket<ServerToClientEvents, SocketData>;

/**
 * Checks each cohort, set and group room a socket is in against the person's rights now, as
 * the join handlers would, and leaves (telling the person) those that no longer hold. Used on
 * a recovered connection (rights may have changed while it was away) and after a change of
 * rights that takes something away without ending the membership (a role, a group).
 */
async function recheckRooms(socket: AnySocket, db: Database, logger: Logger) {
  const actor = actorOf(socket);
  await Promise.all(
    [...socket.rooms].map(async (room) => {
      const [kind, id = ''] = room.split(':');
      const check =
        kind === 'cohort'
          ? authorizeCohort(db, actor, id, 'cohort.view')
          : kind === 'set'
            ? setAccess(db, actor, id, 'member')
            : kind === 'group'
              ? groupAccess(db, actor, id, 'read')
              : undefined;
      if (!check) return;
      try {
        await check;
      } catch (error) {
        if (!(error instanceof DomainError))
          logger.error({ err: error, room }, 'could not check a room again');
        await socket.leave(room);
        if (kind === 'cohort') socket.emit('cohort:removed', { cohortId: id });
        if (kind === 'set') socket.emit('set:removed', { setId: id });
        if (kind === 'group') socket.emit('group:removed', { groupId: id });
      }
    }),
  );
}

async function joinOwnRooms(
  socket: ColabSocket,
  db: Database,
  logger: Logger,
  announce: (cohortId: string) => void,
) {
  const { userId } = socket.data;
  try {
    const cohortIds = await cohortIdsOf(db, userId);
    await socket.join(cohortIds.map(cohortRoom));
    socket.emit('session:ready', { userId, cohortIds });
    for (const cohortId of cohortIds) announce(cohortId);
  } catch (error) {
    logger.error({ err: error }, 'could not join the rooms of a new connection');
    socket.disconnect(true);
  }
}

function actorOf(socket: AnySocket): Actor {
  const { userId, sessionId, email, name, isInstanceAdmin } = socket.data;
  return { userId, sessionId, email, name, isInstanceAdmin, createdAt: new Date(0) };
}

class BadPayload extends Error {
  constructor(readonly details: string) {
    super('bad_payload');
  }
}

function parse<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    throw new BadPayload(
      fieldProblemsFromZod(result.error)
        .map((f) => `${f.path}: ${f.message}`)
        .join('; '),
    );
  }
  return result.data;
}

/** Runs a handler and always answers its acknowledgement, with data or an error code. */
function handle<T>(
  socket: ColabSocket,
  event:
    | 'cohort:join'
    | 'cohort:leave'
    | 'set:join'
    | 'set:leave'
    | 'group:join'
    | 'group:leave'
    | 'presence:set'
    | 'presence:list',
  logger: Logger,
  run: (payload: unknown) => Promise<Ack<T>>,
) {
  socket.on(event, async (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: Ack<T>) => void) : () => {};
    try {
      reply(await run(payload));
    } catch (error) {
      if (error instanceof BadPayload)
        return reply({ error: { code: 'bad_payload', message: error.details } });
      if (error instanceof DomainError)
        return reply({ error: { code: error.code, message: error.message } });
      logger.error({ err: error, event }, 'socket handler failed');
      reply({ error: { code: 'server_error', message: 'Something went wrong on our side.' } });
    }
  });
}

const presenceOf = new WeakMap<SocketServer, ReturnType<typeof createPresence>>();

export function createRealtimeNotifier(
  io: SocketServer,
  db: Database,
  logger: Logger,
): RealtimeNotifier {
  return {
    sessionsEnded(ended) {
      // fetchSockets spans every node when the Redis adapter is in use.
      io.in(userRoom(ended.userId))
        .fetchSockets()
        .then((sockets) => {
          for (const socket of sockets)
            if (sessionHasEnded(ended, socket.data.sessionId)) socket.disconnect(true);
        })
        .catch((error) => logger.error({ err: error }, 'could not end the sockets of a session'));
    },
    memberJoined(cohortId, userId) {
      io.in(userRoom(userId)).socketsJoin(cohortRoom(cohortId));
      io.to(cohortRoom(cohortId)).emit('cohort:member-joined', { cohortId, userId });
    },
    memberLeft(cohortId, userId) {
      // Removal bites at once: their sockets leave the room before anyone is told, hear why,
      // then close. Closing, not just leaving the cohort's room: they are also in rooms of the
      // cohort's sets and groups, which nothing maps back to the cohort. A server disconnect is
      // not recoverable (nothing missed is replayed); the client reconnects by itself and the
      // new connection joins only what they are still in. The adapter applies these in order
      // on every node.
      io.in(userRoom(userId)).socketsLeave(cohortRoom(cohortId));
      io.to(userRoom(userId)).emit('cohort:removed', { cohortId });
      io.in(userRoom(userId)).disconnectSockets(true);
      io.to(cohortRoom(cohortId)).emit('cohort:member-left', { cohortId, userId });
      presenceOf.get(io)?.announce(cohortId);
    },
    async reauthorize(userId) {
      try {
        // fetchSockets spans every node when the Redis adapter is in use.
        const sockets = await io.in(userRoom(userId)).fetchSockets();
        await Promise.all(sockets.map((socket) => recheckRooms(socket, db, logger)));
      } catch (error) {
        logger.error({ err: error }, 'could not check the rooms of a person again');
      }
    },
    cohortUpdated(cohortId) {
      io.to(cohortRoom(cohortId)).emit('cohort:updated', { cohortId });
    },
    signedOut(userId) {
      io.in(userRoom(userId)).disconnectSockets(true);
    },
    setsLeft(setIds, userId) {
      for (const setId of setIds) {
        io.in(userRoom(userId)).socketsLeave(setRoom(setId));
        io.to(userRoom(userId)).emit('set:removed', { setId });
      }
    },
    activity(cohortId, userIds) {
      if (userIds.length) io.to(userIds.map(userRoom)).emit('activity:new', { cohortId });
    },
    setChanged(payload) {
      io.to(setRoom(payload.setId)).emit('set:changed', payload);
    },
    pollUpdated(payload) {
      io.to(setRoom(payload.setId)).emit('poll:updated', payload);
    },
    notify(userId, notification) {
      io.to(userRoom(userId)).emit('notification:new', notification);
    },
  };
}
