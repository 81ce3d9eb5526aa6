import { readFileSync } from 'node:fs';
import { testDatabaseKinds } from '@colab/db/testing';
import { readBoard } from '@colab/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPOSED } from './auth/routes.ts';
import {
  buildCohortFixture,
  type CohortFixture,
  type MatrixRole,
  openSocket,
  ROLES,
} from './testing/cohort-fixture.ts';
import { collabUpgradeStatus, openDocument, waitFor } from './testing/collab-client.ts';
import { databaseFingerprint } from './testing/database-fingerprint.ts';
import { PNG, sendForm } from './testing/multipart.ts';
import { recordRoutes, routeTable } from './testing/route-table.ts';
import {
  newPerson,
  startTestServer,
  type TestClient,
  type TestServer,
} from './testing/test-server.ts';

/** The next year whose 9 March is at least a month away: the fixture's set meets then. */
const MEETINGS_YEAR = (() => {
  const now = new Date();
  const year = now.getUTCFullYear();
  return Date.UTC(year, 2, 9) - now.getTime() > 31 * 86_400_000 ? year : year + 1;
})();

/**
 * Every route, socket event and kind of shared document, tried as every role; the expected
 * outcome of each is written below as a table. The table is checked against the running app
 * (its routers, the socket handlers it registered, the document kinds it serves), so a route
 * or event added without a row fails here by name. Outcomes are HTTP statuses; for socket
 * events 'ok' or the error code of the acknowledgement; for writing to a document 'writes' or
 * 'read-only'.
 */
type Outcome = number | string;

// The completeness check walks the routers, which must be recorded before any server starts.
recordRoutes();

async function participantHeldCard(x: Ctx): Promise<string> {
  const held = await x.fixture.clients.participant.post(
    `/api/boards/${x.hiddenBoardId}/held-cards`,
    { columnId: x.hiddenColumnId, text: 'Mine alone' },
  );
  return held.body.id;
}

/** Each try removes something of its own, so every role meets one that still exists. */
async function participantMade(x: Ctx, path: string, body: object): Promise<string> {
  const made = await x.fixture.clients.participant.post(path, body);
  if (made.status !== 201) throw new Error(`could not make ${path}: ${made.status}`);
  return made.body.id;
}

function roleOf(client: TestClient, x: Ctx): Exclude<MatrixRole, 'anonymous'> | null {
  const found = ROLES.find((r) => x.fixture.clients[r] === client);
  return found && found !== 'anonymous' ? found : null;
}

/**
 * A request with the role's cookies whose answer sets none in its jar: signing someone in or
 * up must not turn the role's client into another account for the rows that follow.
 */
