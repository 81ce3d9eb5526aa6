import { ZAddGroupMembersRequest, ZCreateGroupRequest, ZUpdateGroupRequest } from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import {
  addGroupPeople,
  createGroup,
  getGroup,
  listGroups,
  removeGroupPerson,
  updateGroup,
} from './service.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function groupRoutes({ db, auth, documents }: FeatureContext): Router {
  const router = Router();
  const signedIn = requireActor(auth);

  router.post('/cohorts/:id/groups', signedIn, async (req, res) => {
    const input = parseInput(ZCreateGroupRequest, req.body);
    res.status(201).json(await createGroup(db, actorOf(res), param(req, 'id'), input));
  });
  router.get('/cohorts/:id/groups', signedIn, async (req, res) => {
    res.json({ groups: await listGroups(db, actorOf(res), param(req, 'id')) });
  });
  router.get('/groups/:id', signedIn, async (req, res) => {
    res.json(await getGroup(db, actorOf(res), param(req, 'id')));
  });
  router.patch('/groups/:id', signedIn, async (req, res) => {
    const input = parseInput(ZUpdateGroupRequest, req.body);
    res.json(await updateGroup(db, actorOf(res), param(req, 'id'), input));
  });
  router.post('/groups/:id/members', signedIn, async (req, res) => {
    const input = parseInput(ZAddGroupMembersRequest, req.body);
    const group = await addGroupPeople(db, actorOf(res), param(req, 'id'), input);
    await documents.reauthorize({ docName: group.docName });
    res.json(group);
  });
  router.delete('/groups/:id/members/:userId', signedIn, async (req, res) => {
    const id = param(req, 'id');
    await removeGroupPerson(db, actorOf(res), id, param(req, 'userId'));
    await documents.reauthorize({ userId: param(req, 'userId') });
    res.status(204).end();
  });
  return router;
}
