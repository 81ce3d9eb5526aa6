import { ZChangePasswordRequest, ZSignInRequest, ZSignUpRequest } from '@colab/shared';
import { fromNodeHeaders } from 'better-auth/node';
import { type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { problem, sendProblem } from '../http/problem.ts';
import { signInRateLimits } from '../http/rate-limits.ts';
import { parseInput } from '../http/validate.ts';
import { type Auth, CLIENT_IP_HEADER } from './auth.ts';

// The better-auth endpoints Colab offers; the rest of its surface stays unreachable.
const EXPOSED = new Set([
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

export function authRoutes(auth: Auth, options: { signInRateLimitPerMinute: number }): Router {
  const router = Router();
  router.post('/sign-up/email', validated(ZSignUpRequest));
  router.post(
    '/sign-in/email',
    validated(ZSignInRequest),
    ...signInRateLimits(options.signInRateLimitPerMinute),
  );
  // Changing a password ends every other session of the account.
  router.post('/change-password', validated(ZChangePasswordRequest, { revokeOtherSessions: true }));
  router.all('/{*rest}', (req, res) => forwardToBetterAuth(auth, req, res));
  return router;
}

async function forwardToBetterAuth(auth: Auth, req: Request, res: Response): Promise<void> {
  if (!EXPOSED.has(`${req.method} ${req.path}`)) {
    return sendProblem(
      res,
      problem(404, `No API route ${req.method} ${req.originalUrl.split('?')[0]}.`),
    );
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
    return sendProblem(
      res,
      problem(response.status, body?.message ?? 'The request could not be completed.', {
        code: body?.code?.toLowerCase() ?? undefined,
      }),
    );
  }
  res.status(response.status);
  const contentType = response.headers.get('content-type');
  if (contentType) res.type(contentType);
  res.send(text);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
