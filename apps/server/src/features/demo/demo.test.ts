import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseKinds } from '@colab/db/testing';
import { readBoard } from '@colab/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { DEMO_PASSWORD, PROMPT } from './content.ts';
import { DemoRefused, refuseNonEmptyDataDir } from './refuse.ts';
import { type DemoResult, seedDemo } from './seed.ts';

describe.each(testDatabaseKinds())('the demo programme on %s', (database) => {
  let server: TestServer;
  let demo: DemoResult;
  // Sign-in is rate limited per account, so each person signs in once.
  const clients = new Map<string, TestClient>();
  const as = async (email: string) => {
    const known = clients.get(email);
    if (known) return known;
    const client = server.client();
    clients.set(email, client);
    const signedIn = await client.post('/api/auth/sign-in/email', {
      email,
      password: DEMO_PASSWORD,
    });
    expect(signedIn.status, email).toBe(200);
    return client;
  };
  const account = (role: string) => demo.accounts.find((a) => a.role.startsWith(role))!;

  beforeAll(async () => {
    server = await startTestServer({ database });
    demo = await seedDemo({
      db: server.db.db,
      auth: server.auth,
      documents: server.collab,
      publicUrl: server.url,
      now: new Date('2027-03-01T12:00:00Z'),
    });
  }, 120_000);
  afterAll(() => server?.stop());

  it('prints an account for every role, and each of them can sign in', async () => {
    expect(demo.accounts.map((a) => a.role.split(' (')[0])).toEqual([
      'instance admin',
      'programme lead',
      'facilitator',
      'participant',
      'sponsor',
    ]);
    for (const a of demo.accounts) await as(a.email);
    const me = await (await as(account('instance admin').email)).get('/api/me');
    expect(me.body.isInstanceAdmin).toBe(true);
  });

  it('holds a cohort on health inequalities with two sets that have met and kept actions', async () => {
    const fay = await as(account('facilitator').email);
    const cohorts = await fay.get('/api/cohorts');
    expect(cohorts.body.cohorts).toEqual([
      expect.objectContaining({
        id: demo.cohortId,
        theme: 'Health inequalities',
        myRole: 'facilitator',
      }),
    ]);
    const lead = await as(account('programme lead').email);
    const sets = await lead.get(`/api/cohorts/${demo.cohortId}/sets`);
    expect(sets.body.sets.map((s: { name: string }) => s.name).sort()).toEqual(['Set A', 'Set B']);
    const setA = sets.body.sets.find((s: { name: string }) => s.name === 'Set A');
    const meetings = await fay.get(`/api/sets/${setA.id}/meetings`);
    expect(meetings.status).toBe(200);
    expect(meetings.body.meetings).toHaveLength(3);
    const pat = await as(account('participant').email);
    const actions = await pat.get(`/api/cohorts/${demo.cohortId}/my-actions`);
    expect(actions.status).toBe(200);
    expect(actions.body.actions.length).toBeGreaterThan(0);
  });

  it('has two sets that have each met twice, with actions followed up at the second meeting', async () => {
    const now = new Date('2027-03-01T12:00:00Z');
    const lead = await as(account('programme lead').email);
    const sets = await lead.get(`/api/cohorts/${demo.cohortId}/sets`);
    // Each set is seen by its own facilitator, as the set's notes are the set's.
    const facilitatorOf: Record<string, string> = {
      'Set A': account('facilitator').email,
      'Set B': 'gus@demo.colab.example',
    };
    for (const set of sets.body.sets as { id: string; name: string }[]) {
      const facilitator = await as(facilitatorOf[set.name]!);
      const listed = await facilitator.get(`/api/sets/${set.id}/meetings`);
      const past = (
        listed.body.occurrences as { meetingId: string; occurrence: string; startsAt: string }[]
      )
        .filter((o) => new Date(o.startsAt) < now)
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      expect(past, set.name).toHaveLength(2);
      const runners = [];
      for (const o of past) {
        const runner = await facilitator.get(
          `/api/meetings/${o.meetingId}/runner?occurrence=${encodeURIComponent(o.occurrence)}`,
        );
        expect(runner.status, set.name).toBe(200);
        runners.push(runner.body);
      }
      const [first, second] = runners;
      expect(first.actions.length, set.name).toBeGreaterThan(0);
      expect(first.checkins.length, set.name).toBeGreaterThan(0);
      expect(second.actions.length, set.name).toBeGreaterThan(0);
      const followed = (second.followUps as { id: string; followUp: unknown }[]).filter(
        (a) => a.followUp,
      );
      expect(followed.map((a) => a.id).sort(), set.name).toEqual(
        (first.actions as { id: string }[]).map((a) => a.id).sort(),
      );
    }
  });

  it('has three project groups, each with evidence, a finding and a published output', async () => {
    const sue = await as(account('sponsor').email);
    const groups = await sue.get(`/api/cohorts/${demo.cohortId}/groups`);
    expect(groups.body.groups.map((g: { name: string }) => g.name).sort()).toEqual([
      'First 1000 Days',
      'Healthy Homes',
      'The Visionaries',
    ]);
    const visionaries = groups.body.groups.find(
      (g: { name: string }) => g.name === 'The Visionaries',
    );
    expect(visionaries.challenge).toContain('GP');
    const showcase = await sue.get(`/api/cohorts/${demo.cohortId}/showcase`);
    for (const group of groups.body.groups as { id: string; name: string }[]) {
      const evidence = await sue.get(`/api/groups/${group.id}/evidence`);
      const kinds = evidence.body.evidence.map((e: { kind: string }) => e.kind);
      expect(kinds, group.name).toContain('interview');
      expect(kinds, group.name).toContain('finding');
      expect(
        showcase.body.outputs.filter(
          (o: { groupId: string; status: string }) =>
            o.groupId === group.id && o.status === 'published',
        ),
        group.name,
      ).toHaveLength(1);
    }
  });

  it('says as many interviews in the Visionaries’ output as their evidence holds', async () => {
    const sue = await as(account('sponsor').email);
    const groups = await sue.get(`/api/cohorts/${demo.cohortId}/groups`);
    const visionaries = groups.body.groups.find(
      (g: { name: string }) => g.name === 'The Visionaries',
    );
    const evidence = await sue.get(`/api/groups/${visionaries.id}/evidence`);
    const showcase = await sue.get(`/api/cohorts/${demo.cohortId}/showcase`);
    const output = showcase.body.outputs.find(
      (o: { title: string }) => o.title === 'Growing our own GPs',
    );
    // The summary names each person interviewed, so it cannot claim more than were seeded.
    const interviews = evidence.body.evidence.filter(
      (e: { kind: string }) => e.kind === 'interview',
    );
    expect(interviews.map((e: { title: string }) => e.title)).toEqual(
      expect.arrayContaining(['Practice manager, Eastfield', 'GP registrar in her final year']),
    );
    expect(interviews).toHaveLength(2);
    expect(output.summary).toMatch(/a practice manager, a GP registrar/);
    expect(output.summary).not.toMatch(/twelve|\d+ interviews/i);
  });

  it('refuses to seed a database that already has accounts, and adds nobody', async () => {
    const before = await (await as(account('programme lead').email)).get(
      `/api/cohorts/${demo.cohortId}/members`,
    );
    await expect(
      seedDemo({
        db: server.db.db,
        auth: server.auth,
        documents: server.collab,
        publicUrl: server.url,
      }),
    ).rejects.toThrow(DemoRefused);
    const cohorts = await (await as(account('instance admin').email)).get('/api/cohorts');
    expect(cohorts.body.cohorts).toHaveLength(1);
    const after = await (await as(account('programme lead').email)).get(
      `/api/cohorts/${demo.cohortId}/members`,
    );
    expect(after.body.members).toHaveLength(before.body.members.length);
  });

  it('has a word wall of the values participants named, with their votes', async () => {
    const pat = await as(account('participant').email);
    const boards = await pat.get(`/api/cohorts/${demo.cohortId}/boards`);
    const wall = boards.body.boards.find((b: { template: string }) => b.template === 'word_wall');
    expect(wall.title).toBe('What we value');
    const view = await server.collab.read(`board:${wall.id}`, (doc) => readBoard(doc));
    const cards = view.flatMap((c) => c.cards);
    expect(cards.map((c) => c.text)).toEqual([
      'Trust',
      'Authenticity',
      'Togetherness',
      'Transparency',
      'Challenging the status quo',
      'Curiosity',
      'Hope',
    ]);
    expect(cards.find((c) => c.text === 'Trust')!.votes).toBe(5);
  });

  it('has a reflection prompt, answered in a participant’s journal and shared with the cohort', async () => {
    const lee = await as(account('programme lead').email);
    const prompts = await lee.get(`/api/cohorts/${demo.cohortId}/prompts`);
    expect(prompts.body.prompts).toEqual([expect.objectContaining({ text: PROMPT.text })]);
    const shared = await lee.get(`/api/cohorts/${demo.cohortId}/shared-reflections`);
    expect(shared.body.reflections).toEqual([
      expect.objectContaining({
        title: PROMPT.text,
        body: PROMPT.answer.join('\n'),
        author: expect.objectContaining({ displayName: 'Pat Patel' }),
      }),
    ]);
    // The entry itself stays in Pat's journal, for Pat alone.
    const own = await (await as(account('participant').email)).get('/api/journal');
    expect(own.body.entries.map((e: { title: string }) => e.title)).toEqual([PROMPT.text]);
    expect((await lee.get('/api/journal')).body.entries).toEqual([]);
  });

  it('tells the programme’s recent past in the cohort’s feed, newest first, as each person may see it', async () => {
    const feed = async (email: string) => {
      const res = await (await as(email)).get(`/api/cohorts/${demo.cohortId}/activity`);
      expect(res.status).toBe(200);
      return res.body.activity as { title: string; createdAt: string }[];
    };
    const shared = [
      'Fay Fraser opened the board “Start, stop, continue”',
      'Fay Fraser opened the board “What we value”',
      'First 1000 Days published “Walking past the door” in the showcase',
      'Healthy Homes published “Damp homes, shared knowledge” in the showcase',
      'The Visionaries published “Growing our own GPs” in the showcase',
      `New reflection prompt: ${PROMPT.text}`,
    ];
    const setA = [
      'Set A: a meeting scheduled (“Set meeting 3”)',
      'Set A: a meeting scheduled (“Set meeting 2”)',
      'Set A: a meeting scheduled (“Set meeting 1”)',
    ];
    // Pat is in Set A: its meetings, never Set B's. Sue sponsors the groups and is in no set.
    const pat = await feed(account('participant').email);
    expect(pat.map((a) => a.title)).toEqual([...shared, ...setA]);
    const sue = await feed(account('sponsor').email);
    expect(sue.map((a) => a.title)).toEqual(shared);
    // Dated when it happened, before the demo's "now", in the order it is read.
    const times = pat.map((a) => Date.parse(a.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(times[0]).toBeLessThan(Date.parse('2027-03-01T12:00:00Z'));
    expect(times.at(-1)).toBeLessThan(Date.parse('2027-01-01T00:00:00Z'));
  });
});

describe('the demo’s data folder', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'colab-demo-'));
    made.push(dir);
    return dir;
  };

  it('refuses a data folder that already holds anything, and says which', () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, 'pgdata'), 'a real programme');
    expect(() => refuseNonEmptyDataDir({ dataDir })).toThrow(
      new RegExp(`${dataDir.replaceAll('/', '\\/')} is not empty`),
    );
  });

  it('accepts an empty or missing data folder, and any folder when the data goes to DATABASE_URL', () => {
    const dataDir = folder();
    expect(() => refuseNonEmptyDataDir({ dataDir })).not.toThrow();
    expect(() => refuseNonEmptyDataDir({ dataDir: join(dataDir, 'not-yet') })).not.toThrow();
    writeFileSync(join(dataDir, 'something'), 'here');
    expect(() =>
      refuseNonEmptyDataDir({ dataDir, databaseUrl: 'postgres://127.0.0.1:5432/demo' }),
    ).not.toThrow();
  });
});
