import { randomUUID } from 'node:crypto';
import { testDatabaseKinds } from '@colab/db/testing';
import { CLIENT_TO_SERVER_EVENTS } from '@colab/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture, openSocket } from './testing/cohort-fixture.ts';
import { databaseFingerprint } from './testing/database-fingerprint.ts';
import { type RouteEntry, recordRoutes, routeTable } from './testing/route-table.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

/**
 * Every JSON route and every Socket.IO event, given malformed input (issue #9, "Bad input"):
 * wrong types, huge strings, deep nesting, prototype-pollution keys, broken JSON, the wrong
 * content type. Each must be answered with a 4xx problem (never a 5xx, never a hang), name the
 * field when it is a validation failure, leave the database as it was, and pollute nothing.
 * Routes are read from the routers themselves, so a route added later is fuzzed too.
 */
recordRoutes();

const POLLUTE = '"polluted":"yes"';
const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
/** Raw bodies: JSON.stringify would drop a `__proto__` key, so these are written as text. */
const BAD_BODIES: { name: string; body: string; type?: string }[] = [
  { name: 'an array', body: '[]' },
  { name: 'a number', body: '42' },
  { name: 'a string', body: '"text"' },
  { name: 'null', body: 'null' },
  { name: 'true', body: 'true' },
  { name: '__proto__ at the top', body: `{"__proto__":{${POLLUTE}}}` },
  { name: 'constructor.prototype', body: `{"constructor":{"prototype":{${POLLUTE}}}}` },
  {
    name: 'pollution inside fields',
    body: `{"name":{"__proto__":{${POLLUTE}}},"text":{"constructor":{"prototype":{${POLLUTE}}}},"invites":[{"__proto__":{${POLLUTE}}}]}`,
  },
  {
    name: 'wrong types in every usual field',
    body: JSON.stringify({
      name: 42,
      title: [],
      text: {},
      email: 7,
      role: 'owner',
      startsOn: 'soon',
      endsOn: false,
      memberIds: 'everyone',
      columnId: null,
      at: 'tomorrow',
      options: 3,
      confirm: 1,
    }),
  },
  {
    name: 'strings of 900 kB',
    body: JSON.stringify({
      name: 'x'.repeat(300_000),
      title: 'y'.repeat(300_000),
      text: 'z'.repeat(300_000),
    }),
  },
  { name: 'deep nesting', body: deep(5_000) },
  { name: 'deep arrays', body: `${'['.repeat(5_000)}${']'.repeat(5_000)}` },
  { name: 'just over the 1 MB limit', body: JSON.stringify({ text: 'x'.repeat(1024 * 1024) }) },
  { name: 'broken JSON', body: '{"name": "Trust", ' },
  { name: 'JSON sent as text/plain', body: '{"name":"Trust"}', type: 'text/plain' },
];
const BAD_QUERY = `?q[a]=1&q=2&q=3&limit=-1&limit=abc&cursor[x]=1&__proto__[polluted]=yes&constructor[prototype][polluted]=yes&from=${'9'.repeat(5_000)}`;

/** Path parameters: ids that exist nowhere, so no request can touch the fixture's data. */
function fill(path: string): string {
  return path
    .replace(/\{\*[^}]+\}/g, 'anything')
    .replace(/:kind\b/g, 'image')
    .replace(/:file\b/g, `${randomUUID()}.ics`)
    .replace(/:token\b/g, 'a'.repeat(43))
    .replace(/:[A-Za-z]+/g, () => randomUUID());
}

/** better-auth's own catch-all is fuzzed through its named endpoints, listed alongside it. */
const fuzzable = (r: RouteEntry) => r.method !== '_ALL';
/**
 * Routes that read no body and act on the signed-in person alone: a body is ignored, as HTTP
 * allows, so fuzzing one would only repeat its action (a new feed link each time).
 */
const TAKES_NO_BODY = new Set(['POST /api/me/calendar-feed/rotate']);

interface Finding {
  route: string;
  input: string;
  status: number;
  problem: string;
}

