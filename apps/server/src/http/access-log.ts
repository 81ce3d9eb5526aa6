import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { redactUrl } from '../logger.ts';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's number in this process, as its access-log line and error lines give it. */
    id?: number;
  }
}

/**
 * One pino line per request once its response has gone (or its client has left): id, method,
 * URL with capability secrets redacted, client address, status and time, and no headers.
 *
 * Not pino-http: it builds two child loggers for every request and serializes the request
 * through pino-std-serializers before it logs a thing; under the API benchmark (100
 * connections) that was a sixth of the server's CPU. This writes the same line shape (`req`,
 * `res`, `responseTime`, "request completed" / "request errored") straight to the logger.
 */
export function accessLog(logger: Logger, ignore: (url: string) => boolean): RequestHandler {
  let requests = 0;
  return (req, res, next) => {
    if (ignore(req.url)) return next();
    const id = ++requests;
    req.id = id;
    const started = Date.now();
    // Read now: by the time the response has gone, Express's routers have rewritten req.url.
    const url = req.originalUrl;
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      const line = {
        req: { id, method: req.method, url: redactUrl(url), remoteAddress: req.ip },
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - started,
      };
      if (res.statusCode >= 500) logger.error(line, 'request errored');
      else if (!res.writableFinished) logger.info(line, 'request aborted');
      else logger.info(line, 'request completed');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
