import { Router } from 'express';
import type { Auth } from '../../auth/auth.ts';
import { actorOf, requireActor } from '../../auth/session.ts';
import { presentMe } from './presenter.ts';

export function meRoutes(auth: Auth): Router {
  const router = Router();
  router.get('/me', requireActor(auth), (_req, res) => {
    res.json(presentMe(actorOf(res)));
  });
  return router;
}
