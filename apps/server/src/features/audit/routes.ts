import { ZAuditLogQuery } from '@colab/shared';
import { Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { Forbidden } from '../../errors.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import { listInstanceAuditEvents } from './service.ts';

/** The instance admin's view of every security-relevant action, across all cohorts. */
export function auditRoutes({ db, auth }: FeatureContext): Router {
  const router = Router();
  router.get('/admin/audit', requireActor(auth), async (req, res) => {
    if (!actorOf(res).isInstanceAdmin)
      throw new Forbidden('Only the instance admin may read its audit log.');
    const page = parseInput(ZAuditLogQuery, req.query);
    const { events, nextBefore } = await listInstanceAuditEvents(db, page);
    res.json({
      events: events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
      nextBefore,
    });
  });
  return router;
}
