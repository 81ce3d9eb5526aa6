import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import { listActivity } from './service.ts';

const ZActivityQuery = z.object({
  before: z.uuid({ error: 'Give the id of the last item you have' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export function activityRoutes({ db, auth }: FeatureContext): Router {
  const router = Router();
  router.get('/cohorts/:id/activity', requireActor(auth), async (req, res) => {
    const query = parseInput(ZActivityQuery, req.query);
    res.json(await listActivity(db, actorOf(res), String(req.params.id), query));
  });
  return router;
}
