import type { RequestHandler } from 'express';
import { problem, sendProblem } from './problem.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a request says it comes from: Origin, or failing that, Referer's origin. */
export function requestOrigin(headers: {
  origin?: string | undefined;
  referer?: string | undefined;
}): string | undefined {
  if (headers.origin && headers.origin !== 'null') return headers.origin;
  if (headers.referer) {
    try {
      return new URL(headers.referer).origin;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * CSRF defence on top of SameSite=Lax: a state-changing request must come from an allowed
 * origin if it carries cookies (it could act as someone) or if a browser said where it came
 * from (a foreign page signing a visitor in to an attacker's account). Scripts and other
 * clients without cookies or Origin cannot act as anyone, so pass.
 */
export function originCheck(allowedOrigins: string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = requestOrigin(req.headers);
    if (origin === undefined && !req.headers.cookie) return next();
    if (origin && allowed.has(origin)) return next();
    sendProblem(
      res,
      problem(403, 'This request did not come from Colab itself, so it was refused.', {
        code: 'bad_origin',
      }),
    );
  };
}
