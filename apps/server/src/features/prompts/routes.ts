import { ZCreatePromptRequest } from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import { activityOf, shareActivity } from '../activity/service.ts';
import type { FeatureContext } from '../context.ts';
import { deliverNotifications } from '../notifications/service.ts';
import { listPrompts, presentPrompt, publishPrompt } from './service.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function promptRoutes(context: FeatureContext): Router {
  const { db, auth, realtime } = context;
  const router = Router();
  router.post('/cohorts/:id/prompts', requireActor(auth), async (req, res) => {
    const input = parseInput(ZCreatePromptRequest, req.body);
    const { prompt, notified } = await publishPrompt(db, actorOf(res), param(req, 'id'), input);
    await deliverNotifications(context, notified);
    await shareActivity(db, realtime, {
      ...activityOf.promptPublished(prompt),
      actorId: actorOf(res).userId,
    });
    res.status(201).json(presentPrompt(prompt, new Date()));
  });
  router.get('/cohorts/:id/prompts', requireActor(auth), async (req, res) => {
    res.json({ prompts: await listPrompts(db, actorOf(res), param(req, 'id')) });
  });
  return router;
}
