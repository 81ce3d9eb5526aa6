import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { problem, sendProblem } from './problem.ts';

function tooMany(detail: string) {
  return (_req: Request, res: Response) => {
    // express-rate-limit has set Retry-After already (standardHeaders).
    sendProblem(res, problem(429, detail, { code: 'rate_limited' }));
  };
}

/** A ceiling on every API call per client IP. */
export function apiRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    // draft-7's single RateLimit header: draft-8 hashes the client's key on every request.
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: tooMany('Too many requests. Please wait a moment and try again.'),
  });
}

/**
 * Sign-in attempts, limited per IP and separately per account, so guessing one person's
 * password from many addresses is slowed as much as guessing many from one.
 */
export function signInRateLimits(perMinute: number): RequestHandler[] {
  const handler = tooMany('Too many sign-in attempts. Please wait a minute and try again.');
  return [
    rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler,
    }),
    rateLimit({
      windowMs: 15 * 60_000,
      limit: perMinute * 2,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req) => `account:${String(req.body?.email ?? '').toLowerCase()}`,
      handler,
    }),
  ];
}
