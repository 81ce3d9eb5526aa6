import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createDb, type DbHandle } from '@colab/db';
import type { Express, Router } from 'express';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import { type Auth, createAuth } from './auth/auth.ts';
import { attachSessionCache, createSessionCache } from './auth/session-cache.ts';
import { COLLAB_PATH, type CollabServer, createCollabServer } from './collab/collab-server.ts';
import { type Config, withListeningPort } from './config.ts';
import {
  attachCohortAccessCache,
  createCohortAccessCache,
} from './features/cohorts/access-cache.ts';
import type { FeatureContext } from './features/context.ts';
import { notifyDueActions } from './features/meetings/runner.ts';
import { sendDigests } from './features/notifications/digest.ts';
import { deliverNotifications } from './features/notifications/service.ts';
import { type RetentionSchedule, scheduleRetention } from './features/privacy/retention.ts';
import { createLocalFileStore, type FileStore } from './files/file-store.ts';
import { createS3FileStore } from './files/s3-file-store.ts';
import { createLogger } from './logger.ts';
import { createMailer } from './mail/mailer.ts';
import { connectRedis, type RedisLink } from './realtime/redis-link.ts';
import {
  createRealtimeNotifier,
  createSocketServer,
  type SocketServer,
} from './realtime/socket-server.ts';
import { loadOrCreateSessionSecret } from './session-secret.ts';

export interface RunningServer {
  /** Where this process answers (http://localhost:<port>). */
  url: string;
  config: Config;
  httpServer: HttpServer;
  /** The Express app behind the HTTP server (tests walk its routes). */
  app: Express;
  io: SocketServer;
  auth: Auth;
  db: DbHandle;
  collab: CollabServer;
  /** What every feature is given (jobs and tests call services with it). */
  features: FeatureContext;
  logger: Logger;
  /** Graceful: refuse new work, finish what is in flight, close the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  extraApiRoutes?: (api: Router) => void;
  /** When retention sweeps run; `false` for none (tests that sweep at dates of their own). */
  retention?: RetentionSchedule | false;
}

