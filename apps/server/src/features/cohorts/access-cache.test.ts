import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlMessage, DocFanOut } from '../../collab/fan-out.ts';
import {
  type ClusterServices,
  clusterServices,
  on,
  refused,
  startNodes,
} from '../../testing/cluster.ts';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { REVOCATION_DEADLINE_MS, within } from '../../testing/deadline.ts';
import {
  newPerson,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../../testing/test-server.ts';
import {
  type CachedAccess,
  type CohortAccessCache,
  cohortAccessCacheOf,
  createCohortAccessCache,
} from './access-cache.ts';

/** A fan-out that records what this node publishes and lets a test play another node. */
function fakeFanOut() {
  const handlers: ((message: ControlMessage) => void)[] = [];
  const linkLost: (() => void)[] = [];
  const published: ControlMessage[] = [];
  const fanOut = {
    onControl: (handler: (message: ControlMessage) => void) => handlers.push(handler),
    onLinkLost: (handler: () => void) => linkLost.push(handler),
    publishControl: (message: ControlMessage) => published.push(message),
  } as unknown as DocFanOut;
  return {
    fanOut,
    published,
    fromOtherNode: (message: ControlMessage) => {
      for (const handler of handlers) handler(message);
    },
    loseLink: () => {
      for (const handler of linkLost) handler();
    },
  };
}

const found = (name: string, role: CachedAccess['role'] = 'participant'): CachedAccess => ({
  cohort: { id: name, name } as CachedAccess['cohort'],
  role,
});

describe('the per-node cohort access cache', () => {
  it('remembers a lookup until its time is up, and the least recently used goes first', () => {
    let now = 1_000;
    const cache = createCohortAccessCache({ ttlMs: 100, maxEntries: 2, now: () => now });
    cache.set('c1', 'u1', found('one'), cache.epoch());
    cache.set('c2', 'u1', found('two'), cache.epoch());
    expect(cache.get('c1', 'u1')?.cohort.name).toBe('one');
    cache.set('c3', 'u1', found('three'), cache.epoch());
    // c2 was the least recently used once c1 was read.
    expect(cache.get('c2', 'u1')).toBeUndefined();
    expect(cache.get('c1', 'u1')?.cohort.name).toBe('one');
    now += 100;
    expect(cache.get('c1', 'u1')).toBeUndefined();
    expect(cache.get('c3', 'u1')).toBeUndefined();
  });

  it('keeps nothing when its time to live is 0', () => {
    const cache = createCohortAccessCache({ ttlMs: 0, maxEntries: 10 });
    cache.set('c1', 'u1', found('one'), cache.epoch());
    expect(cache.get('c1', 'u1')).toBeUndefined();
    expect(cache.size()).toBe(0);
  });

  it('drops a changed cohort here and tells the other nodes, leaving other cohorts alone', () => {
    const link = fakeFanOut();
    const cache = createCohortAccessCache({ ttlMs: 60_000, maxEntries: 10, fanOut: link.fanOut });
    cache.set('c1', 'u1', found('one'), cache.epoch());
    cache.set('c1', 'u2', found('one'), cache.epoch());
    cache.set('c2', 'u1', found('two'), cache.epoch());
    cache.cohortChanged('c1');
    expect(cache.get('c1', 'u1')).toBeUndefined();
    expect(cache.get('c1', 'u2')).toBeUndefined();
    expect(cache.get('c2', 'u1')?.cohort.name).toBe('two');
    expect(link.published).toEqual([{ kind: 'cohort-access-changed', cohortId: 'c1' }]);
    cache.cohortChanged(null);
    expect(cache.size()).toBe(0);
  });

  it('drops what another node changed, and everything when the link to the others drops', () => {
    const link = fakeFanOut();
    const cache = createCohortAccessCache({ ttlMs: 60_000, maxEntries: 10, fanOut: link.fanOut });
    cache.set('c1', 'u1', found('one'), cache.epoch());
    cache.set('c2', 'u1', found('two'), cache.epoch());
    link.fromOtherNode({ kind: 'cohort-access-changed', cohortId: 'c1' });
    expect(cache.get('c1', 'u1')).toBeUndefined();
    expect(cache.get('c2', 'u1')).toBeDefined();
    link.fromOtherNode({ kind: 'cohort-access-changed', cohortId: null });
    expect(cache.size()).toBe(0);
    cache.set('c2', 'u1', found('two'), cache.epoch());
    link.loseLink();
    expect(cache.size()).toBe(0);
  });

  it('caches nothing while the link is down, since other nodes’ changes could be missed', () => {
    let up = true;
    const cache = createCohortAccessCache({ ttlMs: 60_000, maxEntries: 10, linkUp: () => up });
    cache.set('c1', 'u1', found('one'), cache.epoch());
    up = false;
    expect(cache.get('c1', 'u1')).toBeUndefined();
    cache.set('c1', 'u1', found('one'), cache.epoch());
    up = true;
    expect(cache.get('c1', 'u1')).toBeUndefined();
  });

  it('does not keep a lookup that began before a change', () => {
    const cache = createCohortAccessCache({ ttlMs: 60_000, maxEntries: 10 });
    const before = cache.epoch();
    cache.cohortChanged('c9');
    cache.set('c1', 'u1', found('one'), before);
    expect(cache.get('c1', 'u1')).toBeUndefined();
  });
});

describe.each(testDatabaseKinds())('cohort access read from the cache on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let cache: CohortAccessCache;
  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    cache = cohortAccessCacheOf(server.db.db)!;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** A new member of the fixture's cohort, in `role`, with their reads of it cached. */
  async function cachedMember(role: 'participant' | 'sponsor' = 'participant') {
    const person = newPerson('Mo Member');
    const client = server.client();
    const signedUp = await client.signUp(person);
    expect(signedUp.status).toBe(200);
    await joinCohort(client, person.email, role);
    const home = await client.get(`/api/cohorts/${fx.cohortId}`);
    expect(home.status).toBe(200);
    expect(cache.get(fx.cohortId, signedUp.body.user.id)?.role).toBe(role);
    return { client, person, userId: signedUp.body.user.id as string };
  }

  async function joinCohort(client: TestClient, email: string, role: string) {
    const invited = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/invitations`, {
      invites: [{ email, role }],
    });
    expect(invited.status).toBe(201);
    const token = invited.body.results[0].invitation.link.split('/invitations/')[1];
    expect((await client.post(`/api/invitations/${token}/accept`)).status).toBe(200);
  }

  it('answers a member’s reads without asking the database, and reflects what it holds', async () => {
    const { client, userId } = await cachedMember();
    // A forged entry shows that reads come from the cache...
    const real = cache.get(fx.cohortId, userId)!;
    cache.set(fx.cohortId, userId, { ...real, role: 'facilitator' }, cache.epoch());
    expect((await client.get(`/api/cohorts/${fx.cohortId}`)).body.myRole).toBe('facilitator');
    // ...and that writes never trust it: a participant still may not rename the cohort.
    const renamed = await client.request('PATCH', `/api/cohorts/${fx.cohortId}`, {
      json: { name: 'Renamed by a participant' },
    });
    expect(renamed.status).toBe(403);
    cache.cohortChanged(fx.cohortId);
    expect((await client.get(`/api/cohorts/${fx.cohortId}`)).body.myRole).toBe('participant');
  });

  it('refuses a removed member at once, though their reads were cached', async () => {
    const { client, userId } = await cachedMember();
    expect((await client.get(`/api/cohorts/${fx.cohortId}/boards`)).status).toBe(200);
    const removed = await fx.clients.lead.request(
      'DELETE',
      `/api/cohorts/${fx.cohortId}/members/${userId}`,
    );
    expect(removed.status).toBe(204);
    expect((await client.get(`/api/cohorts/${fx.cohortId}`)).status).toBe(404);
    expect((await client.get(`/api/cohorts/${fx.cohortId}/boards`)).status).toBe(404);
    expect((await client.get(`/api/cohorts/${fx.cohortId}/members`)).status).toBe(404);
  });

  it('refuses a member who left at once', async () => {
    const { client, userId } = await cachedMember();
    expect(
      (await client.request('DELETE', `/api/cohorts/${fx.cohortId}/members/${userId}`)).status,
    ).toBe(204);
    expect((await client.get(`/api/cohorts/${fx.cohortId}`)).status).toBe(404);
  });

  it('shows a new role at once', async () => {
    const { client, userId } = await cachedMember('sponsor');
    const changed = await fx.clients.lead.request(
      'PATCH',
      `/api/cohorts/${fx.cohortId}/members/${userId}`,
      { json: { role: 'participant' } },
    );
    expect(changed.status).toBe(200);
    expect((await client.get(`/api/cohorts/${fx.cohortId}`)).body.myRole).toBe('participant');
  });

  it('lets someone in at once when they accept an invitation after being turned away', async () => {
    const person = newPerson('Nia Newcomer');
    const client = server.client();
    expect((await client.signUp(person)).status).toBe(200);
    expect((await client.get(`/api/cohorts/${fx.cohortId}`)).status).toBe(404);
    await joinCohort(client, person.email, 'participant');
    const home = await client.get(`/api/cohorts/${fx.cohortId}`);
    expect(home.status).toBe(200);
    expect(home.body.myRole).toBe('participant');
  });

  it('counts members at once after someone joins and after someone is erased', async () => {
    const count = async () => (await fx.clients.lead.get(`/api/cohorts/${fx.cohortId}`)).body;
    const before = (await count()).memberCount as number;
    const { person, userId } = await cachedMember();
    expect((await count()).memberCount).toBe(before + 1);
    const erased = await fx.clients.admin.request('DELETE', `/api/users/${userId}`, {
      json: { confirm: person.email },
    });
    expect(erased.status).toBe(204);
    expect((await count()).memberCount).toBe(before);
  });

  it('shows an archived cohort as archived at once, to a member whose reads were cached', async () => {
    const { client } = await cachedMember();
    // A cohort of its own, so the other tests' cohort stays writable.
    const created = await fx.clients.lead.post('/api/cohorts', {
      name: 'To be archived',
      startsOn: '2027-01-10',
      endsOn: '2027-07-10',
    });
    expect(created.status).toBe(201);
    const cohortId = created.body.id as string;
    const person = newPerson('Ari Archive');
    const reader = server.client();
    const signedUp = await reader.signUp(person);
    const invited = await fx.clients.lead.post(`/api/cohorts/${cohortId}/invitations`, {
      invites: [{ email: person.email, role: 'participant' }],
    });
    const token = invited.body.results[0].invitation.link.split('/invitations/')[1];
    expect((await reader.post(`/api/invitations/${token}/accept`)).status).toBe(200);
    expect((await reader.get(`/api/cohorts/${cohortId}`)).body.archived).toBe(false);
    expect(cache.get(cohortId, signedUp.body.user.id)).toBeDefined();
    const archived = await fx.clients.lead.request('PATCH', `/api/cohorts/${cohortId}`, {
      json: { archived: true },
    });
    expect(archived.status).toBe(200);
    expect((await reader.get(`/api/cohorts/${cohortId}`)).body.archived).toBe(true);
    // The fixture's cohort and its cached readers were left alone.
    expect((await client.get(`/api/cohorts/${fx.cohortId}`)).status).toBe(200);
  });
  describe('the board list, kept with the cached access', () => {
    const listed = async (client: TestClient) => {
      const list = await client.get(`/api/cohorts/${fx.cohortId}/boards`);
      expect(list.status).toBe(200);
      return (list.body.boards as { id: string; title: string }[]).map((b) => b.title);
    };
    const openBoard = async (client: TestClient, scope: object, title: string) => {
      const board = await client.post('/api/boards', {
        scope,
        title,
        template: 'start_stop_continue',
      });
      expect(board.status).toBe(201);
      return board.body.id as string;
    };

    it('is answered from the cache, and shows a new, renamed or deleted board at once', async () => {
      const { client, userId } = await cachedMember();
      const before = await listed(client);
      expect(cache.get(fx.cohortId, userId)?.boards).toHaveLength(before.length);
      // A forged entry shows that the list comes from the cache.
      const real = cache.get(fx.cohortId, userId)!;
      cache.set(fx.cohortId, userId, { ...real, boards: [] }, cache.epoch());
      expect(await listed(client)).toEqual([]);
      cache.cohortChanged(fx.cohortId);
      expect(await listed(client)).toEqual(before);

      const boardId = await openBoard(fx.clients.lead, { cohortId: fx.cohortId }, 'Fresh board');
      expect(await listed(client)).toContain('Fresh board');
      const renamed = await fx.clients.lead.request('PATCH', `/api/boards/${boardId}`, {
        json: { title: 'Renamed board' },
      });
      expect(renamed.status).toBe(200);
      const now = await listed(client);
      expect(now).toContain('Renamed board');
      expect(now).not.toContain('Fresh board');
      expect((await fx.clients.lead.request('DELETE', `/api/boards/${boardId}`)).status).toBe(204);
      expect(await listed(client)).not.toContain('Renamed board');
    });

    it('shows a set’s board to whoever joins the set, and hides it at once from whoever leaves', async () => {
      const { client, userId } = await cachedMember();
      const set = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/sets`, {
        name: 'Cached set',
      });
      expect(set.status).toBe(201);
      await openBoard(fx.clients.facilitator, { setId: set.body.id }, 'Set board');
      expect(await listed(client)).not.toContain('Set board');
      const added = await fx.clients.facilitator.post(`/api/sets/${set.body.id}/members`, {
        userIds: [userId],
      });
      expect(added.status).toBe(200);
      expect(await listed(client)).toContain('Set board');
      const removed = await fx.clients.facilitator.request(
        'DELETE',
        `/api/sets/${set.body.id}/members/${userId}`,
      );
      expect(removed.status).toBe(204);
      expect(await listed(client)).not.toContain('Set board');
      // Back in, then the set is deleted with its board.
      await fx.clients.facilitator.post(`/api/sets/${set.body.id}/members`, { userIds: [userId] });
      expect(await listed(client)).toContain('Set board');
      expect(
        (await fx.clients.facilitator.request('DELETE', `/api/sets/${set.body.id}`)).status,
      ).toBe(204);
      expect(await listed(client)).not.toContain('Set board');
    });

    it('shows a group’s board to whoever joins the group, and hides it at once from whoever leaves', async () => {
      const { client, userId } = await cachedMember();
      const group = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/groups`, {
        name: 'Cached group',
      });
      expect(group.status).toBe(201);
      await openBoard(fx.clients.lead, { groupId: group.body.id }, 'Group board');
      expect(await listed(client)).not.toContain('Group board');
      const added = await fx.clients.lead.post(`/api/groups/${group.body.id}/members`, {
        userIds: [userId],
        role: 'member',
      });
      expect(added.status).toBe(200);
      expect(await listed(client)).toContain('Group board');
      const removed = await fx.clients.lead.request(
        'DELETE',
        `/api/groups/${group.body.id}/members/${userId}`,
      );
      expect(removed.status).toBe(204);
      expect(await listed(client)).not.toContain('Group board');
    });
  });
});

describe('cohort access cached on one node, changed on another', () => {
  let services: ClusterServices;
  let nodes: TestServer[];
  let fx: CohortFixture;
  beforeAll(async () => {
    services = await clusterServices();
    nodes = await startNodes(services, 2);
    fx = await buildCohortFixture(nodes[0]!);
  }, 120_000);
  afterAll(async () => {
    await Promise.all((nodes ?? []).map((n) => n.stop()));
    await services?.dispose();
  });

  it('refuses a removed member on the other node within a second', async () => {
    const there = on(nodes[1]!, fx.clients.sponsor);
    expect((await there.get(`/api/cohorts/${fx.cohortId}`)).status).toBe(200);
    expect(
      cohortAccessCacheOf(nodes[1]!.db.db)!.get(fx.cohortId, fx.userIds.sponsor),
    ).toBeDefined();
    const removed = await fx.clients.lead.request(
      'DELETE',
      `/api/cohorts/${fx.cohortId}/members/${fx.userIds.sponsor}`,
    );
    expect(removed.status).toBe(204);
    const status = await within(
      REVOCATION_DEADLINE_MS,
      'the other node refusing the removed member',
      refused(there, `/api/cohorts/${fx.cohortId}`),
    );
    expect(status).toBe(404);
  });

  it('shows a new role on the other node within a second', async () => {
    const there = on(nodes[1]!, fx.clients.participant);
    expect((await there.get(`/api/cohorts/${fx.cohortId}`)).body.myRole).toBe('participant');
    const changed = await fx.clients.lead.request(
      'PATCH',
      `/api/cohorts/${fx.cohortId}/members/${fx.userIds.participant}`,
      { json: { role: 'facilitator' } },
    );
    expect(changed.status).toBe(200);
    await within(
      REVOCATION_DEADLINE_MS,
      'the other node showing the new role',
      (async () => {
        while ((await there.get(`/api/cohorts/${fx.cohortId}`)).body.myRole !== 'facilitator')
          await new Promise((resolve) => setTimeout(resolve, 10));
      })(),
    );
  });
  it('shows a board opened on one node in the list on the other within a second', async () => {
    const there = on(nodes[1]!, fx.clients.participant);
    const titles = async () =>
      (
        (await there.get(`/api/cohorts/${fx.cohortId}/boards`)).body.boards as { title: string }[]
      ).map((b) => b.title);
    expect(await titles()).not.toContain('Opened elsewhere');
    expect(
      cohortAccessCacheOf(nodes[1]!.db.db)!.get(fx.cohortId, fx.userIds.participant)?.boards,
    ).toBeDefined();
    const opened = await fx.clients.lead.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'Opened elsewhere',
      template: 'start_stop_continue',
    });
    expect(opened.status).toBe(201);
    await within(
      REVOCATION_DEADLINE_MS,
      'the other node listing the new board',
      (async () => {
        while (!(await titles()).includes('Opened elsewhere'))
          await new Promise((resolve) => setTimeout(resolve, 10));
      })(),
    );
  });
});

describe('every change to cohorts, their members, boards, sets or groups', () => {
  it('drops the cached access: each module writing those tables says so', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const writes =
      /\.(insert|update|delete)\(schema\.(cohorts|cohortMembers|boards|learningSets|setMembers|projectGroups|groupMembers)\)|(update|delete from|insert into)\s+\$\{schema\.(cohorts|cohortMembers|boards|learningSets|setMembers|projectGroups|groupMembers)\}|\.delete\(schema\.users\)/;
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
      });
    const writers = sources(root).filter((file) => writes.test(readFileSync(file, 'utf8')));
    // The check looks at something: these are known writers.
    expect(writers.map((f) => relative(root, f))).toEqual(
      expect.arrayContaining([
        'features/cohorts/service.ts',
        'features/members/service.ts',
        'features/invitations/service.ts',
        'features/privacy/retention.ts',
        // Deleting an account deletes its memberships.
        'features/privacy/erasure.ts',
        // Who sees which boards.
        'features/boards/service.ts',
        'features/boards/held-cards.ts',
        'features/sets/service.ts',
        'features/groups/service.ts',
      ]),
    );
    const silent = writers.filter(
      (file) => !readFileSync(file, 'utf8').includes('cohortAccessChanged('),
    );
    expect(
      silent.map((f) => relative(root, f)),
      'writes cohort access without dropping the cache',
    ).toEqual([]);
  });
});
