import { ZCreateHeldCardRequest, ZStartTimerRequest, ZUpdateHeldCardRequest } from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import {
  deleteHeldCard,
  holdCard,
  listHeldCards,
  presentHeldCard,
  revealHeldCards,
  updateHeldCard,
} from './held-cards.ts';
import { snapshotBoard, startTimer, stopTimer } from './timer.ts';

const param = (req: Request, name: string) => String(req.params[name]);

/** Held cards and their reveal, the facilitation timer, and the read-only snapshot. */
export function boardSessionRoutes({ db, auth, documents }: FeatureContext): Router {
  const router = Router();
  const signedIn = requireActor(auth);

  router.post('/boards/:id/held-cards', signedIn, async (req, res) => {
    const input = parseInput(ZCreateHeldCardRequest, req.body);
    const row = await holdCard(db, documents, actorOf(res), param(req, 'id'), input);
    res.status(201).json(presentHeldCard(row));
  });
  router.get('/boards/:id/held-cards', signedIn, async (req, res) => {
    const { cards, total } = await listHeldCards(db, actorOf(res), param(req, 'id'));
    res.json({ cards: cards.map(presentHeldCard), total });
  });
  router.patch('/boards/:id/held-cards/:cardId', signedIn, async (req, res) => {
    const input = parseInput(ZUpdateHeldCardRequest, req.body);
    const row = await updateHeldCard(
      db,
      actorOf(res),
      param(req, 'id'),
      param(req, 'cardId'),
      input,
    );
    res.json(presentHeldCard(row));
  });
  router.delete('/boards/:id/held-cards/:cardId', signedIn, async (req, res) => {
    await deleteHeldCard(db, documents, actorOf(res), param(req, 'id'), param(req, 'cardId'));
    res.status(204).end();
  });
  router.post('/boards/:id/reveal', signedIn, async (req, res) => {
    const revealed = await revealHeldCards(db, documents, actorOf(res), param(req, 'id'));
    res.json({ revealed });
  });
  router.put('/boards/:id/timer', signedIn, async (req, res) => {
    const { durationSeconds } = parseInput(ZStartTimerRequest, req.body);
    res.json(await startTimer(db, documents, actorOf(res), param(req, 'id'), durationSeconds));
  });
  router.delete('/boards/:id/timer', signedIn, async (req, res) => {
    await stopTimer(db, documents, actorOf(res), param(req, 'id'));
    res.status(204).end();
  });
  router.get('/boards/:id/snapshot', signedIn, async (req, res) => {
    res.json(await snapshotBoard(db, documents, actorOf(res), param(req, 'id')));
  });
  return router;
}
