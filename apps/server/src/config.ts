import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { S3Settings } from './files/s3-file-store.ts';

// The only module that reads process.env: everything else receives a typed Config.

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: optionalString,
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  ),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
  ),
  REDIS_PREFIX: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'use letters, digits and _ . : - only')
      .optional(),
  ),
  COLAB_DATA_DIR: optionalString,
  COLAB_WEB_DIR: optionalString,
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SESSION_SECRET: optionalString.pipe(
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  ALLOWED_ORIGINS: optionalString,
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  MAIL_FROM: optionalString,
  S3_BUCKET: optionalString,
  S3_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  S3_REGION: optionalString,
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  S3_PREFIX: optionalString,
  TRUST_PROXY: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  SIGN_IN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  COLLAB_MESSAGES_PER_SECOND: z.coerce.number().int().positive().default(200),
  COLLAB_MESSAGE_BURST: z.coerce.number().int().positive().default(1000),
  COLLAB_IDLE_UNLOAD_MS: z.coerce.number().int().nonnegative().default(30_000),
  COLLAB_REST_AFTER_MS: z.coerce.number().int().nonnegative().default(60_000),
  COLLAB_ACCOUNT_MESSAGES_PER_SECOND: z.coerce.number().int().positive().default(400),
  COLLAB_ACCOUNT_MESSAGE_BURST: z.coerce.number().int().positive().default(2000),
  COLLAB_MAX_OPEN_DOCUMENTS: z.coerce.number().int().positive().default(5000),
  COLLAB_MAX_AWARENESS_BYTES: z.coerce.number().int().min(256).default(10_000),
  // At least the largest frame a client may send (MAX_MESSAGE_BYTES), or readers would be cut.
  COLLAB_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1_000_000)
    .default(64 * 1024 * 1024),
  // Under the stock provider's 30 s without a message, after which it reconnects.
  COLLAB_HEARTBEAT_MS: z.coerce.number().int().nonnegative().max(25_000).default(15_000),
  SESSION_CACHE_TTL_MS: z.coerce.number().int().nonnegative().default(60_000),
  SESSION_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(10_000),
  COHORT_ACCESS_CACHE_TTL_MS: z.coerce.number().int().nonnegative().default(30_000),
  COHORT_ACCESS_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(20_000),
  SOCKET_EVENTS_PER_SECOND: z.coerce.number().int().positive().default(20),
  SOCKET_ACCOUNT_EVENTS_PER_SECOND: z.coerce.number().int().positive().default(50),
});

