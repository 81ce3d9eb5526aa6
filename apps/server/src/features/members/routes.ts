import { ZUpdateMemberRequest } from '@colab/shared';
import { Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import { changeMemberRole, exportMembers, listMembers, removeMember } from './service.ts';

const CSV_COLUMNS = [
  'displayName',
  'email',
  'role',
  'organisation',
  'jobTitle',
  'pronouns',
  'timezone',
  'joinedAt',
] as const;

function csvCell(value: unknown): string {
  const text = String(value ?? '');
  // Quote always; neutralise leading formula characters so a spreadsheet never runs a cell.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function memberRoutes({ db, auth, realtime, documents }: FeatureContext): Router {
  const router = Router();
  router.use('/cohorts/:id/members', requireActor(auth));

  router.get('/cohorts/:id/members', async (req, res) => {
    res.json({ members: await listMembers(db, actorOf(res), req.params.id) });
  });

  router.get('/cohorts/:id/members/export', async (req, res) => {
    const members = await exportMembers(db, actorOf(res), req.params.id);
    if (req.query.format === 'json') return void res.json({ members });
    const lines = [
      CSV_COLUMNS.join(','),
      ...members.map((m) => CSV_COLUMNS.map((c) => csvCell(m[c as keyof typeof m])).join(',')),
    ];
    res
      .attachment('members.csv')
      .type('text/csv')
      .send(`${lines.join('\r\n')}\r\n`);
  });

  router.patch('/cohorts/:id/members/:userId', async (req, res) => {
    const { role } = parseInput(ZUpdateMemberRequest, req.body);
    const changed = await changeMemberRole(
      db,
      actorOf(res),
      req.params.id,
      req.params.userId,
      role,
    );
    realtime.setsLeft(changed.leftSets, req.params.userId);
    // A new role can take away groups and sets beyond those left above (a facilitator made a
    // participant no longer reads every group's work): rooms and documents are checked again.
    await realtime.reauthorize(req.params.userId);
    await documents.reauthorize({ userId: req.params.userId });
    const { leftSets: _left, ...body } = changed;
    res.json(body);
  });

  router.delete('/cohorts/:id/members/:userId', async (req, res) => {
    const { leftSets } = await removeMember(db, actorOf(res), req.params.id, req.params.userId);
    realtime.setsLeft(leftSets, req.params.userId);
    realtime.memberLeft(req.params.id, req.params.userId);
    await documents.reauthorize({ userId: req.params.userId });
    res.status(204).end();
  });

  return router;
}
