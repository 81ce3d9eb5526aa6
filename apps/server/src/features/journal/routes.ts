import {
  ZCreateJournalEntryRequest,
  ZShareEntryRequest,
  ZShareEntryWithSetRequest,
  ZUpdateJournalEntryRequest,
} from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import {
  createEntry,
  deleteOwnEntry,
  getOwnEntry,
  listOwnEntries,
  listSharedReflections,
  presentEntries,
  renameOwnEntry,
  shareEntry,
  unshareEntry,
} from './service.ts';
import { listSetReflections, shareEntryWithSet, unshareEntryFromSet } from './set-shares.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function journalRoutes({ db, auth, documents }: FeatureContext): Router {
  const router = Router();
  router.use('/journal', requireActor(auth));
  router.post('/journal', async (req, res) => {
    const input = parseInput(ZCreateJournalEntryRequest, req.body);
    const [entry] = await presentEntries(db, [await createEntry(db, actorOf(res), input)]);
    res.status(201).json(entry);
  });
  router.get('/journal', async (_req, res) => {
    res.json({ entries: await presentEntries(db, await listOwnEntries(db, actorOf(res))) });
  });
  router.get('/journal/:id', async (req, res) => {
    const [entry] = await presentEntries(db, [
      await getOwnEntry(db, actorOf(res), param(req, 'id')),
    ]);
    res.json(entry);
  });
  router.patch('/journal/:id', async (req, res) => {
    const { title } = parseInput(ZUpdateJournalEntryRequest, req.body);
    const [entry] = await presentEntries(db, [
      await renameOwnEntry(db, actorOf(res), param(req, 'id'), title),
    ]);
    res.json(entry);
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
  router.post('/journal/:id/set-shares', async (req, res) => {
    const { setId } = parseInput(ZShareEntryWithSetRequest, req.body);
    const share = await shareEntryWithSet(db, documents, actorOf(res), param(req, 'id'), setId);
    res.status(201).json({
      entryId: share.entryId,
      setId: share.setId,
      sharedAt: share.sharedAt.toISOString(),
    });
  });
  router.delete('/journal/:id/set-shares/:setId', async (req, res) => {
    await unshareEntryFromSet(db, actorOf(res), param(req, 'id'), param(req, 'setId'));
    res.status(204).end();
  });
  router.get('/sets/:id/shared-reflections', requireActor(auth), async (req, res) => {
    res.json({ reflections: await listSetReflections(db, actorOf(res), param(req, 'id')) });
  });
  router.get('/cohorts/:id/shared-reflections', requireActor(auth), async (req, res) => {
    res.json({ reflections: await listSharedReflections(db, actorOf(res), param(req, 'id')) });
  });
  return router;
}
