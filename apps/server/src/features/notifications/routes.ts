import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import { listNotifications, markNotificationsRead } from './service.ts';

const ZMarkRead = z.object({ ids: z.array(z.uuid()).max(500).optional() }).strict();

export function notificationRoutes({ db, auth }: FeatureContext): Router {
  const router = Router();
  router.use('/notifications', requireActor(auth));
  router.get('/notifications', async (_req, res) => {
    res.json(await listNotifications(db, actorOf(res)));
  });
  router.post('/notifications/read', async (req, res) => {
    const { ids } = parseInput(ZMarkRead, req.body);
    await markNotificationsRead(db, actorOf(res), ids);
    res.json(await listNotifications(db, actorOf(res)));
  });
  return router;
}
