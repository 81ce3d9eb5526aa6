import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler, Router } from 'express';

const NOT_SPA = /^\/(api|socket\.io|collab)(\/|$)/;

/**
 * Serves the built web app: hashed assets cached for a year, and index.html for any other
 * page path so the client router can take over (SPA fallback).
 */
export function webApp(webDir: string): Router {
  const router = Router();
  const indexHtml = join(webDir, 'index.html');
  router.use(
    '/assets',
    express.static(join(webDir, 'assets'), { immutable: true, maxAge: '1y', index: false }),
  );
  router.use(express.static(webDir, { index: false, maxAge: '1h' }));
  const fallback: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_SPA.test(req.path)) return next();
    if (!existsSync(indexHtml)) {
      res
        .status(503)
        .type('text/plain')
        .send(
          'The web app has not been built yet. Run `pnpm build` (or `pnpm start`), then reload.',
        );
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexHtml);
  };
  router.use(fallback);
  return router;
}
