import {
  ZCreateOutputRequest,
  ZOutputFeedbackRequest,
  ZReturnOutputRequest,
  ZShowcaseQuery,
  ZUpdateOutputRequest,
} from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import { deliverNotifications } from '../notifications/service.ts';
import {
  answerFeedback,
  createOutput,
  getOutput,
  leaveFeedback,
  listGroupOutputs,
  publicOutput,
  publishOutput,
  returnOutput,
  setPublicLink,
  showcase,
  submitOutput,
  updateOutput,
} from './outputs.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function outputRoutes({ db, auth, realtime, publicUrl }: FeatureContext): Router {
  const router = Router();
  const signedIn = requireActor(auth);

  router.post('/groups/:id/outputs', signedIn, async (req, res) => {
    const input = parseInput(ZCreateOutputRequest, req.body);
    res.status(201).json(await createOutput(db, actorOf(res), param(req, 'id'), input));
  });
  router.get('/groups/:id/outputs', signedIn, async (req, res) => {
    res.json({ outputs: await listGroupOutputs(db, actorOf(res), param(req, 'id')) });
  });
  router.get('/outputs/:id', signedIn, async (req, res) => {
    res.json(await getOutput(db, actorOf(res), param(req, 'id')));
  });
  router.patch('/outputs/:id', signedIn, async (req, res) => {
    const input = parseInput(ZUpdateOutputRequest, req.body);
    res.json(await updateOutput(db, actorOf(res), param(req, 'id'), input));
  });
  router.post('/outputs/:id/submit', signedIn, async (req, res) => {
    const { output, notified } = await submitOutput(db, actorOf(res), param(req, 'id'));
    deliverNotifications(realtime, notified);
    res.json(output);
  });
  router.post('/outputs/:id/publish', signedIn, async (req, res) => {
    const { output, notified } = await publishOutput(db, actorOf(res), param(req, 'id'));
    deliverNotifications(realtime, notified);
    res.json(output);
  });
  router.post('/outputs/:id/return', signedIn, async (req, res) => {
    const { comment } = parseInput(ZReturnOutputRequest, req.body);
    const { output, notified } = await returnOutput(db, actorOf(res), param(req, 'id'), comment);
    deliverNotifications(realtime, notified);
    res.json(output);
  });
  router.get('/cohorts/:id/showcase', signedIn, async (req, res) => {
    const { theme } = parseInput(ZShowcaseQuery, req.query);
    res.json(await showcase(db, actorOf(res), param(req, 'id'), theme));
  });
  router.post('/outputs/:id/feedback', signedIn, async (req, res) => {
    const { body } = parseInput(ZOutputFeedbackRequest, req.body);
    const { feedback, notified } = await leaveFeedback(db, actorOf(res), param(req, 'id'), body);
    deliverNotifications(realtime, notified);
    res.status(201).json({ id: feedback.id });
  });
  router.post('/feedback/:id/answer', signedIn, async (req, res) => {
    const { body } = parseInput(ZOutputFeedbackRequest, req.body);
    res.json(await answerFeedback(db, actorOf(res), param(req, 'id'), body));
  });
  router.put('/outputs/:id/public-link', signedIn, async (req, res) => {
    res.json(await setPublicLink(db, actorOf(res), param(req, 'id'), true, publicUrl));
  });
  router.delete('/outputs/:id/public-link', signedIn, async (req, res) => {
    await setPublicLink(db, actorOf(res), param(req, 'id'), false, publicUrl);
    res.status(204).end();
  });
  // No session: a public link is for anyone it is given to, until it is turned off.
  router.get('/public/outputs/:token', async (req, res) => {
    res.set('X-Robots-Tag', 'noindex').json(await publicOutput(db, param(req, 'token')));
  });
  return router;
}
