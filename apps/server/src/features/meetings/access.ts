import { type Database, schema } from '@colab/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, Forbidden, NotFound } from '../../errors.ts';
import { isUuid } from '../cohorts/access.ts';
import { authorizeSet, setRoleOf } from '../sets/service.ts';

/**
 * Who may do what with a set's meetings. What is said in a set stays in the set: its
 * meetings, polls, notes and actions are for its members and its facilitator. Those who run
 * the cohort see that a set exists and its attendance (403 on the rest); everyone else
 * learns nothing (404).
 */
export type SetNeed = 'attendance' | 'member' | 'facilitator';

export async function setAccess(
  db: Database,
  actor: Actor,
  setId: string,
  need: SetNeed,
  write = false,
) {
  const { set, access } = await authorizeSet(db, actor, setId);
  const role = await setRoleOf(db, set.id, actor.userId);
  if (need === 'member' && role === null)
    throw new Forbidden('Only the members of a set see what happens in it.');
  if (need === 'facilitator' && role !== 'facilitator')
    throw new Forbidden(
      role === null
        ? 'Only the members of a set see what happens in it.'
        : 'Only the set’s facilitator can do this.',
    );
  if (write && access.archived)
    throw new Conflict('This cohort is archived, so it is read-only.', 'cohort_archived');
  return { set, role, cohort: access.cohort };
}

export type MeetingRow = typeof schema.meetings.$inferSelect;

export async function meetingAccess(
  db: Database,
  actor: Actor,
  meetingId: string,
  need: SetNeed,
  write = false,
) {
  if (!isUuid(meetingId)) throw new NotFound('No such meeting.');
  const [meeting] = await db
    .select()
    .from(schema.meetings)
    .where(eq(schema.meetings.id, meetingId));
  if (!meeting) throw new NotFound('No such meeting.');
  try {
    return { meeting, ...(await setAccess(db, actor, meeting.setId, need, write)) };
  } catch (error) {
    // A set one may not see hides its meetings too.
    if (error instanceof NotFound) throw new NotFound('No such meeting.');
    throw error;
  }
}
