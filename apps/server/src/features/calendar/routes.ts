import { ZCalendarRange, ZCreateEventRequest, ZUpdateEventRequest } from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { NotFound } from '../../errors.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import {
  calendarFeedStatus,
  cohortCalendar,
  createEvent,
  feedCalendar,
  getEvent,
  rotateCalendarFeed,
  updateEvent,
} from './service.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function calendarRoutes({ db, auth, publicUrl }: FeatureContext): Router {
  const router = Router();
  const signedIn = requireActor(auth);

  router.post('/cohorts/:id/events', signedIn, async (req, res) => {
    const input = parseInput(ZCreateEventRequest, req.body);
    res.status(201).json(await createEvent(db, actorOf(res), param(req, 'id'), input));
  });
  router.get('/events/:id', signedIn, async (req, res) => {
    res.json(await getEvent(db, actorOf(res), param(req, 'id')));
  });
  router.patch('/events/:id', signedIn, async (req, res) => {
    const input = parseInput(ZUpdateEventRequest, req.body);
    res.json(await updateEvent(db, actorOf(res), param(req, 'id'), input));
  });
  router.get('/cohorts/:id/calendar', signedIn, async (req, res) => {
    const range = parseInput(ZCalendarRange, req.query);
    res.json(
      await cohortCalendar(db, actorOf(res), param(req, 'id'), {
        from: new Date(range.from),
        to: new Date(range.to),
      }),
    );
  });
  router.get('/me/calendar-feed', signedIn, async (_req, res) => {
    res.json(await calendarFeedStatus(db, actorOf(res)));
  });
  router.post('/me/calendar-feed/rotate', signedIn, async (_req, res) => {
    res.json(await rotateCalendarFeed(db, actorOf(res), publicUrl));
  });
  // No session here: calendar apps fetch the feed by its secret URL alone.
  router.get('/calendar/:file', async (req, res) => {
    const file = param(req, 'file');
    if (!file.endsWith('.ics')) throw new NotFound('No such calendar.');
    const ics = await feedCalendar(db, file.slice(0, -4));
    res
      .type('text/calendar; charset=utf-8')
      .set('Cache-Control', 'private, max-age=300')
      .set('X-Robots-Tag', 'noindex')
      .send(ics);
  });
  return router;
}
