import { io as connect, type Socket } from 'socket.io-client';
import { newPerson, type TestClient, type TestServer } from './test-server.ts';

export const ROLES = [
  'anonymous',
  'nonMember',
  'participant',
  'sponsor',
  'facilitator',
  'lead',
  'admin',
] as const;
export type MatrixRole = (typeof ROLES)[number];

export interface CohortFixture {
  cohortId: string;
  clients: Record<MatrixRole, TestClient>;
  userIds: Record<Exclude<MatrixRole, 'anonymous'>, string>;
  /** Each person's sign-in details, for tests that need a second session of the same person. */
  people: Record<Exclude<MatrixRole, 'anonymous'>, ReturnType<typeof newPerson>>;
}

async function expectStatus(response: Promise<{ status: number; body: any }>, status: number) {
  const r = await response;
  if (r.status !== status)
    throw new Error(
      `fixture step failed: expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`,
    );
  return r.body;
}

/**
 * One cohort with a person in every role, built through the public API as people would:
 * the instance admin (first account) leads a setup cohort and invites the lead, who creates
 * the cohort under test and invites everyone else. The admin is not a member of it.
 */
export async function buildCohortFixture(server: TestServer): Promise<CohortFixture> {
  const clients = Object.fromEntries(ROLES.map((r) => [r, server.client()])) as Record<
    MatrixRole,
    TestClient
  >;
  const userIds = {} as CohortFixture['userIds'];
  const people = {} as CohortFixture['people'];
  // The admin first: the first account of an instance becomes its admin.
  for (const role of ['admin', ...ROLES.filter((r) => r !== 'admin')] as MatrixRole[]) {
    if (role === 'anonymous') continue;
    people[role] = newPerson(`${role[0]!.toUpperCase()}${role.slice(1)} Person`);
    const body = await expectStatus(clients[role].signUp(people[role]), 200);
    userIds[role] = body.user.id;
  }
  const setup = await expectStatus(
    clients.admin.post('/api/cohorts', {
      name: 'Setup cohort',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
    }),
    201,
  );
  const leadInvite = await expectStatus(
    clients.admin.post(`/api/cohorts/${setup.id}/invitations`, {
      invites: [{ email: people.lead.email, role: 'programme_lead' }],
    }),
    201,
  );
  await expectStatus(
    clients.lead.post(
      `/api/invitations/${leadInvite.results[0].invitation.link.split('/invitations/')[1]}/accept`,
    ),
    200,
  );

  const cohort = await expectStatus(
    clients.lead.post('/api/cohorts', {
      name: 'Cohort 4: Health Inequalities',
      programme: 'HCT Co-Lab',
      startsOn: '2027-01-10',
      endsOn: '2027-07-10',
    }),
    201,
  );
  const invites = await expectStatus(
    clients.lead.post(`/api/cohorts/${cohort.id}/invitations`, {
      invites: (['participant', 'sponsor', 'facilitator'] as const).map((role) => ({
        email: people[role].email,
        role,
      })),
    }),
    201,
  );
  for (const result of invites.results) {
    const role = (['participant', 'sponsor', 'facilitator'] as const).find(
      (r) => people[r].email === result.email,
    )!;
    await expectStatus(
      clients[role].post(
        `/api/invitations/${result.invitation.link.split('/invitations/')[1]}/accept`,
      ),
      200,
    );
  }
  return { cohortId: cohort.id, clients, userIds, people };
}

/** A Socket.IO client signed in as `client` (or anonymous), connected or refused. */
export async function openSocket(
  server: TestServer,
  client: TestClient,
): Promise<{ socket: Socket; connected: boolean; error?: string }> {
  const socket = connect(server.url, {
    transports: ['websocket'],
    extraHeaders: client.cookies.size
      ? { cookie: client.cookieHeader, origin: server.url }
      : { origin: server.url },
    reconnection: false,
    timeout: 5_000,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, connected: true }));
    socket.once('connect_error', (error) =>
      resolve({ socket, connected: false, error: error.message }),
    );
  });
}
