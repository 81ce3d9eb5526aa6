import { ZCreateBoardRequest } from '@colab/shared';
import { Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import { createBoard, listCohortBoards, presentBoard } from './service.ts';

export function boardRoutes({ db, auth }: FeatureContext): Router {
  const router = Router();
  router.post('/boards', requireActor(auth), async (req, res) => {
    const input = parseInput(ZCreateBoardRequest, req.body);
    res.status(201).json(presentBoard(await createBoard(db, actorOf(res), input)));
  });
  router.get('/cohorts/:id/boards', requireActor(auth), async (req, res) => {
    const boards = await listCohortBoards(db, actorOf(res), String(req.params.id));
    res.json({ boards: boards.map(presentBoard) });
  });
  return router;
}
