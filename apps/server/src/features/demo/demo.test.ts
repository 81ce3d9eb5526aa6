import { testDatabaseKinds } from '@colab/db/testing';
import { readBoard } from '@colab/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { DEMO_PASSWORD } from './content.ts';
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

  it('has three project groups, the Visionaries with evidence and a published output', async () => {
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
    const evidence = await sue.get(`/api/groups/${visionaries.id}/evidence`);
    expect(evidence.body.evidence.map((e: { kind: string }) => e.kind)).toContain('finding');
    const showcase = await sue.get(`/api/cohorts/${demo.cohortId}/showcase`);
    expect(showcase.body.outputs).toEqual([
      expect.objectContaining({ title: 'Growing our own GPs', status: 'published' }),
    ]);
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
});