export interface Config {
  port: number;
  host: string | undefined;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Namespaces this deployment's keys and channels, so several can share one Redis. */
  redisPrefix: string;
  /** Absolute path of the data folder (PGlite, the generated secret, uploads). */
  dataDir: string;
  /** Absolute path of the built web app. */
  webDir: string;
  /** The URL people reach the app at; derived from PORT when not given. */
  publicUrl: string;
  /** False when publicUrl was derived from PORT (so a server on port 0 re-derives it). */
  publicUrlFromEnv: boolean;
  /** ALLOWED_ORIGINS as given, before the public URL's origins are added. */
  extraOrigins: string[];
  /** undefined: generate one and keep it in the data folder. */
  sessionSecret: string | undefined;
  /** When set, invitations are emailed; otherwise their links are shown to copy. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** When set, uploads are kept in this S3-compatible bucket instead of the data folder. */
  s3: S3Settings | undefined;
  /** Origins allowed to make cookie-authenticated changes and open sockets. */
  allowedOrigins: string[];
  trustProxy: boolean | number | string;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  apiRateLimitPerMinute: number;
  signInRateLimitPerMinute: number;
  shutdownTimeoutMs: number;
  /** Per collab connection: average messages per second, and the burst allowed above it. */
  collabMessagesPerSecond: number;
  collabMessageBurst: number;
  /** How long a shared document stays in memory after its last connection leaves. */
  collabIdleUnloadMs: number;
  /** How long an open document goes unchanged before it drops its decoded Y.Doc (0: never). */
  collabRestAfterMs: number;
  /** Per node: how long a session cookie's person is remembered (0: never), and how many. */
  sessionCacheTtlMs: number;
  sessionCacheMaxEntries: number;
  cohortAccessCacheTtlMs: number;
  cohortAccessCacheMaxEntries: number;
  /** The same for all of one person's collab connections on a node together. */
  collabAccountMessagesPerSecond: number;
  collabAccountMessageBurst: number;
  /** Documents a node holds open for clients; one more is refused with close code 4503. */
  collabMaxOpenDocuments: number;
  collabMaxAwarenessBytes: number;
  /** Bytes waiting for one collab connection before it is dropped as not reading. */
  collabMaxBufferedBytes: number;
  /** How often collab connections are pinged and sent a no-op; one that misses a pong is dropped (0: neither). */
  collabHeartbeatMs: number;
  /** Socket.IO events per second a connection, and a person's connections together, may send (bursts of 5 s worth). */
  socketEventsPerSecond: number;
  socketAccountEventsPerSecond: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** For the commands that start Colab: a bad configuration is said in plain words, then exit. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const extraOrigins: string[] = [];
  for (const origin of (e.ALLOWED_ORIGINS ?? '').split(',')) {
    if (!origin.trim()) continue;
    if (!URL.canParse(origin.trim())) {
      throw new ConfigError(
        `Invalid configuration:\n  ALLOWED_ORIGINS: "${origin.trim()}" is not a URL`,
      );
    }
    extraOrigins.push(new URL(origin.trim()).origin);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX ?? 'colab',
    dataDir: resolve(cwd, e.COLAB_DATA_DIR ?? './data'),
    webDir: e.COLAB_WEB_DIR ? resolve(cwd, e.COLAB_WEB_DIR) : defaultWebDir,
    publicUrl,
    publicUrlFromEnv: Boolean(e.PUBLIC_URL),
    extraOrigins,
    sessionSecret: e.SESSION_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? `Colab <no-reply@${new URL(publicUrl).hostname}>`,
    s3: s3Settings(e),
    allowedOrigins: allowedOriginsFor(publicUrl, !e.PUBLIC_URL, e.PORT, extraOrigins),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    apiRateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
    signInRateLimitPerMinute: e.SIGN_IN_RATE_LIMIT_PER_MINUTE,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    collabMessagesPerSecond: e.COLLAB_MESSAGES_PER_SECOND,
    collabMessageBurst: e.COLLAB_MESSAGE_BURST,
    collabIdleUnloadMs: e.COLLAB_IDLE_UNLOAD_MS,
    collabRestAfterMs: e.COLLAB_REST_AFTER_MS,
    sessionCacheTtlMs: e.SESSION_CACHE_TTL_MS,
    sessionCacheMaxEntries: e.SESSION_CACHE_MAX_ENTRIES,
    cohortAccessCacheTtlMs: e.COHORT_ACCESS_CACHE_TTL_MS,
    cohortAccessCacheMaxEntries: e.COHORT_ACCESS_CACHE_MAX_ENTRIES,
    collabAccountMessagesPerSecond: e.COLLAB_ACCOUNT_MESSAGES_PER_SECOND,
    collabAccountMessageBurst: e.COLLAB_ACCOUNT_MESSAGE_BURST,
    collabMaxOpenDocuments: e.COLLAB_MAX_OPEN_DOCUMENTS,
    collabMaxAwarenessBytes: e.COLLAB_MAX_AWARENESS_BYTES,
    collabMaxBufferedBytes: e.COLLAB_MAX_BUFFERED_BYTES,
    collabHeartbeatMs: e.COLLAB_HEARTBEAT_MS,
    socketEventsPerSecond: e.SOCKET_EVENTS_PER_SECOND,
    socketAccountEventsPerSecond: e.SOCKET_ACCOUNT_EVENTS_PER_SECOND,
  };
}

/** The config of a server that asked for port 0 and was given `port`. */
export function withListeningPort(config: Config, port: number): Config {
  if (config.publicUrlFromEnv || config.port === port) return config;
  const publicUrl = `http://localhost:${port}`;
  return {
    ...config,
    port,
    publicUrl,
    allowedOrigins: allowedOriginsFor(publicUrl, true, port, config.extraOrigins),
  };
}

function allowedOriginsFor(
  publicUrl: string,
  derived: boolean,
  port: number,
  extra: string[],
): string[] {
  const origins = new Set([new URL(publicUrl).origin]);
  // Unconfigured, the app is reached as localhost or 127.0.0.1 alike.
  if (derived) origins.add(`http://127.0.0.1:${port}`);
  for (const origin of extra) origins.add(origin);
  return [...origins];
}

function s3Settings(e: z.infer<typeof ZEnv>): S3Settings | undefined {
  if (!e.S3_BUCKET) {
    const stray = (['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).find(
      (name) => e[name],
    );
    if (stray)
      throw new ConfigError(
        `Invalid configuration:\n  S3_BUCKET: required when ${stray} is set (uploads would otherwise stay on local disk)`,
      );
    return undefined;
  }
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY))
    throw new ConfigError(
      'Invalid configuration:\n  S3_SECRET_ACCESS_KEY: give both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither',
    );
  return {
    bucket: e.S3_BUCKET,
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION ?? 'us-east-1',
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    // Self-hosted stores mostly want path-style URLs; AWS itself takes either.
    forcePathStyle: e.S3_FORCE_PATH_STYLE
      ? e.S3_FORCE_PATH_STYLE === 'true'
      : Boolean(e.S3_ENDPOINT),
    prefix: e.S3_PREFIX ? `${e.S3_PREFIX.replace(/\/+$/, '')}/` : '',
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
