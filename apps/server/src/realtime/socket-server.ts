import type { Server as HttpServer } from 'node:http';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '@colab/shared';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { Auth } from '../auth/auth.ts';
import { actorFromHeaders } from '../auth/session.ts';
import { requestOrigin } from '../http/origin-check.ts';

export type SocketServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export function createSocketServer(
  httpServer: HttpServer,
  options: { auth: Auth; allowedOrigins: string[]; logger: Logger },
): SocketServer {
  const logger = options.logger.child({ module: 'socket' });
  const allowed = new Set(options.allowedOrigins);
  const io: SocketServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
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
      next();
    } catch (error) {
      logger.error({ err: error }, 'socket authentication failed');
      next(new Error('server_error'));
    }
  });

  io.on('connection', (socket) => {
    void socket.join(`user:${socket.data.userId}`);
    socket.emit('session:ready', { userId: socket.data.userId });
    socket.on('ping', (ack) => {
      if (typeof ack !== 'function') return;
      ack({ data: { at: new Date().toISOString() } });
    });
  });
  return io;
}
