import { ZUpdateProfileRequest } from '@colab/shared';
import { Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import { getOwnProfile, updateOwnProfile } from '../profile/service.ts';

export function meRoutes({ db, auth }: FeatureContext): Router {
  const router = Router();
  router.use('/me', requireActor(auth));
  router.get('/me', async (_req, res) => {
    res.json(await getOwnProfile(db, actorOf(res)));
  });
  router.patch('/me', async (req, res) => {
    const input = parseInput(ZUpdateProfileRequest, req.body);
    res.json(await updateOwnProfile(db, actorOf(res), input));
  });
  return router;
}
