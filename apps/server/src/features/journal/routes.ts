import { ZCreateJournalEntryRequest } from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import {
  createEntry,
  deleteOwnEntry,
  getOwnEntry,
  listOwnEntries,
  presentEntry,
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
    res.json(presentEntry(await getOwnEntry(db, actorOf(res), param(req, 'id'))));
  });
  router.delete('/journal/:id', async (req, res) => {
    await deleteOwnEntry(db, documents, actorOf(res), param(req, 'id'));
    res.status(204).end();
  });
  return router;
}
