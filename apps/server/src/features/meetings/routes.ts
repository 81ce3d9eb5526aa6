import {
  ZAddOccurrenceRequest,
  ZCalendarRange,
  ZCheckInRequest,
  ZCreateActionRequest,
  ZCreateMeetingRequest,
  ZOccurrenceQuery,
  ZRsvpRequest,
  ZSetRotaRequest,
  ZUpdateActionRequest,
  ZUpdateMeetingRequest,
  ZUpdatePresentationRequest,
} from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import { activityOf, shareActivity } from '../activity/service.ts';
import { meetingCalendar } from '../calendar/service.ts';
import type { FeatureContext } from '../context.ts';
import { deliverNotifications } from '../notifications/service.ts';
import {
  checkIn,
  createAction,
  getRunner,
  myOpenActions,
  setAttendance,
  setRota,
  updateAction,
  updatePresentation,
} from './runner.ts';
import {
  addOccurrence,
  createMeeting,
  getMeeting,
  listSetMeetings,
  setRsvp,
  updateMeeting,
} from './service.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function meetingRoutes(context: FeatureContext): Router {
  const { db, auth, realtime } = context;
  const router = Router();
  const signedIn = requireActor(auth);

  router.post('/sets/:id/meetings', signedIn, async (req, res) => {
    const input = parseInput(ZCreateMeetingRequest, req.body);
    const { meeting, set, notified } = await createMeeting(
      db,
      actorOf(res),
      param(req, 'id'),
      input,
    );
    await deliverNotifications(context, notified);
    realtime.setChanged({ setId: set.id, what: 'schedule', meetingId: meeting.id });
    await shareActivity(db, realtime, {
      ...activityOf.meetingScheduled(set, meeting),
      actorId: actorOf(res).userId,
    });
    res.status(201).json(meeting);
  });
  router.get('/sets/:id/meetings', signedIn, async (req, res) => {
    const range =
      req.query.from || req.query.to ? parseInput(ZCalendarRange, req.query) : undefined;
    res.json(
      await listSetMeetings(
        db,
        actorOf(res),
        param(req, 'id'),
        range && { from: new Date(range.from), to: new Date(range.to) },
      ),
    );
  });
  router.get('/sets/:id/attendance', signedIn, async (req, res) => {
    res.json(await setAttendance(db, actorOf(res), param(req, 'id')));
  });
  router.get('/meetings/:id', signedIn, async (req, res) => {
    const id = param(req, 'id');
    if (id.endsWith('.ics')) {
      const { ics, filename } = await meetingCalendar(db, actorOf(res), id.slice(0, -4));
      res.attachment(`${filename}.ics`).type('text/calendar; charset=utf-8').send(ics);
      return;
    }
    res.json(await getMeeting(db, actorOf(res), id));
  });
  router.patch('/meetings/:id', signedIn, async (req, res) => {
    const input = parseInput(ZUpdateMeetingRequest, req.body);
    const { result, set, notified } = await updateMeeting(
      db,
      actorOf(res),
      param(req, 'id'),
      input,
    );
    await deliverNotifications(context, notified);
    realtime.setChanged({ setId: set.id, what: 'schedule', meetingId: result.meetingId });
    res.json(result);
  });
  router.post('/meetings/:id/occurrences', signedIn, async (req, res) => {
    const input = parseInput(ZAddOccurrenceRequest, req.body);
    const { occurrence, set, notified } = await addOccurrence(
      db,
      actorOf(res),
      param(req, 'id'),
      input,
    );
    await deliverNotifications(context, notified);
    realtime.setChanged({ setId: set.id, what: 'schedule', meetingId: occurrence.meetingId });
    res.status(201).json(occurrence);
  });
  router.put('/meetings/:id/rsvp', signedIn, async (req, res) => {
    const input = parseInput(ZRsvpRequest, req.body);
    const meetingId = param(req, 'id');
    const { set, occurrence, rsvp } = await setRsvp(db, actorOf(res), meetingId, input);
    realtime.setChanged({ setId: set.id, what: 'rsvp', meetingId, occurrence });
    res.json({ occurrence, rsvp });
  });

  router.get('/meetings/:id/runner', signedIn, async (req, res) => {
    const { occurrence } = parseInput(ZOccurrenceQuery, req.query);
    res.json(await getRunner(db, actorOf(res), param(req, 'id'), occurrence));
  });
  router.post('/meetings/:id/checkins', signedIn, async (req, res) => {
    const input = parseInput(ZCheckInRequest, req.body);
    const meetingId = param(req, 'id');
    const { set, occurrence } = await checkIn(db, actorOf(res), meetingId, input);
    realtime.setChanged({ setId: set.id, what: 'runner', meetingId, occurrence });
    res.status(201).json({ occurrence });
  });
  router.put('/meetings/:id/rota', signedIn, async (req, res) => {
    const input = parseInput(ZSetRotaRequest, req.body);
    const meetingId = param(req, 'id');
    const { set, occurrence } = await setRota(db, actorOf(res), meetingId, input);
    realtime.setChanged({ setId: set.id, what: 'runner', meetingId, occurrence });
    res.json(await getRunner(db, actorOf(res), meetingId, occurrence));
  });
  router.patch('/presentations/:id', signedIn, async (req, res) => {
    const input = parseInput(ZUpdatePresentationRequest, req.body);
    const { set, meetingId, occurrence } = await updatePresentation(
      db,
      actorOf(res),
      param(req, 'id'),
      input,
    );
    realtime.setChanged({ setId: set.id, what: 'runner', meetingId, occurrence });
    res.status(204).end();
  });
  router.post('/meetings/:id/actions', signedIn, async (req, res) => {
    const input = parseInput(ZCreateActionRequest, req.body);
    const meetingId = param(req, 'id');
    const { action, set, occurrence } = await createAction(db, actorOf(res), meetingId, input);
    realtime.setChanged({ setId: set.id, what: 'runner', meetingId, occurrence });
    res.status(201).json(action);
  });
  router.patch('/actions/:id', signedIn, async (req, res) => {
    const input = parseInput(ZUpdateActionRequest, req.body);
    const { action, set, followedAt } = await updateAction(
      db,
      actorOf(res),
      param(req, 'id'),
      input,
    );
    realtime.setChanged({
      setId: set.id,
      what: 'runner',
      ...(input.followUp && { meetingId: input.followUp.meetingId, occurrence: followedAt }),
    });
    res.json(action);
  });
  router.get('/cohorts/:id/my-actions', signedIn, async (req, res) => {
    res.json({ actions: await myOpenActions(db, actorOf(res), param(req, 'id')) });
  });
  return router;
}
