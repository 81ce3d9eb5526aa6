import { ZCreateCohortRequest, ZUpdateCohortRequest } from '@colab/shared';
import { Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import { listAuditEvents } from '../audit/service.ts';
import type { FeatureContext } from '../context.ts';
import { authorizeCohort } from './access.ts';
import { presentCohort, presentCohortForViewer } from './presenter.ts';
import {
  canCreateCohorts,
  createCohort,
  getCohort,
  listMyCohorts,
  updateCohort,
} from './service.ts';

export function cohortRoutes({ db, auth, realtime, documents }: FeatureContext): Router {
  const router = Router();
  router.use('/cohorts', requireActor(auth));

  router.get('/cohorts', async (_req, res) => {
    const actor = actorOf(res);
    const cohorts = await listMyCohorts(db, actor);
    res.json({
      cohorts: cohorts.map((c) => ({
        ...presentCohort(c.cohort),
        myRole: c.role,
        memberCount: c.memberCount,
      })),
      canCreate: await canCreateCohorts(db, actor),
    });
  });

  router.post('/cohorts', async (req, res) => {
    const input = parseInput(ZCreateCohortRequest, req.body);
    const cohort = await createCohort(db, actorOf(res), input);
    const { access, memberCount } = await getCohort(db, actorOf(res), cohort.id);
    res.status(201).json(presentCohortForViewer(access, memberCount));
  });

  router.get('/cohorts/:id', async (req, res) => {
    const { access, memberCount } = await getCohort(db, actorOf(res), req.params.id);
    res.json(presentCohortForViewer(access, memberCount));
  });

  router.patch('/cohorts/:id', async (req, res) => {
    const input = parseInput(ZUpdateCohortRequest, req.body);
    await updateCohort(db, actorOf(res), req.params.id, input);
    const { access, memberCount } = await getCohort(db, actorOf(res), req.params.id);
    realtime.cohortUpdated(req.params.id);
    // Archiving makes every document of the cohort read-only, at once.
    if (input.archived !== undefined) await documents.reauthorize({});
    res.json(presentCohortForViewer(access, memberCount));
  });

  router.get('/cohorts/:id/audit', async (req, res) => {
    await authorizeCohort(db, actorOf(res), req.params.id, 'audit.view');
    const events = await listAuditEvents(db, req.params.id);
    res.json({ events: events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) });
  });

  return router;
}
