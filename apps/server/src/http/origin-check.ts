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
 * CSRF defence on top of SameSite=Lax: a state-changing request that carries cookies must
 * come from an allowed origin. Requests without cookies cannot act as anyone, so pass.
 */
export function originCheck(allowedOrigins: string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || !req.headers.cookie) return next();
    const origin = requestOrigin(req.headers);
    if (origin && allowed.has(origin)) return next();
    sendProblem(
      res,
      problem(403, 'This request did not come from Colab itself, so it was refused.', {
        code: 'bad_origin',
      }),
    );
  };
}
