import { ZUpdateProfileRequest } from '@colab/shared';
import { Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { actorChanged } from '../../auth/session-cache.ts';
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
    const actor = actorOf(res);
    const profile = await updateOwnProfile(db, actor, input);
    // The name is part of the cached Actor, which realtime and audit entries show.
    if (input.displayName !== undefined) actorChanged(auth, actor.userId);
    res.json(profile);
  });
  return router;
}
