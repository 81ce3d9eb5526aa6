import { ZAddSetMembersRequest, ZCreateSetRequest, ZUpdateSetRequest } from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import {
  addSetMembers,
  createSet,
  deleteSet,
  getSet,
  listSets,
  removeSetMember,
  renameSet,
} from './service.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function setRoutes({ db, auth, documents, realtime }: FeatureContext): Router {
  const router = Router();
  const signedIn = requireActor(auth);

  router.post('/cohorts/:id/sets', signedIn, async (req, res) => {
    const input = parseInput(ZCreateSetRequest, req.body);
    res.status(201).json(await createSet(db, actorOf(res), param(req, 'id'), input));
  });
  router.get('/cohorts/:id/sets', signedIn, async (req, res) => {
    res.json({ sets: await listSets(db, actorOf(res), param(req, 'id')) });
  });
  router.get('/sets/:id', signedIn, async (req, res) => {
    res.json(await getSet(db, actorOf(res), param(req, 'id')));
  });
  router.patch('/sets/:id', signedIn, async (req, res) => {
    const { name } = parseInput(ZUpdateSetRequest, req.body);
    res.json(await renameSet(db, actorOf(res), param(req, 'id'), name));
  });
  router.delete('/sets/:id', signedIn, async (req, res) => {
    await deleteSet(db, documents, actorOf(res), param(req, 'id'));
    res.status(204).end();
  });
  router.post('/sets/:id/members', signedIn, async (req, res) => {
    const { userIds } = parseInput(ZAddSetMembersRequest, req.body);
    const result = await addSetMembers(db, actorOf(res), param(req, 'id'), userIds);
    for (const m of result.moved) realtime.setsLeft([m.from], m.userId);
    res.json(result);
  });
  router.delete('/sets/:id/members/:userId', signedIn, async (req, res) => {
    await removeSetMember(db, actorOf(res), param(req, 'id'), param(req, 'userId'));
    realtime.setsLeft([param(req, 'id')], param(req, 'userId'));
    res.status(204).end();
  });
  return router;
}
