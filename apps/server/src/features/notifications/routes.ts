import { ZNotificationPreferencesUpdate } from '@colab/shared';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import { getPreferences, updatePreferences } from './preferences.ts';
import { listNotifications, markNotificationsRead } from './service.ts';

const ZMarkRead = z.object({ ids: z.array(z.uuid()).max(500).optional() }).strict();

export function notificationRoutes({ db, auth, mailer }: FeatureContext): Router {
  const router = Router();
  const signedIn = requireActor(auth);
  // Tells the settings page whether email choices can mean anything on this instance.
  const emailAvailable = Boolean(mailer);

  router.use('/notifications', signedIn);
  router.get('/notifications', async (_req, res) => {
    res.json(await listNotifications(db, actorOf(res)));
  });
  router.post('/notifications/read', async (req, res) => {
    const { ids } = parseInput(ZMarkRead, req.body);
    await markNotificationsRead(db, actorOf(res), ids);
    res.json(await listNotifications(db, actorOf(res)));
  });
  router.get('/me/notification-preferences', signedIn, async (_req, res) => {
    res.json({ ...(await getPreferences(db, actorOf(res))), emailAvailable });
  });
  router.put('/me/notification-preferences', signedIn, async (req, res) => {
    const input = parseInput(ZNotificationPreferencesUpdate, req.body);
    res.json({ ...(await updatePreferences(db, actorOf(res), input)), emailAvailable });
  });
  return router;
}
