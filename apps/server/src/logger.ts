import { type DestinationStream, type Logger, pino } from 'pino';
import type { Config } from './config.ts';

// Secrets never reach the logs: cookies, auth headers and anything shaped like a token.
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  'req.params.token',
  'req.params.file',
  'req.query.token',
];

export function createLogger(
  config: Pick<Config, 'logLevel'>,
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'colab' },
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    destination,
  );
}

// Paths whose segment after the prefix is a secret (a calendar feed, an invitation, a public link).
const SECRET_PATHS =
  /^(\/api\/calendar\/|(?:\/api)?\/invitations\/|\/api\/public\/outputs\/|\/showcase\/)([^/?#]+)/;

/** A request URL fit for the logs: the secret in a capability URL is replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PATHS, (_all, prefix: string, secret: string) =>
    /^[0-9a-f-]{36}$/.test(secret) ? `${prefix}${secret}` : `${prefix}[redacted]`,
  );
}
