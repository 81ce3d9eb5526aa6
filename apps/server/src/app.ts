import express, { type Express, Router } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { authRoutes } from './auth/routes.ts';
import type { Config } from './config.ts';
import { activityRoutes } from './features/activity/routes.ts';
import { auditRoutes } from './features/audit/routes.ts';
import { boardSessionRoutes } from './features/boards/held-routes.ts';
import { boardRoutes } from './features/boards/routes.ts';
import { calendarRoutes } from './features/calendar/routes.ts';
import { cohortRoutes } from './features/cohorts/routes.ts';
import type { FeatureContext } from './features/context.ts';
import { outputRoutes } from './features/groups/output-routes.ts';
import { resourceRoutes } from './features/groups/resource-routes.ts';
import { groupRoutes } from './features/groups/routes.ts';
import { healthRoutes, type ReadinessProbe } from './features/health/routes.ts';
import { invitationRoutes } from './features/invitations/routes.ts';
import { journalRoutes } from './features/journal/routes.ts';
import { meRoutes } from './features/me/routes.ts';
import { meetingRoutes } from './features/meetings/routes.ts';
import { memberRoutes } from './features/members/routes.ts';
import { notificationRoutes } from './features/notifications/routes.ts';
import { pollRoutes } from './features/polls/routes.ts';
import { privacyRoutes } from './features/privacy/routes.ts';
import { promptRoutes } from './features/prompts/routes.ts';
import { searchRoutes } from './features/search/routes.ts';
import { setRoutes } from './features/sets/routes.ts';
import { accessLog } from './http/access-log.ts';
import { jsonBodiesOnly } from './http/json-bodies.ts';
import { originCheck } from './http/origin-check.ts';
import { apiNotFound, errorHandler } from './http/problem.ts';
import { apiRateLimit } from './http/rate-limits.ts';
import { webApp } from './http/web-app.ts';

export interface AppDeps {
  config: Config;
  features: FeatureContext;
  logger: Logger;
  probe: ReadinessProbe;
  /** Extra API routes, mounted before the 404 fallback (tests use it to provoke faults). */
  extraApiRoutes?: (api: Router) => void;
}

/** Wires every feature onto one Express app. */
export function createApp({ config, features, logger, probe, extraApiRoutes }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const https = config.publicUrl.startsWith('https://');
  app.use(
    helmet({
      hsts: https,
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'frame-ancestors': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'upgrade-insecure-requests': https ? [] : null,
        },
      },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );
  app.use(accessLog(logger, (url) => url === '/healthz' || url === '/readyz'));
  app.use(healthRoutes(probe));

  const api = Router();
  api.use(apiRateLimit(config.apiRateLimitPerMinute));
  api.use(express.json({ limit: '1mb' }));
  api.use(jsonBodiesOnly);
  api.use(originCheck(config.allowedOrigins));
  api.use(
    '/auth',
    authRoutes(features, { signInRateLimitPerMinute: config.signInRateLimitPerMinute }),
  );
  api.use(meRoutes(features));
  api.use(privacyRoutes(features));
  api.use(cohortRoutes(features));
  api.use(memberRoutes(features));
  api.use(invitationRoutes(features));
  api.use(boardRoutes(features));
  api.use(boardSessionRoutes(features));
  api.use(setRoutes(features));
  api.use(meetingRoutes(features));
  api.use(pollRoutes(features));
  api.use(calendarRoutes(features));
  api.use(groupRoutes(features));
  api.use(outputRoutes(features));
  api.use(resourceRoutes(features));
  api.use(searchRoutes(features));
  api.use(journalRoutes(features));
  api.use(promptRoutes(features));
  api.use(notificationRoutes(features));
  api.use(activityRoutes(features));
  api.use(auditRoutes(features));
  extraApiRoutes?.(api);
  api.use(apiNotFound);
  app.use('/api', api);

  app.use(webApp(config.webDir));
  app.use(errorHandler(logger));
  return app;
}
