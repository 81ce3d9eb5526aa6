import { type Database, schema } from '@colab/db';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@colab/shared';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { uuidv7 } from 'uuidv7';

export interface AuthOptions {
  db: Database;
  secret: string;
  publicUrl: string;
  allowedOrigins: string[];
  logger: Logger;
}

/** Request header through which the server (never the client) tells better-auth the peer IP. */
export const CLIENT_IP_HEADER = 'x-colab-client-ip';

export function createAuth({ db, secret, publicUrl, allowedOrigins, logger }: AuthOptions) {
  const authLogger = logger.child({ module: 'auth' });
  return betterAuth({
    appName: 'Colab',
    baseURL: publicUrl,
    basePath: '/api/auth',
    secret,
    trustedOrigins: allowedOrigins,
    database: drizzleAdapter(db, { provider: 'pg', schema, usePlural: true }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      autoSignIn: true,
    },
    user: {
      additionalFields: {
        // Never taken from a request body: set by the hook below, or by an admin later.
        isInstanceAdmin: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
    },
    // Rate limits are applied in front of better-auth (http/rate-limits.ts), answering
    // problem+json with Retry-After like every other route.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      useSecureCookies: publicUrl.startsWith('https://'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      database: { generateId: () => uuidv7() },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            // The first account of an empty instance becomes its admin. Deciding by the
            // earliest row, not by a count, keeps two simultaneous first sign-ups from both winning.
            await db.execute(
              sql`update ${schema.users} set is_instance_admin = true
                  where id = ${user.id}
                    and id = (select id from ${schema.users} order by created_at, id limit 1)`,
            );
          },
        },
      },
    },
    logger: {
      log: (level, message, ...args) => {
        authLogger[level]({ args: args.length ? args : undefined }, message);
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
