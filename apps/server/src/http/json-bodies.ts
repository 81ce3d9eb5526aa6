import type { RequestHandler } from 'express';
import { UnsupportedType } from '../errors.ts';

/**
 * A body the API cannot read is refused, not ignored: express.json skips anything not typed
 * as JSON, and a route whose fields are all optional would then act on an empty body as if it
 * were the request (a text/plain PATCH answered 200 and changed nothing the sender meant).
 * Uploads come as multipart forms; requests without a body pass.
 */
export const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody || req.is(['application/json', 'multipart/form-data'])) return next();
  next(
    new UnsupportedType(
      [{ path: '(body)', message: 'Send the body as JSON (Content-Type: application/json)' }],
      'The request body must be JSON.',
    ),
  );
};
