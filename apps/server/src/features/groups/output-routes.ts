import {
  ZCreateOutputRequest,
  ZOutputFeedbackRequest,
  ZOutputMediaKind,
  ZReturnOutputRequest,
  ZShowcaseOrderRequest,
  ZShowcaseQuery,
  ZUpdateOutputRequest,
} from '@colab/shared';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { actorOf, requireActor } from '../../auth/session.ts';
import { ValidationFailed } from '../../errors.ts';
import type { readStored } from '../../files/file-store.ts';
import { receiveUpload } from '../../files/receive-upload.ts';
import { sendStored } from '../../files/send-stored.ts';
import { parseInput } from '../../http/validate.ts';
import { activityOf, shareActivity } from '../activity/service.ts';
import type { FeatureContext } from '../context.ts';
import { deliverNotifications } from '../notifications/service.ts';
import {
  authorizeOutputMediaUpload,
  deleteOutputMedia,
  outputMediaFile,
  publicOutputMediaFile,
  putOutputMedia,
} from './output-media.ts';
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
  setShowcaseOrder,
  showcase,
  submitOutput,
  updateOutput,
} from './outputs.ts';

const param = (req: Request, name: string) => String(req.params[name]);
const ZMediaParams = z.object({ kind: ZOutputMediaKind });
const mediaKind = (req: Request) => parseInput(ZMediaParams, { kind: req.params.kind }).kind;

/**
 * Sends an output's part. Covers and films are shown in the page (an <img>, a <video>); a
 * report is always a download. None is ever run as a page on our origin.
 */
async function sendMedia(
  res: Response,
  {
    row,
    file,
  }: {
    row: { kind: string; fileName: string; contentType: string };
    file: Awaited<ReturnType<typeof readStored>>;
  },
) {
  if (row.kind === 'report') res.attachment(row.fileName);
  else res.set('Content-Disposition', 'inline');
  res.type(row.contentType);
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Content-Security-Policy', "default-src 'none'; sandbox");
  res.set('Cache-Control', 'private, no-cache');
  await sendStored(res, file);
}

export function outputRoutes(context: FeatureContext): Router {
  const { db, auth, publicUrl, files, realtime } = context;
  const router = Router();
  const signedIn = requireActor(auth);
  const receive = receiveUpload(files);

  router.put(
    '/outputs/:id/media/:kind',
    signedIn,
    // Refused before a byte of the file is stored.
    async (req, res, next) => {
      mediaKind(req);
      await authorizeOutputMediaUpload(db, actorOf(res), param(req, 'id'));
      next();
    },
    receive,
    async (req, res) => {
      try {
        if (!req.file) throw new ValidationFailed([{ path: 'file', message: 'Choose a file' }]);
        res.json(
          await putOutputMedia(db, files, actorOf(res), param(req, 'id'), mediaKind(req), req.file),
        );
      } finally {
        if (req.file) await files.discard(req.file.path);
      }
    },
  );
  router.delete('/outputs/:id/media/:kind', signedIn, async (req, res) => {
    await deleteOutputMedia(db, files, actorOf(res), param(req, 'id'), mediaKind(req));
    res.status(204).end();
  });
  router.get('/outputs/:id/media/:kind', signedIn, async (req, res) => {
    await sendMedia(
      res,
      await outputMediaFile(db, files, actorOf(res), param(req, 'id'), mediaKind(req)),
    );
  });
  router.get('/public/outputs/:token/media/:kind', async (req, res) => {
    res.set('X-Robots-Tag', 'noindex');
    await sendMedia(
      res,
      await publicOutputMediaFile(db, files, param(req, 'token'), mediaKind(req)),
    );
  });
  router.put('/cohorts/:id/showcase/order', signedIn, async (req, res) => {
    const { outputIds } = parseInput(ZShowcaseOrderRequest, req.body);
    res.json(await setShowcaseOrder(db, actorOf(res), param(req, 'id'), outputIds));
  });

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
    await deliverNotifications(context, notified);
    res.json(output);
  });
  router.post('/outputs/:id/publish', signedIn, async (req, res) => {
    const { output, notified } = await publishOutput(db, actorOf(res), param(req, 'id'));
    await deliverNotifications(context, notified);
    await shareActivity(db, realtime, {
      ...activityOf.outputPublished(output),
      actorId: actorOf(res).userId,
    });
    res.json(output);
  });
  router.post('/outputs/:id/return', signedIn, async (req, res) => {
    const { comment } = parseInput(ZReturnOutputRequest, req.body);
    const { output, notified } = await returnOutput(db, actorOf(res), param(req, 'id'), comment);
    await deliverNotifications(context, notified);
    res.json(output);
  });
  router.get('/cohorts/:id/showcase', signedIn, async (req, res) => {
    const { theme } = parseInput(ZShowcaseQuery, req.query);
    res.json(await showcase(db, actorOf(res), param(req, 'id'), theme));
  });
  router.post('/outputs/:id/feedback', signedIn, async (req, res) => {
    const { body } = parseInput(ZOutputFeedbackRequest, req.body);
    const { feedback, notified } = await leaveFeedback(db, actorOf(res), param(req, 'id'), body);
    await deliverNotifications(context, notified);
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
