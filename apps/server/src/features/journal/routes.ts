import { ZCreateJournalEntryRequest, ZShareEntryRequest } from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import {
  createEntry,
  deleteOwnEntry,
  entryDetails,
  listOwnEntries,
  listSharedReflections,
  presentEntry,
  shareEntry,
  unshareEntry,
} from './service.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function journalRoutes({ db, auth, documents }: FeatureContext): Router {
  const router = Router();
  router.use('/journal', requireActor(auth));
  router.post('/journal', async (req, res) => {
    const input = parseInput(ZCreateJournalEntryRequest, req.body);
    res.status(201).json(presentEntry(await createEntry(db, actorOf(res), input)));
  });
  router.get('/journal', async (_req, res) => {
    res.json({ entries: (await listOwnEntries(db, actorOf(res))).map(presentEntry) });
  });
  router.get('/journal/:id', async (req, res) => {
    res.json(await entryDetails(db, actorOf(res), param(req, 'id')));
  });
  router.delete('/journal/:id', async (req, res) => {
    await deleteOwnEntry(db, documents, actorOf(res), param(req, 'id'));
    res.status(204).end();
  });
  router.post('/journal/:id/shares', async (req, res) => {
    const { cohortId } = parseInput(ZShareEntryRequest, req.body);
    const share = await shareEntry(db, documents, actorOf(res), param(req, 'id'), cohortId);
    res.status(201).json({
      entryId: share.entryId,
      cohortId: share.cohortId,
      sharedAt: share.sharedAt.toISOString(),
    });
  });
  router.delete('/journal/:id/shares/:cohortId', async (req, res) => {
    await unshareEntry(db, actorOf(res), param(req, 'id'), param(req, 'cohortId'));
    res.status(204).end();
  });
  router.get('/cohorts/:id/shared-reflections', requireActor(auth), async (req, res) => {
    res.json({ reflections: await listSharedReflections(db, actorOf(res), param(req, 'id')) });
  });
  return router;
}
