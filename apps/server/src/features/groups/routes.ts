import {
  ZAddGroupMembersRequest,
  ZCreateEvidenceRequest,
  ZCreateGroupRequest,
  ZCreateMilestoneRequest,
  ZEvidenceQuery,
  ZGroupMentionRequest,
  ZUpdateEvidenceRequest,
  ZUpdateGroupRequest,
  ZUpdateMilestoneRequest,
} from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import { deliverNotifications } from '../notifications/service.ts';
import { addEvidence, deleteEvidence, listEvidence, updateEvidence } from './evidence.ts';
import { notifyGroupMentions } from './mentions.ts';
import { addMilestone, listMilestones, updateMilestone } from './milestones.ts';
import {
  addGroupPeople,
  createGroup,
  getGroup,
  listGroups,
  removeGroupPerson,
  updateGroup,
} from './service.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function groupRoutes(context: FeatureContext): Router {
  const { db, auth, documents } = context;
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
    // Out of the group's room and off its page and boards before the answer, unless they
    // still read it another way (they run the cohort).
    await context.realtime.reauthorize(param(req, 'userId'));
    await documents.reauthorize({ userId: param(req, 'userId') });
    res.status(204).end();
  });
  router.post('/groups/:id/mentions', signedIn, async (req, res) => {
    const input = parseInput(ZGroupMentionRequest, req.body);
    const notified = await notifyGroupMentions(db, actorOf(res), param(req, 'id'), input);
    await deliverNotifications(context, notified);
    res.json({ notified: notified.length });
  });
  router.post('/groups/:id/evidence', signedIn, async (req, res) => {
    const input = parseInput(ZCreateEvidenceRequest, req.body);
    res.status(201).json(await addEvidence(db, actorOf(res), param(req, 'id'), input));
  });
  router.get('/groups/:id/evidence', signedIn, async (req, res) => {
    const filter = parseInput(ZEvidenceQuery, req.query);
    res.json(await listEvidence(db, actorOf(res), param(req, 'id'), filter));
  });
  router.patch('/evidence/:id', signedIn, async (req, res) => {
    const input = parseInput(ZUpdateEvidenceRequest, req.body);
    res.json(await updateEvidence(db, actorOf(res), param(req, 'id'), input));
  });
  router.delete('/evidence/:id', signedIn, async (req, res) => {
    await deleteEvidence(db, actorOf(res), param(req, 'id'));
    res.status(204).end();
  });
  router.post('/groups/:id/milestones', signedIn, async (req, res) => {
    const input = parseInput(ZCreateMilestoneRequest, req.body);
    res.status(201).json(await addMilestone(db, actorOf(res), param(req, 'id'), input));
  });
  router.get('/groups/:id/milestones', signedIn, async (req, res) => {
    res.json({ milestones: await listMilestones(db, actorOf(res), param(req, 'id')) });
  });
  router.patch('/milestones/:id', signedIn, async (req, res) => {
    const input = parseInput(ZUpdateMilestoneRequest, req.body);
    res.json(await updateMilestone(db, actorOf(res), param(req, 'id'), input));
  });
  return router;
}
