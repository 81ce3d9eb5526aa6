import { ZConfirmPollRequest, ZCreatePollRequest, ZPollResponsesRequest } from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import { deliverNotifications } from '../notifications/service.ts';
import {
  confirmPoll,
  createPoll,
  getPoll,
  listPolls,
  remindPoll,
  respondToPoll,
} from './service.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function pollRoutes(context: FeatureContext): Router {
  const { db, auth, realtime } = context;
  const router = Router();
  const signedIn = requireActor(auth);

  router.post('/sets/:id/polls', signedIn, async (req, res) => {
    const input = parseInput(ZCreatePollRequest, req.body);
    const { poll, set, notified } = await createPoll(db, actorOf(res), param(req, 'id'), input);
    await deliverNotifications(context, notified);
    realtime.setChanged({ setId: set.id, what: 'poll' });
    res.status(201).json(poll);
  });
  router.get('/sets/:id/polls', signedIn, async (req, res) => {
    res.json({ polls: await listPolls(db, actorOf(res), param(req, 'id')) });
  });
  router.get('/polls/:id', signedIn, async (req, res) => {
    res.json(await getPoll(db, actorOf(res), param(req, 'id')));
  });
  router.post('/polls/:id/responses', signedIn, async (req, res) => {
    const { answers } = parseInput(ZPollResponsesRequest, req.body);
    const { poll, tallies, responded } = await respondToPoll(
      db,
      actorOf(res),
      param(req, 'id'),
      answers,
    );
    realtime.pollUpdated({ setId: poll.setId, pollId: poll.id, tallies, responded });
    res.json(poll);
  });
  router.post('/polls/:id/remind', signedIn, async (req, res) => {
    const { reminded, notified } = await remindPoll(db, actorOf(res), param(req, 'id'));
    await deliverNotifications(context, notified);
    res.json({ reminded });
  });
  router.post('/polls/:id/confirm', signedIn, async (req, res) => {
    const input = parseInput(ZConfirmPollRequest, req.body);
    const { poll, meeting, set, notified } = await confirmPoll(
      db,
      actorOf(res),
      param(req, 'id'),
      input,
    );
    await deliverNotifications(context, notified);
    realtime.setChanged({ setId: set.id, what: 'schedule', meetingId: meeting.id });
    realtime.setChanged({ setId: set.id, what: 'poll' });
    res.json({ poll, meeting });
  });
  return router;
}
