import { schema } from '@colab/db';
import { ZChangePasswordRequest, ZSignInRequest, ZSignUpRequest } from '@colab/shared';
import { fromNodeHeaders } from 'better-auth/node';
import { eq } from 'drizzle-orm';
import { type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { recordAudit } from '../features/audit/service.ts';
import type { FeatureContext } from '../features/context.ts';
import { problem, sendProblem } from '../http/problem.ts';
import { signInRateLimits } from '../http/rate-limits.ts';
import { parseInput } from '../http/validate.ts';
import { hashSecretToken } from '../secret-token.ts';
import { type Auth, CLIENT_IP_HEADER } from './auth.ts';
import { type Actor, actorFromHeaders } from './session.ts';
import { sessionCacheOf } from './session-cache.ts';

// The better-auth endpoints Colab offers; the rest of its surface stays unreachable.
export const EXPOSED = new Set([
  'POST /sign-up/email',
  'POST /sign-in/email',
  'POST /sign-out',
  'POST /change-password',
  'GET /get-session',
  'GET /list-sessions',
  'POST /revoke-other-sessions',
]);

/** Validates a body with the shared schema and hands better-auth the normalised value. */
function validated(schema: z.ZodType, overrides: Record<string, unknown> = {}) {
  return (req: Request, _res: Response, next: () => void) => {
    req.body = { ...(parseInput(schema, req.body) as object), ...overrides };
    next();
  };
}

type AuthContext = Pick<FeatureContext, 'auth' | 'db' | 'realtime' | 'documents' | 'logger'>;

export function authRoutes(
  context: AuthContext,
  options: { signInRateLimitPerMinute: number },
): Router {
  const { auth } = context;
  const router = Router();
  router.post('/sign-up/email', validated(ZSignUpRequest));
  router.post(
    '/sign-in/email',
    validated(ZSignInRequest),
    ...signInRateLimits(options.signInRateLimitPerMinute),
  );
  // Changing a password ends every other session of the account.
  router.post('/change-password', validated(ZChangePasswordRequest, { revokeOtherSessions: true }));
  router.all('/{*rest}', async (req, res) => {
    const route = `${req.method} ${req.path}`;
    // Who is signing out or changing a password must be known before their session ends.
    const before = ENDS_SESSIONS.has(route) ? await actorFromHeaders(auth, req.headers) : null;
    const status = await forwardToBetterAuth(auth, req, res);
    // Before anything else can run: the next request must not find the ended session cached.
    if (before && status < 400) {
      sessionCacheOf(auth)?.sessionsEnded({
        userId: before.userId,
        sessionIds: [before.sessionId],
      });
    }
    // The answer has gone; a failure here is logged, not sent.
    await afterAuth(context, req, route, status, before).catch((error) =>
      context.logger.error({ err: error, route }, 'could not record an account event'),
    );
  });
  return router;
}

const ENDS_SESSIONS = new Set([
  'POST /sign-out',
  'POST /change-password',
  'POST /revoke-other-sessions',
]);

/** The audit trail of accounts, and the sockets of sessions that have just ended. */
async function afterAuth(
  { db, realtime, documents }: AuthContext,
  req: Request,
  route: string,
  status: number,
  before: Actor | null,
): Promise<void> {
  const ip = req.ip ?? null;
  if (route === 'POST /sign-in/email' || route === 'POST /sign-up/email') {
    const email = String(req.body?.email ?? '');
    const [user] = await db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.email, email));
    if (status < 400 && user) {
      const action = route === 'POST /sign-in/email' ? 'auth.signed_in' : 'auth.signed_up';
      await recordAudit(db, { cohortId: null, actorId: user.id, action, details: { ip } });
    } else if (route === 'POST /sign-in/email' && status === 401) {
      await recordAudit(db, {
        cohortId: null,
        actorId: null,
        subjectUserId: user?.id ?? null,
        action: 'auth.sign_in_failed',
        // The address tried, as its hash: repeated attempts on one address still show, and an
        // erased person's address is not kept in the log by someone typing it afterwards.
        details: { emailHash: hashSecretToken(email.trim().toLowerCase()), ip },
      });
    }
    return;
  }
  if (!before || status >= 400) return;
  if (route === 'POST /sign-out') {
    const ended = { userId: before.userId, sessionIds: [before.sessionId] };
    realtime.sessionsEnded(ended);
    documents.sessionsEnded(ended);
    await recordAudit(db, { cohortId: null, actorId: before.userId, action: 'auth.signed_out' });
  } else if (route === 'POST /change-password') {
    // better-auth ends every session and opens a new one for this browser; the sockets this
    // browser already has open stay, those of every other browser close.
    const ended = { userId: before.userId, exceptSessionId: before.sessionId };
    realtime.sessionsEnded(ended);
    documents.sessionsEnded(ended);
    await recordAudit(db, {
      cohortId: null,
      actorId: before.userId,
      action: 'auth.password_changed',
      details: { ip },
    });
  }
}

/** Answers the request with better-auth's response (as problem+json when it failed). */
async function forwardToBetterAuth(auth: Auth, req: Request, res: Response): Promise<number> {
  if (!EXPOSED.has(`${req.method} ${req.path}`)) {
    sendProblem(res, problem(404, `No API route ${req.method} ${req.originalUrl.split('?')[0]}.`));
    return 404;
  }
  const headers = fromNodeHeaders(req.headers);
  headers.delete('content-length');
  headers.set(CLIENT_IP_HEADER, req.ip ?? '');
  const init: RequestInit = { method: req.method, headers };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    headers.set('content-type', 'application/json');
    init.body = JSON.stringify(req.body ?? {});
  }
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  const response = await auth.handler(new Request(url, init));

  for (const cookie of response.headers.getSetCookie()) res.append('set-cookie', cookie);
  const text = await response.text();
  if (response.status >= 400) {
    const body = safeJson(text) as { code?: string; message?: string } | undefined;
    sendProblem(
      res,
      problem(response.status, body?.message ?? 'The request could not be completed.', {
        code: body?.code?.toLowerCase() ?? undefined,
      }),
    );
    return response.status;
  }
  res.status(response.status);
  const contentType = response.headers.get('content-type');
  if (contentType) res.type(contentType);
  res.send(withoutSessionToken(text));
  return response.status;
}

/**
 * better-auth also puts the session token in the JSON of sign-in, sign-up and password
 * changes; the browser needs only the httpOnly cookie, so script never sees the token.
 */
function withoutSessionToken(text: string): string {
  const body = safeJson(text);
  if (!body || typeof body !== 'object' || !('token' in body)) return text;
  const { token: _token, ...rest } = body as Record<string, unknown>;
  return JSON.stringify(rest);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
