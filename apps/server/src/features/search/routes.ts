import { ZSearchQuery } from '@colab/shared';
import { Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import { search } from './service.ts';

export function searchRoutes({ db, auth }: FeatureContext): Router {
  const router = Router();
  router.get('/search', requireActor(auth), async (req, res) => {
    const { q, cohortId } = parseInput(ZSearchQuery, req.query);
    res.json({ results: await search(db, actorOf(res), cohortId, q) });
  });
  return router;
}
