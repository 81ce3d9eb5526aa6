import { type FieldProblem, PROBLEM_CONTENT_TYPE, type Problem } from '@colab/shared';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import {
  Conflict,
  DomainError,
  Forbidden,
  NotFound,
  StorageFailed,
  TooLarge,
  Unauthenticated,
  UnsupportedType,
  ValidationFailed,
} from '../errors.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
};

export function problem(
  status: number,
  detail?: string,
  extra: { code?: string; fields?: FieldProblem[] } = {},
): Problem {
  const code = extra.code ?? (TITLES[status] ?? 'error').toLowerCase().replaceAll(' ', '_');
  return {
    type: `https://colab.invalid/problems/${code.replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    code,
    ...(extra.fields ? { fields: extra.fields } : {}),
  };
}

export function sendProblem(res: Response, body: Problem): void {
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

export function statusOfDomainError(error: DomainError): number {
  if (error instanceof TooLarge) return 413;
  if (error instanceof UnsupportedType) return 415;
  if (error instanceof ValidationFailed) return 400;
  if (error instanceof Unauthenticated) return 401;
  if (error instanceof Forbidden) return 403;
  if (error instanceof NotFound) return 404;
  if (error instanceof Conflict) return 409;
  if (error instanceof StorageFailed) return error.full ? 507 : 503;
  return 400;
}

export function problemOfDomainError(error: DomainError): Problem {
  return problem(statusOfDomainError(error), error.message, {
    code: error.code,
    ...(error instanceof ValidationFailed ? { fields: error.fields } : {}),
  });
}

/** Answers anything under /api that no route matched. */
export const apiNotFound: RequestHandler = (req, res) => {
  sendProblem(res, problem(404, `No API route ${req.method} ${req.originalUrl.split('?')[0]}.`));
};

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof DomainError) return sendProblem(res, problemOfDomainError(error));
    const e = error as BodyParserError;
    if (e?.type === 'entity.parse.failed') {
      return sendProblem(
        res,
        problem(400, 'The request body is not valid JSON.', {
          code: 'malformed_json',
          fields: [{ path: '(body)', message: 'Not valid JSON' }],
        }),
      );
    }
    if (e?.type === 'entity.too.large') {
      return sendProblem(
        res,
        problem(413, 'The request body is larger than 1 MB.', { code: 'body_too_large' }),
      );
    }
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose) {
      return sendProblem(res, problem(e.status, e.message));
    }
    // Logged with its stack here; the body says nothing of it.
    logger.error({ err: error, reqId: req.id }, 'unhandled error');
    sendProblem(res, problem(500, 'Something went wrong on our side. Please try again.'));
  };
}