describe.each(testDatabaseKinds())('every route and socket event, given bad input (%s)', (kind) => {
  let server: TestServer;
  let fx: CohortFixture;
  let routes: RouteEntry[];

  beforeAll(async () => {
    server = await startTestServer({
      database: kind,
      env: {
        API_RATE_LIMIT_PER_MINUTE: '1000000',
        SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000000',
        SOCKET_EVENTS_PER_SECOND: '100000',
        SOCKET_ACCOUNT_EVENTS_PER_SECOND: '100000',
      },
    });
    fx = await buildCohortFixture(server);
    routes = routeTable(server.app).filter(fuzzable);
  }, 60_000);
  afterAll(() => server?.stop());

  it('finds the routes by walking the routers', () => {
    // A walk that silently found nothing would make the tests below pass vacuously.
    expect(routes.length).toBeGreaterThan(100);
    expect(routes).toContainEqual({ method: 'POST', path: '/api/cohorts' });
    expect(routes).toContainEqual({ method: 'PATCH', path: '/api/boards/:id' });
  });

  it('answers every malformed body on every route with a 4xx problem, writing nothing', async () => {
    const before = await databaseFingerprint(server);
    const findings: Finding[] = [];
    let sent = 0;
    const lead = fx.clients.lead;
    const bodied = routes.filter(
      (r) => r.method !== 'GET' && !TAKES_NO_BODY.has(`${r.method} ${r.path}`),
    );
    for (const route of bodied) {
      for (const bad of BAD_BODIES) {
        const path = fill(route.path);
        const response = await fetch(new URL(path, server.url), {
          method: route.method,
          headers: {
            origin: server.url,
            cookie: lead.cookieHeader,
            'content-type': bad.type ?? 'application/json',
          },
          body: bad.body,
          signal: AbortSignal.timeout(10_000),
        });
        sent += 1;
        const text = await response.text();
        const where = `${route.method} ${route.path}`;
        const report = (problem: string) =>
          findings.push({ route: where, input: bad.name, status: response.status, problem });
        if (response.status >= 500) report('server error');
        else if (response.status < 400) report('accepted');
        else if (!/problem\+json/.test(response.headers.get('content-type') ?? ''))
          report('not a problem+json answer');
        else {
          const body = JSON.parse(text) as { code?: string; fields?: { path: string }[] };
          if (!body.code) report('no error code');
          if (body.code === 'validation_failed' && !body.fields?.some((f) => f.path))
            report('a validation failure naming no field');
        }
        if (text.includes('polluted')) report('echoed a polluting key');
      }
    }
    expect(sent).toBeGreaterThan(1_000);
    expect(findings).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    // Nothing rejected left anything behind (the audit log included).
    expect(await databaseFingerprint(server)).toEqual(before);
    expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
  }, 240_000);

  it('answers odd query strings on every GET route without a server error', async () => {
    const findings: Finding[] = [];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const response = await fetch(new URL(fill(route.path) + BAD_QUERY, server.url), {
        headers: { origin: server.url, cookie: fx.clients.lead.cookieHeader },
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      if (response.status >= 500)
        findings.push({
          route: route.path,
          input: 'query',
          status: response.status,
          problem: 'server error',
        });
    }
    expect(findings).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);

  it('acknowledges every malformed socket event with an error code, and stays usable', async () => {
    const { socket, connected } = await openSocket(server, fx.clients.participant);
    const bystander = await openSocket(server, fx.clients.facilitator);
    expect(connected && bystander.connected).toBe(true);
    // From the shared event map, so an event added there is fuzzed here too.
    const events: string[] = CLIENT_TO_SERVER_EVENTS;
    expect(events).toContain('ping');
    const nested: Record<string, unknown> = {};
    let cursor = nested;
    for (let i = 0; i < 2_000; i++) {
      const next: Record<string, unknown> = {};
      cursor.a = next;
      cursor = next;
    }
    const payloads: [string, unknown][] = [
      ['nothing', undefined],
      ['null', null],
      ['a number', 42],
      ['a string', 'cohort'],
      ['an array', [fx.cohortId]],
      ['wrong id types', { cohortId: 42, setId: [], groupId: {}, page: 7 }],
      ['ids that are not ids', { cohortId: 'x', setId: '../etc', groupId: '%00' }],
      ['a 100 kB id', { cohortId: 'x'.repeat(100_000) }],
      ['deep nesting', { cohortId: fx.cohortId, page: nested }],
      ['pollution', JSON.parse(`{"__proto__":{${POLLUTE}},"cohortId":"${fx.cohortId}"}`)],
      ['constructor.prototype', { constructor: { prototype: { polluted: 'yes' } } }],
      ['binary', Buffer.from([0, 1, 2, 3])],
    ];
    const answers: { event: string; input: string; code: string }[] = [];
    const emit = (s: Socket, event: string, payload: unknown) =>
      s.timeout(5_000).emitWithAck(event, payload) as Promise<{ error?: { code: string } }>;
    for (const event of events) {
      for (const [input, payload] of payloads) {
        const ack = await emit(socket, event, payload);
        answers.push({ event, input, code: ack.error?.code ?? 'ok' });
      }
      // Without an acknowledgement to answer, and with one that is not a function.
      socket.emit(event, { cohortId: 42 });
      socket.emit(event, { cohortId: 42 }, 'not a function');
    }
    socket.emit('no:such-event', { cohortId: fx.cohortId });
    // Leaving a room one is not in is harmless, `ping` takes nothing and ignores what it is
    // sent, and a valid id with extra keys beside it is valid (the extra keys are dropped):
    // those may say ok; nothing else may.
    const harmless = new Set(['cohort:leave', 'set:leave', 'group:leave', 'ping']);
    const validWithExtras = new Set(['deep nesting', 'pollution']);
    const wrong = answers.filter(
      (a) =>
        a.code === 'server_error' ||
        (a.code === 'ok' && !harmless.has(a.event) && !validWithExtras.has(a.input)),
    );
    expect(wrong).toEqual([]);
    expect(answers.filter((a) => a.event === 'ping' && a.code !== 'ok')).toEqual([]);
    expect(answers.filter((a) => a.code === 'bad_payload').length).toBeGreaterThan(
      (events.length - 1) * 6,
    );
    // Both sockets are still there and answer.
    const pong = (await socket.timeout(5_000).emitWithAck('ping')) as { data?: { at: string } };
    expect(pong.data?.at).toBeTruthy();
    expect(bystander.socket.connected).toBe(true);
    const joined = (await emit(bystander.socket, 'cohort:join', { cohortId: fx.cohortId })) as {
      data?: unknown;
    };
    expect(joined.data).toBeTruthy();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    socket.disconnect();
    bystander.socket.disconnect();
  }, 120_000);
});
