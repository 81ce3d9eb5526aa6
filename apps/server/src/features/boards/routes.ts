import {
  boardDocName,
  ZCreateBoardRequest,
  ZCreateCardRequest,
  ZMentionRequest,
  ZUpdateBoardRequest,
} from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { ValidationFailed } from '../../errors.ts';
import { parseInput } from '../../http/validate.ts';
import { activityOf, shareActivity } from '../activity/service.ts';
import type { FeatureContext } from '../context.ts';
import { deliverNotifications } from '../notifications/service.ts';
import { boardToCsv, boardToMarkdown } from './export.ts';
import { applyHiddenSetting } from './held-cards.ts';
import {
  addAnonymousCard,
  type BoardRow,
  createBoard,
  deleteBoard,
  getBoard,
  listCohortBoards,
  notifyMentions,
  presentBoard,
  readBoardForExport,
  updateBoard,
} from './service.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function boardRoutes(context: FeatureContext): Router {
  const { db, auth, documents, realtime } = context;
  const router = Router();
  const signedIn = requireActor(auth);
  // A board list is one of the busiest reads. While it is cached for its viewer (the cohort
  // access cache hands back the same array until a change drops it), so is its JSON.
  const listJson = new WeakMap<readonly BoardRow[], string>();

  router.post('/boards', signedIn, async (req, res) => {
    const input = parseInput(ZCreateBoardRequest, req.body);
    const actor = actorOf(res);
    const board = await createBoard(db, documents, actor, input);
    await shareActivity(db, realtime, {
      ...activityOf.boardOpened(board, actor),
      actorId: actor.userId,
    });
    res.status(201).json(presentBoard(board));
  });
  router.get('/cohorts/:id/boards', signedIn, async (req, res) => {
    const boards = await listCohortBoards(db, actorOf(res), param(req, 'id'));
    let json = listJson.get(boards);
    if (json === undefined) {
      json = JSON.stringify({ boards: boards.map(presentBoard) });
      listJson.set(boards, json);
    }
    res.type('json').send(json);
  });
  router.get('/boards/:id', signedIn, async (req, res) => {
    res.json(presentBoard(await getBoard(db, actorOf(res), param(req, 'id'))));
  });
  router.patch('/boards/:id', signedIn, async (req, res) => {
    const input = parseInput(ZUpdateBoardRequest, req.body);
    const board = await updateBoard(db, actorOf(res), param(req, 'id'), input);
    if (input.settings) {
      await applyHiddenSetting(db, documents, board);
      await documents.reauthorize({ docName: boardDocName(board.id) });
    }
    res.json(presentBoard(board));
  });
  router.delete('/boards/:id', signedIn, async (req, res) => {
    await deleteBoard(db, documents, actorOf(res), param(req, 'id'));
    res.status(204).end();
  });
  router.post('/boards/:id/anonymous-cards', signedIn, async (req, res) => {
    const input = parseInput(ZCreateCardRequest, req.body);
    res
      .status(201)
      .json(await addAnonymousCard(db, documents, actorOf(res), param(req, 'id'), input));
  });
  router.post('/boards/:id/mentions', signedIn, async (req, res) => {
    const input = parseInput(ZMentionRequest, req.body);
    const notified = await notifyMentions(db, actorOf(res), param(req, 'id'), input);
    await deliverNotifications(context, notified);
    res.json({ notified: notified.length });
  });
  router.get('/boards/:id/export', signedIn, async (req, res) => {
    const format = req.query.format ?? 'md';
    if (format !== 'md' && format !== 'csv') {
      throw new ValidationFailed([{ path: 'format', message: 'Use format=md or format=csv' }]);
    }
    const { board, columns, authorName } = await readBoardForExport(
      db,
      documents,
      actorOf(res),
      param(req, 'id'),
    );
    const filename = `${
      board.title
        .replace(/[^\w -]+/g, '')
        .trim()
        .replaceAll(' ', '-') || 'board'
    }.${format}`;
    res.attachment(filename);
    if (format === 'md')
      res.type('text/markdown').send(boardToMarkdown(board, columns, authorName));
    else res.type('text/csv').send(boardToCsv(columns, authorName));
  });
  return router;
}
