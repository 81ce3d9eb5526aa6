import { type Logger, pino } from 'pino';
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
];

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'colab' },
    redact: { paths: REDACT, censor: '[redacted]' },
  });
}
