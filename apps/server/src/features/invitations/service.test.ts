import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/session.ts';
import { createActor } from '../../testing/actors.ts';
import { createCohort } from '../cohorts/service.ts';
import { listMembers } from '../members/service.ts';
import {
  acceptInvitation,
  createInvitations,
  describeInvitation,
  listInvitations,
  resendInvitation,
  revokeInvitation,
} from './service.ts';

const PUBLIC_URL = 'http://colab.test';
const NOW = new Date('2027-03-01T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const tokenOf = (link: string) => link.split('/invitations/')[1]!;

describe.each(testDatabaseKinds())('invitations on %s', (kind) => {
  let database: TestDatabase;
  let lead: Actor;
  let cohortId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    lead = await createActor(database.db, 'Lena Lead', { isInstanceAdmin: true });
    const cohort = await createCohort(database.db, lead, {
      name: 'Cohort 4: Health Inequalities',
      programme: 'HCT Co-Lab',
      theme: 'Health inequalities',
      description: '',
      startsOn: '2027-01-10',
      endsOn: '2027-07-10',
      timezone: 'Europe/London',
      titlesAtTheDoor: true,
    });
    cohortId = cohort.id;
  });
  afterAll(() => database?.dispose());

  async function inviteOne(
    email: string,
    role: 'participant' | 'facilitator' | 'sponsor' | 'programme_lead' = 'participant',
    by = lead,
  ) {
    const [result] = await createInvitations(
      database.db,
      by,
      cohortId,
      { invites: [{ email, role }] },
      { publicUrl: PUBLIC_URL, now: NOW },
    );
    return result!;
  }

  it('gives each invitation a single-use link whose token is stored only as a hash', async () => {
    const person = await createActor(database.db, 'Priya Participant');
    const result = await inviteOne(person.email);
    expect(result.status).toBe('invited');
    const token = tokenOf(result.invitation!.link);
    expect(token.length).toBeGreaterThanOrEqual(40);
    const dump = JSON.stringify(
      await database.db.select().from((await import('@colab/db')).schema.invitations),
    );
    expect(dump).not.toContain(token);

    expect(await describeInvitation(database.db, token, { now: NOW })).toMatchObject({
      status: 'pending',
      role: 'participant',
      cohort: { name: 'Cohort 4: Health Inequalities' },
      invitedBy: 'Lena Lead',
    });
    expect(await acceptInvitation(database.db, person, token, { now: NOW })).toEqual({
      cohortId,
      role: 'participant',
    });
    const members = await listMembers(database.db, person, cohortId);
    expect(members.map((m) => m.displayName)).toContain('Priya Participant');

    const someoneElse = await createActor(database.db, 'Sam Someone');
    await expect(
      acceptInvitation(database.db, someoneElse, token, { now: NOW }),
    ).rejects.toMatchObject({ code: 'invitation_used' });
    expect((await describeInvitation(database.db, token, { now: NOW })).status).toBe('accepted');
  });

  it('lets the same person accept twice without harm', async () => {
    const person = await createActor(database.db, 'Twice Clicker');
    const token = tokenOf((await inviteOne(person.email)).invitation!.link);
    await acceptInvitation(database.db, person, token, { now: NOW });
    await expect(acceptInvitation(database.db, person, token, { now: NOW })).resolves.toMatchObject(
      { cohortId },
    );
  });

  it('expires an invitation after 14 days', async () => {
    const person = await createActor(database.db, 'Late Larry');
    const token = tokenOf((await inviteOne(person.email)).invitation!.link);
    const later = new Date(NOW.getTime() + 14 * DAY + 1000);
    expect((await describeInvitation(database.db, token, { now: later })).status).toBe('expired');
    await expect(
      acceptInvitation(database.db, person, token, { now: later }),
    ).rejects.toMatchObject({ code: 'invitation_expired' });
    // Still fine a minute before the end.
    const justInTime = new Date(NOW.getTime() + 14 * DAY - 60_000);
    expect((await describeInvitation(database.db, token, { now: justInTime })).status).toBe(
      'pending',
    );
  });

  it('refuses a revoked invitation', async () => {
    const person = await createActor(database.db, 'Revoked Rita');
    const result = await inviteOne(person.email);
    await revokeInvitation(database.db, lead, result.invitation!.id, { now: NOW });
    const token = tokenOf(result.invitation!.link);
    expect((await describeInvitation(database.db, token, { now: NOW })).status).toBe('revoked');
    await expect(acceptInvitation(database.db, person, token, { now: NOW })).rejects.toMatchObject({
      code: 'invitation_revoked',
    });
  });

  it('refuses an invitation accepted from an account with another email', async () => {
    const invited = await createActor(database.db, 'Invited Ian');
    const wrong = await createActor(database.db, 'Wrong Wendy');
    const token = tokenOf((await inviteOne(invited.email)).invitation!.link);
    await expect(acceptInvitation(database.db, wrong, token, { now: NOW })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await describeInvitation(database.db, token, { now: NOW })).status).toBe('pending');
  });

  it('answers an unknown or malformed token with not found', async () => {
    await expect(describeInvitation(database.db, 'x'.repeat(43))).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(describeInvitation(database.db, '../../etc')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('re-sends rather than duplicates when the same email is invited twice, and the old link stops working', async () => {
    const person = await createActor(database.db, 'Double Dora');
    const first = await inviteOne(person.email);
    const second = await inviteOne(person.email.toUpperCase(), 'sponsor');
    expect(second.status).toBe('resent');
    expect(second.invitation!.id).toBe(first.invitation!.id);
    expect(second.invitation!.role).toBe('sponsor');
    const open = (await listInvitations(database.db, lead, cohortId, { now: NOW })).filter(
      (i) => i.email === person.email,
    );
    expect(open).toHaveLength(1);
    await expect(
      describeInvitation(database.db, tokenOf(first.invitation!.link)),
    ).rejects.toMatchObject({ code: 'not_found' });

    const resent = await resendInvitation(database.db, lead, first.invitation!.id, {
      publicUrl: PUBLIC_URL,
      now: NOW,
    });
    await expect(
      describeInvitation(database.db, tokenOf(second.invitation!.link)),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await acceptInvitation(database.db, person, tokenOf(resent.link), { now: NOW })).toEqual(
      { cohortId, role: 'sponsor' },
    );
  });

  it('reports malformed CSV rows one by one and still invites the good rows', async () => {
    const csv = [
      'email,name,role',
      'good.one@example.org,Good One,participant',
      'not-an-email,Bad Email,participant',
      'good.two@example.org,Good Two,sponsor',
      'bad.role@example.org,Bad Role,overlord',
      'good.one@example.org,Good One Again,participant',
      'no.role@example.org,No Role',
    ].join('\n');
    const results = await createInvitations(
      database.db,
      lead,
      cohortId,
      { csv },
      { publicUrl: PUBLIC_URL, now: NOW },
    );
    expect(results.map((r) => [r.row, r.status])).toEqual([
      [2, 'invited'],
      [3, 'rejected'],
      [4, 'invited'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'invited'],
    ]);
    expect(results[1]!.errors).toEqual([
      { path: 'email', message: expect.stringContaining('email') },
    ]);
    expect(results[3]!.errors![0]!.path).toBe('role');
    expect(results[5]!.invitation!.role).toBe('participant');
  });

  it('invites 30 people from a pasted list in one go, with names where given', async () => {
    const emails = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? `Person ${i} <paste.${i}@example.org>` : `paste.${i}@example.org`,
    );
    const results = await createInvitations(
      database.db,
      lead,
      cohortId,
      { emails: emails.join(',\n'), role: 'participant' },
      { publicUrl: PUBLIC_URL, now: NOW },
    );
    expect(results.filter((r) => r.status === 'invited')).toHaveLength(30);
    expect(results[0]!.invitation).toMatchObject({
      email: 'paste.0@example.org',
      name: 'Person 0',
    });
    expect(new Set(results.map((r) => r.invitation!.link)).size).toBe(30);
  });

  it('reports someone already in the cohort instead of inviting them', async () => {
    const [result] = await createInvitations(
      database.db,
      lead,
      cohortId,
      { invites: [{ email: lead.email, role: 'participant' }] },
      { publicUrl: PUBLIC_URL, now: NOW },
    );
    expect(result!.status).toBe('already_member');
  });

  it('lets a facilitator invite participants but not programme leads, and a participant invite nobody', async () => {
    const facilitator = await createActor(database.db, 'Fay Facilitator');
    const token = tokenOf((await inviteOne(facilitator.email, 'facilitator')).invitation!.link);
    await acceptInvitation(database.db, facilitator, token, { now: NOW });

    const asFacilitator = await createInvitations(
      database.db,
      facilitator,
      cohortId,
      {
        invites: [
          { email: 'ok@example.org', role: 'participant' },
          { email: 'lead@example.org', role: 'programme_lead' },
        ],
      },
      { publicUrl: PUBLIC_URL, now: NOW },
    );
    expect(asFacilitator.map((r) => r.status)).toEqual(['invited', 'rejected']);

    const participant = await createActor(database.db, 'Pat Participant');
    await acceptInvitation(
      database.db,
      participant,
      tokenOf((await inviteOne(participant.email)).invitation!.link),
      { now: NOW },
    );
    await expect(
      createInvitations(
        database.db,
        participant,
        cohortId,
        { invites: [{ email: 'x@example.org', role: 'participant' }] },
        { publicUrl: PUBLIC_URL },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