async function detached(client: TestClient, method: string, path: string, json: unknown = {}) {
  const headers: Record<string, string> = {
    origin: client.baseUrl,
    'content-type': 'application/json',
  };
  if (client.cookies.size) headers.cookie = client.cookieHeader;
  const response = await fetch(new URL(path, client.baseUrl), {
    method,
    headers,
    body: JSON.stringify(json),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Writes to a shared document as the role: the upgrade's status when it is refused, else
 * whether the server kept the change ('writes') or dropped it as from a reader ('read-only').
 */
async function collabWrite(x: Ctx, client: TestClient, docName: string): Promise<Outcome> {
  const opened = await collabUpgradeStatus(x.server, client, docName);
  if (opened !== 101) return opened;
  const writer = openDocument(x.server, client, docName);
  try {
    await writer.synced();
    const shared = x.server.collab.openDocuments().get(docName)!;
    const dropped = shared.droppedReadOnlyUpdates;
    const mark = `probe ${++unique}`;
    const kept = () => shared.doc.getArray('matrix-probe').toArray().includes(mark);
    writer.doc.getArray('matrix-probe').push([mark]);
    await waitFor(
      () => kept() || shared.droppedReadOnlyUpdates > dropped,
      `${docName} to take or drop the change`,
    );
    return kept() ? 'writes' : 'read-only';
  } finally {
    writer.close();
  }
}

type Row = {
  name: string;
  expect: Record<MatrixRole, Outcome>;
  run: (client: TestClient, ctx: Ctx) => Promise<Outcome>;
};
interface Ctx {
  /** An action learning set with the participant in it, facilitated by the facilitator. */
  setId: string;
  setBoardId: string;
  setBoardDocName: string;
  boardDocName: string;
  /** A board that hides cards until revealed, and one of its columns. */
  hiddenBoardId: string;
  hiddenColumnId: string;
  boardId: string;
  columnId: string;
  entryId: string;
  server: TestServer;
  fixture: CohortFixture;
  pendingInvitationId: string;
  foreignToken: string;
  /** A series of the set, one of its occurrences, and what the runner recorded there. */
  meetingId: string;
  occurrence: string;
  presentationId: string;
  actionId: string;
  pollId: string;
  slotId: string;
  /** A second poll, for the confirmation row (confirming closes a poll). */
  confirmPollId: string;
  confirmSlotId: string;
  eventId: string;
  /** A project group with the participant as member and the sponsor as its chief sponsor. */
  groupId: string;
  evidenceId: string;
  milestoneId: string;
  /** An uploaded file of the group. */
  fileResourceId: string;
  /** A board of the project group, and one of its columns. */
  groupBoardId: string;
  groupColumnId: string;
  groupBoardDocName: string;
  /** A published output whose public link no row turns off or replaces, and its token. */
  publicToken: string;
  /** Someone outside the cohort: the rows sign in as them and fetch their calendar feed. */
  outsider: { email: string; password: string; feedToken: string };
  /** The group's outputs in each state the rows need. */
  outputs: {
    draft: string;
    /** A draft the rows only add to, so it stays a draft. */
    mediaDraft: string;
    toPublish: string;
    toReturn: string;
    published: string;
    feedbackId: string;
  };
}

//                         anonymous nonMember participant sponsor facilitator lead admin
const row = (name: string, o: Outcome[], run: Row['run']): Row => ({
  name,
  run,
  expect: Object.fromEntries(ROLES.map((r, i) => [r, o[i]!])) as Record<MatrixRole, Outcome>,
});
const status = async (p: Promise<{ status: number }>) => (await p).status;
/** A socket event tried as each role: 'ok', or the error code its acknowledgement gave. */
const socketRow = (
  name: string,
  o: Outcome[],
  emit: (socket: Socket, x: Ctx) => Promise<{ data: unknown } | { error: { code: string } }>,
) =>
  row(name, o, async (c, x) => {
    const { socket, connected, error } = await openSocket(x.server, c);
    if (!connected) return error ?? 'refused';
    try {
      const ack = await emit(socket, x);
      return 'data' in ack ? 'ok' : ack.error.code;
    } finally {
      socket.disconnect();
    }
  });
let unique = 0;

const ROWS: Row[] = [
  // Public: the probes of a load balancer answer anyone.
  row('GET /healthz', [200, 200, 200, 200, 200, 200, 200], (c) => status(c.get('/healthz'))),
  row('GET /readyz', [200, 200, 200, 200, 200, 200, 200], (c) => status(c.get('/readyz'))),
  row('GET /api/me', [401, 200, 200, 200, 200, 200, 200], (c) => status(c.get('/api/me'))),
  row('PATCH /api/me', [401, 200, 200, 200, 200, 200, 200], (c) =>
    status(c.request('PATCH', '/api/me', { json: { pronouns: 'they/them' } })),
  ),
  row('GET /api/me/export', [401, 200, 200, 200, 200, 200, 200], (c) =>
    status(c.get('/api/me/export')),
  ),
  // A wrong confirmation, so nobody's account goes: the right one is in privacy.test.ts.
  row('DELETE /api/me', [401, 400, 400, 400, 400, 400, 400], (c) =>
    status(c.request('DELETE', '/api/me', { json: { confirm: 'not-me@example.org' } })),
  ),
  row('DELETE /api/users/:id', [401, 403, 403, 403, 403, 403, 400], (c, x) =>
    status(
      c.request('DELETE', `/api/users/${x.fixture.userIds.participant}`, {
        json: { confirm: 'not-them@example.org' },
      }),
    ),
  ),
  row('GET /api/cohorts/:id/retention', [401, 404, 403, 403, 403, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/retention`)),
  ),
  row('PUT /api/cohorts/:id/retention', [401, 404, 403, 403, 403, 200, 200], (c, x) =>
    status(
      c.request('PUT', `/api/cohorts/${x.fixture.cohortId}/retention`, {
        json: { archiveAfterMonths: null, deleteAfterMonths: null },
      }),
    ),
  ),
  row('GET /api/cohorts', [401, 200, 200, 200, 200, 200, 200], (c) =>
    status(c.get('/api/cohorts')),
  ),
  row('POST /api/cohorts', [401, 403, 403, 403, 403, 201, 201], (c) =>
    status(
      c.post('/api/cohorts', { name: 'Another', startsOn: '2027-01-01', endsOn: '2027-02-01' }),
    ),
  ),
  row('GET /api/cohorts/:id', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}`)),
  ),
  row('PATCH /api/cohorts/:id (details)', [401, 404, 403, 403, 200, 200, 200], (c, x) =>
    status(
      c.request('PATCH', `/api/cohorts/${x.fixture.cohortId}`, {
        json: { description: `Edited ${++unique}` },
      }),
    ),
  ),
  row('PATCH /api/cohorts/:id (archive setting)', [401, 404, 403, 403, 403, 200, 200], (c, x) =>
    status(c.request('PATCH', `/api/cohorts/${x.fixture.cohortId}`, { json: { archived: false } })),
  ),
  row('GET /api/cohorts/:id/members', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/members`)),
  ),
  row('GET /api/cohorts/:id/members/export', [401, 404, 403, 403, 403, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/members/export`)),
  ),
  row('PATCH /api/cohorts/:id/members/:userId', [401, 404, 403, 403, 200, 200, 200], (c, x) =>
    status(
      c.request(
        'PATCH',
        `/api/cohorts/${x.fixture.cohortId}/members/${x.fixture.userIds.participant}`,
        { json: { role: 'participant' } },
      ),
    ),
  ),
  row(
    'DELETE /api/cohorts/:id/members/:userId (someone else)',
    [401, 404, 403, 403, 404, 404, 404],
    (c, x) =>
      // An id that is nobody's: those allowed to remove get "not a member", the rest are refused first.
      status(
        c.request(
          'DELETE',
          `/api/cohorts/${x.fixture.cohortId}/members/00000000-0000-7000-8000-000000000000`,
        ),
      ),
  ),
  row('POST /api/cohorts/:id/invitations', [401, 404, 403, 403, 201, 201, 201], (c, x) =>
    status(
      c.post(`/api/cohorts/${x.fixture.cohortId}/invitations`, {
        invites: [{ email: newPerson().email, role: 'participant' }],
      }),
    ),
  ),
  row('GET /api/cohorts/:id/invitations', [401, 404, 403, 403, 200, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/invitations`)),
  ),
  row('POST /api/invitations/:id/resend', [401, 404, 403, 403, 200, 200, 200], (c, x) =>
    status(c.post(`/api/invitations/${x.pendingInvitationId}/resend`)),
  ),
  row('DELETE /api/invitations/:id', [401, 404, 403, 403, 200, 200, 200], (c, x) =>
    status(c.request('DELETE', `/api/invitations/${x.pendingInvitationId}`)),
  ),
  // The token is the credential: whoever holds the link may see what it is for.
  row('GET /api/invitations/:token', [200, 200, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/invitations/${x.foreignToken}`)),
  ),
  row(
    'POST /api/invitations/:token/accept (sent to someone else)',
    [401, 403, 403, 403, 403, 403, 403],
    (c, x) => status(c.post(`/api/invitations/${x.foreignToken}/accept`)),
  ),
  row('GET /api/cohorts/:id/audit', [401, 404, 403, 403, 200, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/audit`)),
  ),
  row('POST /api/boards', [401, 404, 403, 403, 201, 201, 201], (c, x) =>
    status(
      c.post('/api/boards', {
        scope: { cohortId: x.fixture.cohortId },
        title: 'Rose, thorn, bud',
        template: 'rose_thorn_bud',
      }),
    ),
  ),
  row('GET /api/cohorts/:id/boards', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/boards`)),
  ),
  // Opening a board's shared document: the upgrade's HTTP status (101 = opened).
  row('collab: open board:<id>', [401, 403, 101, 101, 101, 101, 101], (c, x) =>
    collabUpgradeStatus(x.server, c, x.boardDocName),
  ),
  row(
    'collab write: board:<id>',
    [401, 403, 'writes', 'read-only', 'writes', 'writes', 'writes'],
    (c, x) => collabWrite(x, c, x.boardDocName),
  ),
  row('GET /api/boards/:id', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/boards/${x.boardId}`)),
  ),
  row('PATCH /api/boards/:id', [401, 404, 403, 403, 200, 200, 200], (c, x) =>
    status(
      c.request('PATCH', `/api/boards/${x.boardId}`, { json: { prompt: `Prompt ${++unique}` } }),
    ),
  ),
  row(
    'DELETE /api/boards/:id (one that does not exist)',
    [401, 404, 404, 404, 404, 404, 404],
    (c) => status(c.request('DELETE', '/api/boards/00000000-0000-7000-8000-000000000000')),
  ),
  row('POST /api/boards/:id/anonymous-cards', [401, 404, 201, 403, 201, 201, 201], (c, x) =>
    status(
      c.post(`/api/boards/${x.boardId}/anonymous-cards`, {
        columnId: x.columnId,
        text: 'A thought',
      }),
    ),
  ),
  row('POST /api/boards/:id/mentions', [401, 404, 200, 403, 200, 200, 200], (c, x) =>
    status(
      c.post(`/api/boards/${x.boardId}/mentions`, {
        cardId: 'card-1',
        userIds: [x.fixture.userIds.sponsor],
      }),
    ),
  ),
  row('GET /api/boards/:id/export', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/boards/${x.boardId}/export?format=csv`)),
  ),
  row('GET /api/boards/:id/snapshot', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/boards/${x.boardId}/snapshot`)),
  ),
  row('PUT /api/boards/:id/timer', [401, 404, 403, 403, 200, 200, 200], (c, x) =>
    status(c.request('PUT', `/api/boards/${x.boardId}/timer`, { json: { durationSeconds: 60 } })),
  ),
  row('DELETE /api/boards/:id/timer', [401, 404, 403, 403, 204, 204, 204], (c, x) =>
    status(c.request('DELETE', `/api/boards/${x.boardId}/timer`)),
  ),
  row('POST /api/boards/:id/held-cards', [401, 404, 201, 403, 201, 201, 201], (c, x) =>
    status(
      c.post(`/api/boards/${x.hiddenBoardId}/held-cards`, {
        columnId: x.hiddenColumnId,
        text: 'Held',
      }),
    ),
  ),
  row('GET /api/boards/:id/held-cards', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/boards/${x.hiddenBoardId}/held-cards`)),
  ),
  // Each try is on a fresh card the participant just wrote: theirs alone to change.
  row('PATCH /api/boards/:id/held-cards/:cardId', [401, 404, 200, 403, 404, 404, 404], (c, x) =>
    participantHeldCard(x).then((id) =>
      status(
        c.request('PATCH', `/api/boards/${x.hiddenBoardId}/held-cards/${id}`, {
          json: { text: 'Changed' },
        }),
      ),
    ),
  ),
  row('DELETE /api/boards/:id/held-cards/:cardId', [401, 404, 204, 403, 404, 404, 404], (c, x) =>
    participantHeldCard(x).then((id) =>
      status(c.request('DELETE', `/api/boards/${x.hiddenBoardId}/held-cards/${id}`)),
    ),
  ),
  // On the board that shows cards as written, so the hidden board stays hidden for the rows above.
  row('POST /api/boards/:id/reveal', [401, 404, 403, 403, 200, 200, 200], (c, x) =>
    status(c.post(`/api/boards/${x.boardId}/reveal`)),
  ),
  row('POST /api/cohorts/:id/sets', [401, 404, 403, 403, 201, 201, 201], (c, x) =>
    status(c.post(`/api/cohorts/${x.fixture.cohortId}/sets`, { name: 'Another set' })),
  ),
  row('GET /api/cohorts/:id/sets', [401, 404, 200, 403, 200, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/sets`)),
  ),
  // The participant's own set: hidden from the sponsor as from outsiders.
  row('GET /api/sets/:id', [401, 404, 200, 404, 200, 200, 200], (c, x) =>
    status(c.get(`/api/sets/${x.setId}`)),
  ),
  row('PATCH /api/sets/:id', [401, 404, 403, 404, 200, 200, 200], (c, x) =>
    status(c.request('PATCH', `/api/sets/${x.setId}`, { json: { name: 'Set 1' } })),
  ),
  row('POST /api/sets/:id/members', [401, 404, 403, 404, 200, 200, 200], (c, x) =>
    status(c.post(`/api/sets/${x.setId}/members`, { userIds: [x.fixture.userIds.participant] })),
  ),
  row(
    'DELETE /api/sets/:id/members/:userId (someone not in it)',
    [401, 404, 403, 404, 404, 404, 404],
    (c, x) =>
      status(c.request('DELETE', `/api/sets/${x.setId}/members/${x.fixture.userIds.sponsor}`)),
  ),
  // A set's board and the reflections shared with a set: the set's alone, whoever else asks.
  row('GET /api/boards/:id (a set’s board)', [401, 404, 200, 404, 200, 404, 404], (c, x) =>
    status(c.get(`/api/boards/${x.setBoardId}`)),
  ),
  row('collab: open board:<id> (a set’s board)', [401, 403, 101, 403, 101, 403, 403], (c, x) =>
    collabUpgradeStatus(x.server, c, x.setBoardDocName),
  ),
  // Naming the sponsor and the lead, who may not read a set's board: a mention must not tell
  // them what it says, so nobody is notified.
  row(
    'POST /api/boards/:id/mentions (a set’s board, naming people outside the set)',
    [401, 404, '200 notified 0', 404, '200 notified 0', 404, 404],
    async (c, x) => {
      const r = await c.post(`/api/boards/${x.setBoardId}/mentions`, {
        cardId: 'card-1',
        excerpt: 'What the set said',
        userIds: [x.fixture.userIds.sponsor, x.fixture.userIds.lead],
      });
      return r.status === 200 ? `200 notified ${r.body.notified}` : r.status;
    },
  ),
  row(
    'collab write: board:<id> (a set’s board)',
    [401, 403, 'writes', 403, 'writes', 403, 403],
    (c, x) => collabWrite(x, c, x.setBoardDocName),
  ),
  row('GET /api/sets/:id/shared-reflections', [401, 404, 200, 404, 200, 404, 404], (c, x) =>
    status(c.get(`/api/sets/${x.setId}/shared-reflections`)),
  ),
  row(
    'POST /api/journal/:id/set-shares (the participant’s entry)',
    [401, 404, 201, 404, 404, 404, 404],
    (c, x) => status(c.post(`/api/journal/${x.entryId}/set-shares`, { setId: x.setId })),
  ),
  row(
    'DELETE /api/journal/:id/set-shares/:setId (the participant’s entry)',
    [401, 404, 204, 404, 404, 404, 404],
    (c, x) => status(c.request('DELETE', `/api/journal/${x.entryId}/set-shares/${x.setId}`)),
  ),
  row('DELETE /api/sets/:id (one that does not exist)', [401, 404, 404, 404, 404, 404, 404], (c) =>
    status(c.request('DELETE', '/api/sets/00000000-0000-7000-8000-000000000000')),
  ),
  // A set's meetings, polls and runner: the set's own; those who run the cohort see attendance.
  row('POST /api/sets/:id/meetings', [401, 404, 403, 404, 201, 403, 403], (c, x) =>
    status(
      c.post(`/api/sets/${x.setId}/meetings`, {
        startsAt: '2027-05-04T14:00',
        durationMinutes: 90,
        timezone: 'Europe/London',
      }),
    ),
  ),
  row('GET /api/sets/:id/meetings', [401, 404, 200, 404, 200, 403, 403], (c, x) =>
    status(c.get(`/api/sets/${x.setId}/meetings`)),
  ),
  row('GET /api/sets/:id/attendance', [401, 404, 200, 404, 200, 200, 200], (c, x) =>
    status(c.get(`/api/sets/${x.setId}/attendance`)),
  ),
  row('GET /api/meetings/:id', [401, 404, 200, 404, 200, 403, 403], (c, x) =>
    status(c.get(`/api/meetings/${x.meetingId}`)),
  ),
  row('GET /api/meetings/:id.ics', [401, 404, 200, 404, 200, 403, 403], (c, x) =>
    status(c.get(`/api/meetings/${x.meetingId}.ics`)),
  ),
  row('PATCH /api/meetings/:id', [401, 404, 403, 404, 200, 403, 403], (c, x) =>
    status(c.request('PATCH', `/api/meetings/${x.meetingId}`, { json: { location: 'Room 2' } })),
  ),
  row('POST /api/meetings/:id/occurrences', [401, 404, 403, 404, 201, 403, 403], (c, x) =>
    status(
      c.post(`/api/meetings/${x.meetingId}/occurrences`, {
        startsAt: `${MEETINGS_YEAR}-03-23T14:00`,
      }),
    ),
  ),
  row('PUT /api/meetings/:id/rsvp', [401, 404, 200, 404, 200, 403, 403], (c, x) =>
    status(
      c.request('PUT', `/api/meetings/${x.meetingId}/rsvp`, {
        json: { occurrence: x.occurrence, response: 'going' },
      }),
    ),
  ),
  row('GET /api/meetings/:id/runner', [401, 404, 200, 404, 200, 403, 403], (c, x) =>
    status(
      c.get(`/api/meetings/${x.meetingId}/runner?occurrence=${encodeURIComponent(x.occurrence)}`),
    ),
  ),
  row('POST /api/meetings/:id/checkins', [401, 404, 201, 404, 201, 403, 403], (c, x) =>
    status(c.post(`/api/meetings/${x.meetingId}/checkins`, { occurrence: x.occurrence })),
  ),
  row('PUT /api/meetings/:id/rota', [401, 404, 403, 404, 200, 403, 403], (c, x) =>
    status(
      c.request('PUT', `/api/meetings/${x.meetingId}/rota`, {
        json: { occurrence: x.occurrence, presenterIds: [x.fixture.userIds.participant] },
      }),
    ),
  ),
  row('PATCH /api/presentations/:id', [401, 404, 204, 404, 204, 403, 403], (c, x) =>
    status(
      c.request('PATCH', `/api/presentations/${x.presentationId}`, {
        json: { challenge: 'One sentence' },
      }),
    ),
  ),
  row('POST /api/meetings/:id/actions', [401, 404, 201, 404, 201, 403, 403], (c, x) =>
    status(
      c.post(`/api/meetings/${x.meetingId}/actions`, {
        occurrence: x.occurrence,
        ownerId: x.fixture.userIds.participant,
        text: 'Talk to the practice manager',
      }),
    ),
  ),
  row('PATCH /api/actions/:id', [401, 404, 200, 404, 200, 403, 403], (c, x) =>
    status(c.request('PATCH', `/api/actions/${x.actionId}`, { json: { dueDate: '2027-04-01' } })),
  ),
  row('GET /api/cohorts/:id/my-actions', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/my-actions`)),
  ),
  row('POST /api/sets/:id/polls', [401, 404, 403, 404, 201, 403, 403], (c, x) =>
    status(
      c.post(`/api/sets/${x.setId}/polls`, {
        timezone: 'Europe/London',
        durationMinutes: 60,
        slots: ['2027-06-01T10:00'],
      }),
    ),
  ),
  row('GET /api/sets/:id/polls', [401, 404, 200, 404, 200, 403, 403], (c, x) =>
    status(c.get(`/api/sets/${x.setId}/polls`)),
  ),
  row('GET /api/polls/:id', [401, 404, 200, 404, 200, 403, 403], (c, x) =>
    status(c.get(`/api/polls/${x.pollId}`)),
  ),
  row('POST /api/polls/:id/responses', [401, 404, 200, 404, 200, 403, 403], (c, x) =>
    status(
      c.post(`/api/polls/${x.pollId}/responses`, {
        answers: [{ slotId: x.slotId, answer: 'yes' }],
      }),
    ),
  ),
  row('POST /api/polls/:id/remind', [401, 404, 403, 404, 200, 403, 403], (c, x) =>
    status(c.post(`/api/polls/${x.pollId}/remind`)),
  ),
  row('POST /api/polls/:id/confirm', [401, 404, 403, 404, 200, 403, 403], (c, x) =>
    status(c.post(`/api/polls/${x.confirmPollId}/confirm`, { slotId: x.confirmSlotId })),
  ),
  row('POST /api/cohorts/:id/events', [401, 404, 403, 403, 201, 201, 201], (c, x) =>
    status(
      c.post(`/api/cohorts/${x.fixture.cohortId}/events`, {
        title: 'Masterclass',
        kind: 'masterclass',
        startsAt: '2027-05-10T10:00',
        durationMinutes: 120,
        timezone: 'Europe/London',
      }),
    ),
  ),
  row('GET /api/events/:id', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/events/${x.eventId}`)),
  ),
  row('PATCH /api/events/:id', [401, 404, 403, 403, 200, 200, 200], (c, x) =>
    status(c.request('PATCH', `/api/events/${x.eventId}`, { json: { location: 'Town hall' } })),
  ),
  row('GET /api/cohorts/:id/calendar', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(
      c.get(
        `/api/cohorts/${x.fixture.cohortId}/calendar?from=2027-01-01T00:00:00Z&to=2027-12-01T00:00:00Z`,
      ),
    ),
  ),
  // The instance's whole audit log is for its admin alone; a lead sees their cohort's.
  row('GET /api/admin/audit', [401, 403, 403, 403, 403, 403, 200], (c) =>
    status(c.get('/api/admin/audit?limit=5')),
  ),
  // Account routes act on the caller's own account only, whatever their role.
  row('GET /api/auth/get-session', [200, 200, 200, 200, 200, 200, 200], (c) =>
    status(c.get('/api/auth/get-session')),
  ),
  // Signing up or in is open to anyone, signed in or not; each answer's cookies are dropped so
  // the role stays who it is.
  row('POST /api/auth/sign-up/email (a new address)', [200, 200, 200, 200, 200, 200, 200], (c) =>
    detached(c, 'POST', '/api/auth/sign-up/email', newPerson('Late Joiner')),
  ),
  row(
    'POST /api/auth/sign-in/email (the right password)',
    [200, 200, 200, 200, 200, 200, 200],
    (c, x) =>
      detached(c, 'POST', '/api/auth/sign-in/email', {
        email: x.outsider.email,
        password: x.outsider.password,
      }),
  ),
  row(
    'POST /api/auth/sign-in/email (a wrong password)',
    [401, 401, 401, 401, 401, 401, 401],
    (c, x) =>
      detached(c, 'POST', '/api/auth/sign-in/email', {
        email: x.outsider.email,
        password: 'not the password at all',
      }),
  ),
  // Signing out ends the caller's session, so each role signs out a second session of its
  // own; signed out already, there is nothing to end and nothing to learn.
  row('POST /api/auth/sign-out', [200, 200, 200, 200, 200, 200, 200], async (c, x) => {
    const role = roleOf(c, x);
    if (!role) return status(c.post('/api/auth/sign-out'));
    const second = x.server.client();
    const signedIn = await second.signIn(
      x.fixture.people[role].email,
      x.fixture.people[role].password,
    );
    if (signedIn.status !== 200) return `sign-in ${signedIn.status}`;
    return status(second.post('/api/auth/sign-out'));
  }),
  row('POST /api/auth/revoke-other-sessions', [401, 200, 200, 200, 200, 200, 200], (c) =>
    status(c.post('/api/auth/revoke-other-sessions')),
  ),
  // The rest of better-auth's surface is behind the same catch-all, and answers nobody.
  row(
    'ALL /api/auth/{*rest} (endpoints Colab does not expose)',
    [404, 404, 404, 404, 404, 404, 404],
    async (c) => {
      const answers = new Set([
        await status(c.post('/api/auth/update-user', { name: 'Someone else' })),
        await status(c.post('/api/auth/request-password-reset', { email: 'a@example.org' })),
        await status(c.get('/api/auth/list-accounts')),
        await status(c.post('/api/auth/delete-user', {})),
      ]);
      return answers.size === 1 ? [...answers][0]! : [...answers].join('/');
    },
  ),
  row('GET /api/auth/list-sessions', [401, 200, 200, 200, 200, 200, 200], (c) =>
    status(c.get('/api/auth/list-sessions')),
  ),
  row('POST /api/auth/change-password (wrong current)', [401, 400, 400, 400, 400, 400, 400], (c) =>
    status(
      c.post('/api/auth/change-password', {
        currentPassword: 'not the password at all',
        newPassword: 'a brand new passphrase',
      }),
    ),
  ),
  row('GET /api/me/calendar-feed', [401, 200, 200, 200, 200, 200, 200], (c) =>
    status(c.get('/api/me/calendar-feed')),
  ),
  row('POST /api/me/calendar-feed/rotate', [401, 200, 200, 200, 200, 200, 200], (c) =>
    status(c.post('/api/me/calendar-feed/rotate')),
  ),
  // The feed is found by its secret alone; a token nobody holds finds nothing, for anyone.
  row('GET /api/calendar/:token.ics (unknown token)', [404, 404, 404, 404, 404, 404, 404], (c) =>
    status(c.get('/api/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics')),
  ),
  row('GET /api/calendar/:token.ics (a live feed)', [200, 200, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/calendar/${x.outsider.feedToken}.ics`)),
  ),
  socketRow(
    'socket: set:join',
    ['unauthenticated', 'not_found', 'ok', 'not_found', 'ok', 'forbidden', 'forbidden'],
    (socket, x) => socket.timeout(3_000).emitWithAck('set:join', { setId: x.setId }),
  ),
  // Project groups: the cohort sees them (sponsors only their own); the group writes.
  row('POST /api/cohorts/:id/groups', [401, 404, 403, 403, 201, 201, 201], (c, x) =>
    status(c.post(`/api/cohorts/${x.fixture.cohortId}/groups`, { name: `Group ${++unique}` })),
  ),
  row('GET /api/cohorts/:id/groups', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/groups`)),
  ),
  row('GET /api/groups/:id', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/groups/${x.groupId}`)),
  ),
  row('PATCH /api/groups/:id', [401, 404, 200, 403, 200, 200, 200], (c, x) =>
    status(
      c.request('PATCH', `/api/groups/${x.groupId}`, { json: { challenge: 'Recruiting GPs' } }),
    ),
  ),
  row('POST /api/groups/:id/members', [401, 404, 403, 403, 200, 200, 200], (c, x) =>
    status(
      c.post(`/api/groups/${x.groupId}/members`, {
        userIds: [x.fixture.userIds.participant],
        role: 'member',
      }),
    ),
  ),
  row(
    'DELETE /api/groups/:id/members/:userId (someone not in it)',
    [401, 404, 403, 403, 404, 404, 404],
    (c, x) =>
      status(c.request('DELETE', `/api/groups/${x.groupId}/members/${x.fixture.userIds.lead}`)),
  ),
  row('POST /api/groups/:id/evidence', [401, 404, 201, 403, 403, 403, 403], (c, x) =>
    status(c.post(`/api/groups/${x.groupId}/evidence`, { kind: 'observation', title: 'Seen' })),
  ),
  // Mentioning on a group's page is writing to it; only readers of the page hear of it.
  row('POST /api/groups/:id/mentions', [401, 404, 200, 403, 403, 403, 403], (c, x) =>
    status(c.post(`/api/groups/${x.groupId}/mentions`, { userIds: [x.fixture.userIds.sponsor] })),
  ),
  row('GET /api/groups/:id/evidence', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/groups/${x.groupId}/evidence`)),
  ),
  row('PATCH /api/evidence/:id', [401, 404, 200, 403, 403, 403, 403], (c, x) =>
    status(c.request('PATCH', `/api/evidence/${x.evidenceId}`, { json: { source: 'Visit' } })),
  ),
  row('DELETE /api/evidence/:id', [401, 404, 204, 403, 403, 403, 403], async (c, x) => {
    const id = await participantMade(x, `/api/groups/${x.groupId}/evidence`, {
      kind: 'observation',
      title: 'Seen once',
    });
    return status(c.request('DELETE', `/api/evidence/${id}`));
  }),
  row('POST /api/groups/:id/milestones', [401, 404, 201, 403, 403, 403, 403], (c, x) =>
    status(c.post(`/api/groups/${x.groupId}/milestones`, { title: 'Report', dueOn: '2027-06-30' })),
  ),
  row('GET /api/groups/:id/milestones', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/groups/${x.groupId}/milestones`)),
  ),
  row('PATCH /api/milestones/:id', [401, 404, 200, 403, 403, 403, 403], (c, x) =>
    status(c.request('PATCH', `/api/milestones/${x.milestoneId}`, { json: { done: true } })),
  ),
  row('POST /api/groups/:id/outputs', [401, 404, 201, 403, 403, 403, 403], (c, x) =>
    status(c.post(`/api/groups/${x.groupId}/outputs`, { title: 'Our output' })),
  ),
  row('GET /api/groups/:id/outputs', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/groups/${x.groupId}/outputs`)),
  ),
  row('GET /api/outputs/:id (published)', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/outputs/${x.outputs.published}`)),
  ),
  row('PATCH /api/outputs/:id (a draft)', [401, 404, 200, 403, 403, 403, 403], (c, x) =>
    status(c.request('PATCH', `/api/outputs/${x.outputs.draft}`, { json: { theme: 'Workforce' } })),
  ),
  row('POST /api/outputs/:id/submit (a draft)', [401, 404, 200, 403, 403, 403, 403], (c, x) =>
    status(c.post(`/api/outputs/${x.outputs.draft}/submit`)),
  ),
  // The first who may wins; the rest find it no longer submitted.
  row('POST /api/outputs/:id/publish', [401, 404, 403, 403, 200, 409, 409], (c, x) =>
    status(c.post(`/api/outputs/${x.outputs.toPublish}/publish`)),
  ),
  row('POST /api/outputs/:id/return', [401, 404, 403, 403, 200, 409, 409], (c, x) =>
    status(c.post(`/api/outputs/${x.outputs.toReturn}/return`, { comment: 'More evidence' })),
  ),
  row('PUT /api/outputs/:id/media/:kind (a draft)', [401, 404, 200, 403, 403, 403, 403], (c, x) =>
    status(
      sendForm(
        c,
        `/api/outputs/${x.outputs.mediaDraft}/media/cover`,
        {},
        {
          name: 'cover.png',
          type: 'image/png',
          bytes: PNG,
        },
        'PUT',
      ),
    ),
  ),
  row('GET /api/outputs/:id/media/:kind (a draft)', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/outputs/${x.outputs.mediaDraft}/media/cover`)),
  ),
  row('GET /api/outputs/:id/media/:kind (published)', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/outputs/${x.outputs.published}/media/cover`)),
  ),
  row(
    'DELETE /api/outputs/:id/media/:kind (a draft, nothing there)',
    [401, 404, 404, 403, 403, 403, 403],
    (c, x) => status(c.request('DELETE', `/api/outputs/${x.outputs.mediaDraft}/media/report`)),
  ),
  row(
    'GET /api/public/outputs/:token/media/:kind (unknown token)',
    [404, 404, 404, 404, 404, 404, 404],
    (c) => status(c.get('/api/public/outputs/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/media/cover')),
  ),
  row('PUT /api/cohorts/:id/showcase/order', [401, 404, 403, 403, 200, 200, 200], async (c, x) => {
    const current = await x.fixture.clients.facilitator.get(
      `/api/cohorts/${x.fixture.cohortId}/showcase`,
    );
    const outputIds = current.body.outputs.map((o: { id: string }) => o.id).reverse();
    return status(
      c.request('PUT', `/api/cohorts/${x.fixture.cohortId}/showcase/order`, {
        json: { outputIds },
      }),
    );
  }),
  row('GET /api/cohorts/:id/showcase', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/showcase`)),
  ),
  row('POST /api/outputs/:id/feedback', [401, 404, 403, 201, 201, 201, 201], (c, x) =>
    status(c.post(`/api/outputs/${x.outputs.published}/feedback`, { body: 'Inspiring' })),
  ),
  row('POST /api/feedback/:id/answer', [401, 404, 200, 403, 403, 403, 403], (c, x) =>
    status(c.post(`/api/feedback/${x.outputs.feedbackId}/answer`, { body: 'Thank you' })),
  ),
  row('PUT /api/outputs/:id/public-link', [401, 404, 200, 403, 200, 200, 200], (c, x) =>
    status(c.request('PUT', `/api/outputs/${x.outputs.published}/public-link`)),
  ),
  row('DELETE /api/outputs/:id/public-link', [401, 404, 204, 403, 204, 204, 204], (c, x) =>
    status(c.request('DELETE', `/api/outputs/${x.outputs.published}/public-link`)),
  ),
  // A live link is for anyone it is given to, signed in or not, whatever their role.
  row('GET /api/public/outputs/:token (a live link)', [200, 200, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/public/outputs/${x.publicToken}`)),
  ),
  row(
    'GET /api/public/outputs/:token/media/:kind (a live link)',
    [200, 200, 200, 200, 200, 200, 200],
    (c, x) => status(c.get(`/api/public/outputs/${x.publicToken}/media/cover`)),
  ),
  row('GET /api/public/outputs/:token (unknown token)', [404, 404, 404, 404, 404, 404, 404], (c) =>
    status(c.get('/api/public/outputs/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')),
  ),
  row('POST /api/groups/:id/resources (a link)', [401, 404, 201, 403, 403, 403, 403], (c, x) =>
    status(
      c.post(`/api/groups/${x.groupId}/resources`, { title: 'Data', url: 'https://example.org' }),
    ),
  ),
  row('GET /api/groups/:id/resources', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/groups/${x.groupId}/resources`)),
  ),
  row('GET /api/resources/:id/download', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/resources/${x.fileResourceId}/download`)),
  ),
  row('DELETE /api/resources/:id', [401, 404, 204, 403, 403, 403, 403], async (c, x) => {
    const id = await participantMade(x, `/api/groups/${x.groupId}/resources`, {
      title: 'Old link',
      url: 'https://example.org/old',
    });
    return status(c.request('DELETE', `/api/resources/${id}`));
  }),
  row('GET /api/search', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/search?cohortId=${x.fixture.cohortId}&q=listening`)),
  ),
  row('collab: open group-page:<id>', [401, 403, 101, 101, 101, 101, 101], (c, x) =>
    collabUpgradeStatus(x.server, c, `group-page:${x.groupId}`),
  ),
  row(
    'collab write: group-page:<id>',
    [401, 403, 'writes', 'read-only', 'read-only', 'read-only', 'read-only'],
    (c, x) => collabWrite(x, c, `group-page:${x.groupId}`),
  ),
  // The group's boards: its members write, its sponsors and those who run the cohort read.
  row(
    'POST /api/boards/:id/anonymous-cards (a project group’s board)',
    [401, 404, 201, 403, 403, 403, 403],
    (c, x) =>
      status(
        c.post(`/api/boards/${x.groupBoardId}/anonymous-cards`, {
          columnId: x.groupColumnId,
          text: 'A thought',
        }),
      ),
  ),
  row(
    'POST /api/boards/:id/mentions (a project group’s board)',
    [401, 404, 200, 403, 403, 403, 403],
    (c, x) =>
      status(
        c.post(`/api/boards/${x.groupBoardId}/mentions`, {
          cardId: 'card-1',
          userIds: [x.fixture.userIds.sponsor],
        }),
      ),
  ),
  row(
    'collab: open board:<id> (a project group’s board)',
    [401, 403, 101, 101, 101, 101, 101],
    (c, x) => collabUpgradeStatus(x.server, c, x.groupBoardDocName),
  ),
  row(
    'collab write: board:<id> (a project group’s board)',
    [401, 403, 'writes', 'read-only', 'read-only', 'read-only', 'read-only'],
    (c, x) => collabWrite(x, c, x.groupBoardDocName),
  ),
  row('POST /api/boards (a project group’s)', [401, 404, 201, 403, 201, 201, 201], (c, x) =>
    status(
      c.post('/api/boards', {
        scope: { groupId: x.groupId },
        title: 'Evidence wall',
        template: 'free_columns',
      }),
    ),
  ),
  row('POST /api/journal', [401, 201, 201, 201, 201, 201, 201], (c) =>
    status(c.post('/api/journal', { title: 'Mine' })),
  ),
  row('GET /api/journal', [401, 200, 200, 200, 200, 200, 200], (c) =>
    status(c.get('/api/journal')),
  ),
  // A participant's journal entry: theirs alone, whatever anyone else's role.
  row('GET /api/journal/:id', [401, 404, 200, 404, 404, 404, 404], (c, x) =>
    status(c.get(`/api/journal/${x.entryId}`)),
  ),
  row('PATCH /api/journal/:id', [401, 404, 200, 404, 404, 404, 404], (c, x) =>
    status(c.request('PATCH', `/api/journal/${x.entryId}`, { json: { title: 'Renamed' } })),
  ),
  row('collab: open journal:<id>', [401, 403, 101, 403, 403, 403, 403], (c, x) =>
    collabUpgradeStatus(x.server, c, `journal:${x.entryId}`),
  ),
  row('collab write: journal:<id>', [401, 403, 'writes', 403, 403, 403, 403], (c, x) =>
    collabWrite(x, c, `journal:${x.entryId}`),
  ),
  row('DELETE /api/journal/:id', [401, 404, 204, 404, 404, 404, 404], async (c, x) => {
    const id = await participantMade(x, '/api/journal', { title: 'Soon gone' });
    return status(c.request('DELETE', `/api/journal/${id}`));
  }),
  row('POST /api/cohorts/:id/prompts', [401, 404, 403, 403, 201, 201, 201], (c, x) =>
    status(c.post(`/api/cohorts/${x.fixture.cohortId}/prompts`, { text: `Prompt ${++unique}` })),
  ),
  row('GET /api/cohorts/:id/activity', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/activity`)),
  ),
  row('GET /api/cohorts/:id/prompts', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/prompts`)),
  ),
  row('GET /api/cohorts/:id/shared-reflections', [401, 404, 200, 200, 200, 200, 200], (c, x) =>
    status(c.get(`/api/cohorts/${x.fixture.cohortId}/shared-reflections`)),
  ),
  // Sharing someone else's entry: only its author may, everyone else learns nothing of it.
  row('POST /api/journal/:id/shares', [401, 404, 201, 404, 404, 404, 404], (c, x) =>
    status(c.post(`/api/journal/${x.entryId}/shares`, { cohortId: x.fixture.cohortId })),
  ),
  // Each try first shares the entry again, so there is a share to withdraw.
  row(
    'DELETE /api/journal/:id/shares/:cohortId',
    [401, 404, 204, 404, 404, 404, 404],
    async (c, x) => {
      const shared = await x.fixture.clients.participant.post(`/api/journal/${x.entryId}/shares`, {
        cohortId: x.fixture.cohortId,
      });
      if (shared.status !== 201) return `share ${shared.status}`;
      return status(c.request('DELETE', `/api/journal/${x.entryId}/shares/${x.fixture.cohortId}`));
    },
  ),
  row('GET /api/notifications', [401, 200, 200, 200, 200, 200, 200], (c) =>
    status(c.get('/api/notifications')),
  ),
  row('POST /api/notifications/read', [401, 200, 200, 200, 200, 200, 200], (c) =>
    status(c.post('/api/notifications/read', {})),
  ),
  row('GET /api/me/notification-preferences', [401, 200, 200, 200, 200, 200, 200], (c) =>
    status(c.get('/api/me/notification-preferences')),
  ),
  row('PUT /api/me/notification-preferences', [401, 200, 200, 200, 200, 200, 200], (c) =>
    status(
      c.request('PUT', '/api/me/notification-preferences', {
        json: { preferences: [{ category: 'polls', email: 'digest' }], digestHour: 8 },
      }),
    ),
  ),
  row('socket: connect', ['unauthenticated', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'], async (c, x) => {
    const { socket, connected, error } = await openSocket(x.server, c);
    socket.disconnect();
    return connected ? 'ok' : (error ?? 'refused');
  }),
  socketRow(
    'socket: cohort:join',
    ['unauthenticated', 'not_found', 'ok', 'ok', 'ok', 'ok', 'ok'],
    (socket, x) =>
      socket.timeout(3_000).emitWithAck('cohort:join', { cohortId: x.fixture.cohortId }),
  ),
  // Presence is for those in the cohort's room; joining it is checked, so ask to join first.
  socketRow(
    'socket: presence:list',
    ['unauthenticated', 'not_found', 'ok', 'ok', 'ok', 'ok', 'ok'],
    async (socket, x) => {
      await socket.timeout(3_000).emitWithAck('cohort:join', { cohortId: x.fixture.cohortId });
      return socket.timeout(3_000).emitWithAck('presence:list', { cohortId: x.fixture.cohortId });
    },
  ),
  socketRow(
    'socket: presence:set',
    ['unauthenticated', 'not_found', 'ok', 'ok', 'ok', 'ok', 'ok'],
    async (socket, x) => {
      await socket.timeout(3_000).emitWithAck('cohort:join', { cohortId: x.fixture.cohortId });
      return socket
        .timeout(3_000)
        .emitWithAck('presence:set', { cohortId: x.fixture.cohortId, page: 'home', idle: false });
    },
  ),
  socketRow('socket: ping', ['unauthenticated', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'], (socket) =>
    socket.timeout(3_000).emitWithAck('ping'),
  ),
  // Leaving a room needs no right: it only stops what the socket hears, whether or not it was in.
  socketRow(
    'socket: cohort:leave',
    ['unauthenticated', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
    (socket, x) =>
      socket.timeout(3_000).emitWithAck('cohort:leave', { cohortId: x.fixture.cohortId }),
  ),
  socketRow(
    'socket: set:leave',
    ['unauthenticated', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
    (socket, x) => socket.timeout(3_000).emitWithAck('set:leave', { setId: x.setId }),
  ),
  socketRow(
    'socket: group:leave',
    ['unauthenticated', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
    (socket, x) => socket.timeout(3_000).emitWithAck('group:leave', { groupId: x.groupId }),
  ),
  socketRow(
    'socket: presence:set with a malformed payload',
    [
      'unauthenticated',
      'bad_payload',
      'bad_payload',
      'bad_payload',
      'bad_payload',
      'bad_payload',
      'bad_payload',
    ],
    (socket, x) =>
      socket
        .timeout(3_000)
        .emitWithAck('presence:set', { cohortId: x.fixture.cohortId, page: 'moon' } as never),
  ),
  socketRow(
    'socket: group:join',
    ['unauthenticated', 'not_found', 'ok', 'ok', 'ok', 'ok', 'ok'],
    (socket, x) => socket.timeout(3_000).emitWithAck('group:join', { groupId: x.groupId }),
  ),
  socketRow(
    'socket: group:join with a malformed payload',
    [
      'unauthenticated',
      'bad_payload',
      'bad_payload',
      'bad_payload',
      'bad_payload',
      'bad_payload',
      'bad_payload',
    ],
    (socket) => socket.timeout(3_000).emitWithAck('group:join', { group: 42 } as never),
  ),
  socketRow(
    'socket: cohort:join with a malformed payload',
    [
      'unauthenticated',
      'bad_payload',
      'bad_payload',
      'bad_payload',
      'bad_payload',
      'bad_payload',
      'bad_payload',
    ],
    (socket) =>
      socket
        .timeout(3_000)
        .emitWithAck('cohort:join', { cohortId: 'not-a-uuid', extra: { __proto__: 1 } } as never),
  ),
];

const REQUEST_ROW = /^(GET|POST|PUT|PATCH|DELETE|ALL) (\/\S*)/;
const requestRows = ROWS.flatMap((r) => {
  const m = REQUEST_ROW.exec(r.name);
  return m ? [{ method: m[1]!, path: m[2]! }] : [];
});
/** A row stands for a route when their fixed segments agree and their parameters line up. */
const samePath = (rowPath: string, routePath: string) => {
  const row = rowPath.split('/');
  const route = routePath.split('/');
  return (
    row.length === route.length &&
    route.every((part, i) => (part.startsWith(':') ? row[i]!.startsWith(':') : part === row[i]))
  );
};
type Endpoint = { method: string; path: string };
const covers = (row: Endpoint, route: Endpoint) =>
  row.method === route.method && samePath(row.path, route.path);
/** better-auth's endpoints sit behind one catch-all, so those Colab exposes are listed too. */
const AUTH_PREFIX = '/api/auth';
const authEndpoints: Endpoint[] = [...EXPOSED].map((endpoint) => {
  const [method, path] = endpoint.split(' ');
  return { method: method!, path: `${AUTH_PREFIX}${path}` };
});
/** Listeners socket.io itself uses on a server-side socket; no client can send these. */
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

describe('the access matrix’s rows', () => {
  it('open and write every kind of shared document the collab endpoint serves', () => {
    // Read from the code that tells the kinds apart, so a new kind cannot go without rows.
    const source = readFileSync(new URL('./collab/document-access.ts', import.meta.url), 'utf8');
    const kinds = [...source.matchAll(/kind === '([^']+)'/g)].map((m) => m[1]!);
    expect(kinds).toEqual(expect.arrayContaining(['board', 'group-page', 'journal']));
    // Who may open a board depends on its scope: the cohort's, a set's or a project group's.
    const documents = kinds.flatMap((kind) =>
      kind === 'board'
        ? ['board:<id>', 'board:<id> (a set’s board)', 'board:<id> (a project group’s board)']
        : [`${kind}:<id>`],
    );
    const missing = documents
      .flatMap((d) => [`collab: open ${d}`, `collab write: ${d}`])
      .filter((name) => !ROWS.some((r) => r.name === name));
    expect(missing).toEqual([]);
  });
});

describe.each(testDatabaseKinds())('the access matrix on %s', (database) => {
  let ctx: Ctx;
  beforeAll(async () => {
    const server = await startTestServer({
      database,
      env: { API_RATE_LIMIT_PER_MINUTE: '100000', SIGN_IN_RATE_LIMIT_PER_MINUTE: '100000' },
    });
    const fixture = await buildCohortFixture(server);
    const invited = await fixture.clients.lead.post(
      `/api/cohorts/${fixture.cohortId}/invitations`,
      {
        invites: [
          { email: 'pending.person@example.org', role: 'participant' },
          { email: 'someone.else@example.org', role: 'participant' },
        ],
      },
    );
    const [pending, foreign] = invited.body.results;
    const board = await fixture.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fixture.cohortId },
      title: 'Word wall',
      template: 'word_wall',
    });
    const hidden = await fixture.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fixture.cohortId },
      title: 'Hidden until revealed',
      template: 'word_wall',
      settings: { hiddenUntilRevealed: true },
    });
    const entry = await fixture.clients.participant.post('/api/journal', { title: 'Private' });
    const columnId = await server.collab.read(board.body.docName, (doc) => readBoard(doc)[0]!.id);
    const set = await fixture.clients.facilitator.post(`/api/cohorts/${fixture.cohortId}/sets`, {
      name: 'Set 1',
      memberIds: [fixture.userIds.participant],
    });
    const setBoard = await fixture.clients.facilitator.post('/api/boards', {
      scope: { setId: set.body.id },
      title: 'The set’s board',
      template: 'free_columns',
    });
    // Its meetings are ahead of us, so their check-in is open (it closes when one ends).
    const meeting = await fixture.clients.facilitator.post(`/api/sets/${set.body.id}/meetings`, {
      startsAt: `${MEETINGS_YEAR}-03-09T14:00`,
      durationMinutes: 120,
      timezone: 'Europe/London',
      rrule: 'FREQ=WEEKLY;INTERVAL=4',
    });
    const occurrence = `${MEETINGS_YEAR}-03-09T14:00:00.000Z`;
    const rota = await fixture.clients.facilitator.request(
      'PUT',
      `/api/meetings/${meeting.body.id}/rota`,
      { json: { occurrence, presenterIds: [fixture.userIds.participant] } },
    );
    const action = await fixture.clients.participant.post(
      `/api/meetings/${meeting.body.id}/actions`,
      { occurrence, ownerId: fixture.userIds.participant, text: 'Ask for 30 minutes' },
    );
    const newPoll = () =>
      fixture.clients.facilitator.post(`/api/sets/${set.body.id}/polls`, {
        timezone: 'Europe/London',
        durationMinutes: 60,
        slots: ['2027-04-01T10:00', '2027-04-02T10:00'],
      });
    const poll = await newPoll();
    const confirmPoll = await newPoll();
    const event = await fixture.clients.lead.post(`/api/cohorts/${fixture.cohortId}/events`, {
      title: 'Celebration event',
      kind: 'celebration',
      startsAt: '2027-07-01T13:00',
      durationMinutes: 240,
      timezone: 'Europe/London',
    });
    const group = await fixture.clients.facilitator.post(
      `/api/cohorts/${fixture.cohortId}/groups`,
      {
        name: 'The Visionaries',
        memberIds: [fixture.userIds.participant],
        sponsorIds: [fixture.userIds.sponsor],
        chiefSponsorId: fixture.userIds.sponsor,
      },
    );
    const evidence = await fixture.clients.participant.post(
      `/api/groups/${group.body.id}/evidence`,
      { kind: 'interview', title: 'Practice manager' },
    );
    const milestone = await fixture.clients.participant.post(
      `/api/groups/${group.body.id}/milestones`,
      { title: 'Interviews done', dueOn: '2027-05-14' },
    );
    const output = async (submit: boolean) => {
      const made = await fixture.clients.participant.post(`/api/groups/${group.body.id}/outputs`, {
        title: 'Growing our own GPs',
      });
      await sendForm(
        fixture.clients.participant,
        `/api/outputs/${made.body.id}/media/cover`,
        {},
        {
          name: 'cover.png',
          type: 'image/png',
          bytes: PNG,
        },
        'PUT',
      );
      if (submit) await fixture.clients.participant.post(`/api/outputs/${made.body.id}/submit`);
      return made.body.id as string;
    };
    const published = await output(true);
    await fixture.clients.facilitator.post(`/api/outputs/${published}/publish`);
    const shown = await output(true);
    await fixture.clients.facilitator.post(`/api/outputs/${shown}/publish`);
    const link = await fixture.clients.participant.request(
      'PUT',
      `/api/outputs/${shown}/public-link`,
    );
    const groupBoard = await fixture.clients.participant.post('/api/boards', {
      scope: { groupId: group.body.id },
      title: 'The group’s wall',
      template: 'free_columns',
    });
    const outsider = newPerson('Outside Person');
    const outsiderClient = server.client();
    await outsiderClient.signUp(outsider);
    const feed = await outsiderClient.post('/api/me/calendar-feed/rotate');
    const feedback = await fixture.clients.sponsor.post(`/api/outputs/${published}/feedback`, {
      body: 'Could this work for nurses?',
    });
    const form = new FormData();
    form.append('title', 'Interview notes');
    form.append('file', new Blob(['practice,vacancies\n'], { type: 'text/csv' }), 'notes.csv');
    const uploaded = await fetch(new URL(`/api/groups/${group.body.id}/resources`, server.url), {
      method: 'POST',
      body: form,
      headers: { origin: server.url, cookie: fixture.clients.participant.cookieHeader },
    });
    ctx = {
      groupBoardId: groupBoard.body.id,
      groupBoardDocName: groupBoard.body.docName,
      groupColumnId: await server.collab.read(
        groupBoard.body.docName,
        (doc) => readBoard(doc)[0]!.id,
      ),
      publicToken: link.body.url.split('/showcase/')[1],
      outsider: {
        email: outsider.email,
        password: outsider.password,
        feedToken: feed.body.url.split('/api/calendar/')[1].replace(/\.ics$/, ''),
      },
      fileResourceId: ((await uploaded.json()) as { id: string }).id,
      outputs: {
        draft: await output(false),
        mediaDraft: await output(false),
        toPublish: await output(true),
        toReturn: await output(true),
        published,
        feedbackId: feedback.body.id,
      },
      evidenceId: evidence.body.id,
      milestoneId: milestone.body.id,
      groupId: group.body.id,
      meetingId: meeting.body.id,
      occurrence,
      presentationId: rota.body.presentations[0].id,
      actionId: action.body.id,
      pollId: poll.body.id,
      slotId: poll.body.slots[0].id,
      confirmPollId: confirmPoll.body.id,
      confirmSlotId: confirmPoll.body.slots[0].id,
      eventId: event.body.id,
      setId: set.body.id,
      setBoardId: setBoard.body.id,
      setBoardDocName: setBoard.body.docName,
      hiddenBoardId: hidden.body.id,
      hiddenColumnId: await server.collab.read(hidden.body.docName, (doc) => readBoard(doc)[0]!.id),
      boardDocName: board.body.docName,
      boardId: board.body.id,
      columnId,
      entryId: entry.body.id,
      server,
      fixture,
      pendingInvitationId: pending.invitation.id,
      foreignToken: foreign.invitation.link.split('/invitations/')[1],
    };
    // Dozens of people, cohorts, sets, groups and documents built through the API: a busy
    // shared machine has taken over a minute.
  }, 180_000);
  afterAll(() => ctx?.server.stop());

  // Runs first, so the rows that change things have not yet run. No state change on GET:
  // reading, opening a document or joining a room as anyone leaves every table as it was.
  it('changes nothing in the database on any GET route, socket event or document open', async () => {
    const reads = ROWS.filter((r) => /^(GET |socket: |collab: )/.test(r.name));
    expect(reads.length).toBeGreaterThan(50);
    const before = await databaseFingerprint(ctx.server);
    for (const r of reads) for (const role of ROLES) await r.run(ctx.fixture.clients[role], ctx);
    const after = await databaseFingerprint(ctx.server);
    // document_texts is the search index's copy of documents, refreshed as they leave memory;
    // audit_events records who downloaded their data (GET /api/me/export), a read worth a trace.
    const records = new Set(['document_texts', 'audit_events']);
    const changed = Object.keys(before).filter(
      (table) => !records.has(table) && before[table] !== after[table],
    );
    expect(changed).toEqual([]);
  }, 240_000);

  // Hundreds of requests in a row: the budget is for a loaded machine, not a speed check.
  it('allows and denies exactly as the table says, for every role', async () => {
    const unexpected: string[] = [];
    const seen: string[] = [];
    for (const r of ROWS) {
      const outcomes: string[] = [];
      for (const role of ROLES) {
        const outcome = await r.run(ctx.fixture.clients[role], ctx);
        outcomes.push(String(outcome));
        if (outcome !== r.expect[role])
          unexpected.push(`${r.name} as ${role}: expected ${r.expect[role]}, got ${outcome}`);
      }
      seen.push(`${r.name.padEnd(58)} ${outcomes.join(' ')}`);
    }
    if (unexpected.length) console.log(seen.join('\n'));
    expect(unexpected).toEqual([]);
  }, 240_000);

  it('has a row for every route the routers register and every auth endpoint exposed', () => {
    const routes: Endpoint[] = routeTable(ctx.server.app).map((r) => ({
      method: r.method === '_ALL' ? 'ALL' : r.method,
      path: r.path,
    }));
    // A walk that silently found nothing would let this pass with no rows at all.
    expect(routes.length).toBeGreaterThan(100);
    expect(routes).toContainEqual({ method: 'ALL', path: `${AUTH_PREFIX}/{*rest}` });
    const missing = [...routes, ...authEndpoints]
      .filter((route) => !requestRows.some((row) => covers(row, route)))
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('names no route that the server does not have', () => {
    const routes: Endpoint[] = routeTable(ctx.server.app).map((r) => ({
      method: r.method === '_ALL' ? 'ALL' : r.method,
      path: r.path,
    }));
    const stale = requestRows
      .filter((row) => ![...routes, ...authEndpoints].some((route) => covers(row, route)))
      .map((r) => `${r.method} ${r.path}`);
    expect(stale).toEqual([]);
  });

  it('has a row for every event the server handles on a socket', async () => {
    const { socket, connected } = await openSocket(ctx.server, ctx.fixture.clients.participant);
    try {
      expect(connected).toBe(true);
      // The handlers the server registered, not a list: an event handled is an event reachable.
      // socket.io itself adds a no-op 'error' listener to every socket; only the app's count.
      const onServer = ctx.server.io.of('/').sockets.get(socket.id!)!;
      const handled = onServer
        .eventNames()
        .map(String)
        .filter((event) => !RESERVED_EVENTS.has(event))
        .filter((event) =>
          onServer.listeners(event as never).some((listener) => listener.name !== 'noop'),
        );
      expect(handled).toContain('cohort:join');
      const missing = handled.filter((event) => !ROWS.some((r) => r.name === `socket: ${event}`));
      expect(missing).toEqual([]);
    } finally {
      socket.disconnect();
    }
  });
});
