import { ZCohortRetention, ZEraseAccountRequest } from '@colab/shared';
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { actorOf, requireActor } from '../../auth/session.ts';
import { Forbidden } from '../../errors.ts';
import { problem, sendProblem } from '../../http/problem.ts';
import { parseInput } from '../../http/validate.ts';
import { recordAudit } from '../audit/service.ts';
import type { FeatureContext } from '../context.ts';
import { eraseAccount } from './erasure.ts';
import { collectPersonalData, writeExportZip } from './export.ts';
import { getRetention, setRetention } from './retention.ts';

/** Exports are heavy and rarely needed twice: a few an hour per person. */
const EXPORTS_PER_HOUR = 5;

export function privacyRoutes(ctx: FeatureContext): Router {
  const { db, auth, documents, files, logger } = ctx;
  const router = Router();
  const exportLimit = rateLimit({
    windowMs: 60 * 60_000,
    limit: EXPORTS_PER_HOUR,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req, res) => `export:${actorOf(res).userId}`,
    handler: (_req, res) =>
      sendProblem(
        res,
        problem(429, 'You downloaded your data a few times already. Try again in an hour.', {
          code: 'rate_limited',
        }),
      ),
  });

  router.get('/me/export', requireActor(auth), exportLimit, async (_req, res) => {
    const actor = actorOf(res);
    const content = await collectPersonalData(db, documents, actor);
    await recordAudit(db, {
      cohortId: null,
      actorId: actor.userId,
      subjectUserId: actor.userId,
      action: 'data.exported',
      details: { files: content.files.length },
    });
    logger.info({ user: actor.userId, files: content.files.length }, 'personal data exported');
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', `attachment; filename="colab-my-data-${day}.zip"`);
    res.setHeader('cache-control', 'no-store');
    await writeExportZip(res, files, content);
    res.end();
  });

  router.delete('/me', requireActor(auth), async (req, res) => {
    const actor = actorOf(res);
    const { confirm } = parseInput(ZEraseAccountRequest, req.body);
    await eraseAccount(ctx, actor, actor.userId, confirm);
    res.status(204).end();
  });

  // The instance admin erases on someone's request (a person who can no longer sign in).
  router.delete('/users/:userId', requireActor(auth), async (req, res) => {
    const actor = actorOf(res);
    if (!actor.isInstanceAdmin) throw new Forbidden('Only the instance admin may do this.');
    const { confirm } = parseInput(ZEraseAccountRequest, req.body);
    await eraseAccount(ctx, actor, String(req.params.userId), confirm);
    res.status(204).end();
  });

  router.get('/cohorts/:cohortId/retention', requireActor(auth), async (req, res) => {
    res.json(await getRetention(db, actorOf(res), String(req.params.cohortId)));
  });
  router.put('/cohorts/:cohortId/retention', requireActor(auth), async (req, res) => {
    const input = parseInput(ZCohortRetention, req.body);
    res.json(await setRetention(db, actorOf(res), String(req.params.cohortId), input));
  });
  return router;
}