export async function startServer(
  initial: Config,
  options: StartOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(initial);
  const started = performance.now();
  const db = await createDb({
    databaseUrl: initial.databaseUrl,
    pgliteDir: join(initial.dataDir, 'pglite'),
  });
  const secret = initial.sessionSecret ?? loadOrCreateSessionSecret(initial.dataDir);
  let redis: RedisLink | undefined;
  if (initial.redisUrl) {
    try {
      redis = await connectRedis(initial.redisUrl, initial.redisPrefix, logger);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  let files: FileStore;
  let closeFiles = () => {};
  if (initial.s3) {
    const s3 = createS3FileStore(initial.dataDir, initial.s3);
    try {
      await s3.check();
    } catch (error) {
      s3.close();
      await redis?.close();
      await db.close();
      throw error;
    }
    files = s3;
    closeFiles = () => s3.close();
  } else {
    files = createLocalFileStore(initial.dataDir);
  }

  const httpServer = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(initial.port, initial.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    closeFiles();
    await redis?.close();
    await db.close();
    throw error;
  }
  // Nothing awaits between listening and attaching the handlers below.
  const port = (httpServer.address() as AddressInfo).port;
  const config = withListeningPort(initial, port);
  let shuttingDown = false;
  const auth = createAuth({
    db: db.db,
    secret,
    publicUrl: config.publicUrl,
    allowedOrigins: config.allowedOrigins,
    logger,
  });
  attachSessionCache(
    auth,
    createSessionCache({
      ttlMs: config.sessionCacheTtlMs,
      maxEntries: config.sessionCacheMaxEntries,
      fanOut: redis?.fanOut,
      linkUp: () => !redis || redis.connected(),
    }),
  );
  attachCohortAccessCache(
    db.db,
    createCohortAccessCache({
      ttlMs: config.cohortAccessCacheTtlMs,
      maxEntries: config.cohortAccessCacheMaxEntries,
      fanOut: redis?.fanOut,
      linkUp: () => !redis || redis.connected(),
    }),
  );
  const io = createSocketServer(httpServer, {
    auth,
    db: db.db,
    allowedOrigins: config.allowedOrigins,
    logger,
    adapter: redis?.socketAdapter,
    eventsPerSecond: config.socketEventsPerSecond,
    accountEventsPerSecond: config.socketAccountEventsPerSecond,
  });
  const realtime = createRealtimeNotifier(io, db.db, logger);
  const collab = createCollabServer({
    messagesPerSecond: config.collabMessagesPerSecond,
    messageBurst: config.collabMessageBurst,
    idleUnloadMs: config.collabIdleUnloadMs,
    restAfterMs: config.collabRestAfterMs,
    accountMessagesPerSecond: config.collabAccountMessagesPerSecond,
    accountMessageBurst: config.collabAccountMessageBurst,
    maxOpenDocuments: config.collabMaxOpenDocuments,
    maxAwarenessStateBytes: config.collabMaxAwarenessBytes,
    maxBufferedBytes: config.collabMaxBufferedBytes,
    heartbeatMs: config.collabHeartbeatMs,
    db: db.db,
    auth,
    allowedOrigins: config.allowedOrigins,
    logger,
    fanOut: redis?.fanOut,
  });
  const mailer = config.smtpUrl
    ? createMailer(config.smtpUrl, config.mailFrom, logger.child({ module: 'mail' }))
    : undefined;
  const features: FeatureContext = {
    db: db.db,
    auth,
    publicUrl: config.publicUrl,
    realtime,
    documents: collab,
    files,
    mailer,
    logger,
  };
  const app = createApp({
    config,
    features,
    logger,
    probe: {
      ping: db.ping,
      isShuttingDown: () => shuttingDown,
      openDocuments: () => collab.heldDocuments(),
      degraded: () => (redis && !redis.connected() ? ['redis'] : []),
    },
    extraApiRoutes: options.extraApiRoutes,
  });
  httpServer.on('request', app);
  const delivery = { db: db.db, realtime, mailer, publicUrl: config.publicUrl, logger };
  // Owners hear of actions falling due; checked now and then, each action told once.
  const dueSweep = setInterval(() => {
    notifyDueActions(db.db)
      .then((rows) => deliverNotifications(delivery, rows))
      .catch((error) => logger.warn({ err: error }, 'could not check actions falling due'));
  }, 15 * 60_000);
  dueSweep.unref();
  // Digests go out in each person's chosen hour; every 10 minutes catches that hour however
  // the sweep and the clock line up. Every node sweeps; the database decides who sends.
  const digestSweep = setInterval(() => {
    if (!mailer) return;
    sendDigests(db.db, mailer, config.publicUrl, new Date(), logger).catch((error) =>
      logger.warn({ err: error }, 'could not send digests'),
    );
  }, 10 * 60_000);
  digestSweep.unref();
  // Cohorts past their retention are archived, then deleted; each is claimed by one node.
  const retention =
    options.retention === false
      ? undefined
      : scheduleRetention(
          { ...features, logger: logger.child({ module: 'retention' }) },
          options.retention,
        );
  // One HTTP server: /collab/ goes to the Yjs endpoint, /socket.io/ to Socket.IO, the rest is refused.
  httpServer.on('upgrade', (req, socket, head) => {
    const path = req.url ?? '';
    if (path.startsWith(COLLAB_PATH)) return collab.handleUpgrade(req, socket, head);
    if (!path.startsWith('/socket.io/')) socket.destroy();
  });

  logger.info(
    {
      url: config.publicUrl,
      port,
      database: db.kind,
      redis: Boolean(redis),
      startupMs: Math.round(performance.now() - started),
    },
    `Colab is listening on ${config.publicUrl}`,
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      shuttingDown = true;
      clearInterval(dueSweep);
      clearInterval(digestSweep);
      // Stopped now; a sweep under way is awaited only before the database closes.
      const retentionStopped = retention?.stop();
      const closed = new Promise<void>((resolve) => httpServer.once('close', () => resolve()));
      // Disconnects sockets and stops the HTTP server accepting; in-flight requests finish.
      void io.close();
      await collab.close();
      // Keep-alive connections turn idle as their last request finishes; close them as they do.
      httpServer.closeIdleConnections();
      const sweep = setInterval(() => httpServer.closeIdleConnections(), 50);
      const force = setTimeout(() => httpServer.closeAllConnections(), config.shutdownTimeoutMs);
      await closed;
      clearInterval(sweep);
      clearTimeout(force);
      mailer?.close();
      closeFiles();
      await redis?.close();
      await retentionStopped;
      await db.close();
      logger.info('Colab stopped');
    })();
    return closing;
  };

  return {
    url: `http://localhost:${port}`,
    config,
    httpServer,
    app,
    io,
    auth,
    db,
    collab,
    features,
    logger,
    close,
  };
}
