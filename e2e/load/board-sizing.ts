/**
 * Board sizing: how a board behaves with the people the product is built for. 40 people with
 * live cursors is the everyday case (a whole cohort in one session); 500 connected is the
 * design limit. Runs the built server on 127.0.0.1 with its embedded database, real accounts
 * and the stock y-websocket client, for a bounded time, and prints what it saw:
 * cursor and card propagation (p50/p99, from the change to every other person's copy),
 * server CPU and memory. `pnpm --filter @colab/e2e-load sizing` (after `pnpm build`);
 * `SIZING_SECONDS` sets each scenario's length (default 15).
 */
import { cpus } from 'node:os';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type ColabProcess, Session, startColab } from './colab-process.ts';
import { percentile } from './statistics.ts';

const SECONDS = Number(process.env.SIZING_SECONDS ?? 15);
const ACCOUNTS = 40;
const now = () => performance.timeOrigin + performance.now();

interface Scenario {
  name: string;
  connections: number;
  /** People moving their pointer, 20 updates a second each (a browser's throttled rate). */
  cursors: number;
  /** People adding a card once a second each. */
  editors: number;
}
const SCENARIOS: Scenario[] = [
  { name: 'everyday: 40 people, all with live cursors', connections: 40, cursors: 40, editors: 10 },
  {
    name: 'design limit: 500 connected, 20 cursors, 10 writing',
    connections: 500,
    cursors: 20,
    editors: 10,
  },
];
/** Connections with a real Y.Doc that record what reaches them; the rest read raw frames. */
const RECORDERS = 8;

async function setUp(colab: ColabProcess) {
  const admin = new Session(colab.url);
  await admin.signUp('Load Admin', 'admin@load.test', 'a long enough secret');
  const cohort = await admin.call('POST', '/api/cohorts', {
    name: 'Sizing cohort',
    startsOn: '2027-01-01',
    endsOn: '2027-12-31',
    timezone: 'Europe/London',
  });
  const people = Array.from({ length: ACCOUNTS }, (_, i) => ({
    email: `person${i}@load.test`,
    name: `Person ${i}`,
    role: 'participant',
  }));
  const invited = await admin.call('POST', `/api/cohorts/${cohort.id}/invitations`, {
    invites: people,
  });
  const sessions: Session[] = [];
  for (const [i, result] of invited.results.entries()) {
    const session = new Session(colab.url);
    await session.signUp(people[i]!.name, people[i]!.email, 'a long enough secret');
    await session.call(
      'POST',
      `/api/invitations/${result.invitation.link.split('/').pop()}/accept`,
      {},
    );
    sessions.push(session);
  }
  return { admin, cohortId: cohort.id as string, sessions };
}

function connect(colab: ColabProcess, session: Session, docName: string) {
  const headers = { cookie: session.cookie, origin: colab.url };
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${colab.url.replace('http', 'ws')}/collab`,
    docName,
    doc,
    {
      WebSocketPolyfill: CookieWebSocket as never,
      disableBc: true,
    },
  );
  provider.awareness.setLocalState({});
  return { doc, provider };
}

/**
 * A connection that speaks the protocol without a Y.Doc of its own: it sends pre-encoded
 * awareness and card updates, and reads (and drops) what the server sends, so the load
 * generator stays lighter than the server it measures.
 */
function rawClient(colab: ColabProcess, session: Session, docName: string) {
  const ws = new WebSocket(`${colab.url.replace('http', 'ws')}/collab/${docName}`, {
    headers: { cookie: session.cookie, origin: colab.url },
  });
  const awareness = new Awareness(new Y.Doc());
  const doc = new Y.Doc();
  const frame = (type: number, write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, type);
    write(e);
    if (ws.readyState === WebSocket.OPEN) ws.send(encoding.toUint8Array(e));
  };
  doc.on('update', (update: Uint8Array) =>
    frame(0, (e) => {
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, update);
    }),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    opened,
    /** Whom the cards are written as: the server takes a card only in its writer's name. */
    userId: session.userId,
    moveCursor(x: number, y: number) {
      awareness.setLocalStateField('cursor', { x, y, t: now() });
      frame(1, (e) =>
        encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [awareness.clientID])),
      );
    },
    addCard(card: Record<string, unknown>) {
      const map = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(card)) map.set(k, v);
      doc.getMap('cards').set(String(card.id), map);
    },
    close() {
      ws.close();
      awareness.destroy();
      doc.destroy();
    },
  };
}

async function run(
  colab: ColabProcess,
  sessions: Session[],
  admin: Session,
  cohortId: string,
  s: Scenario,
) {
  const board = await admin.call('POST', '/api/boards', {
    scope: { cohortId },
    title: s.name,
    template: 'free_columns',
  });
  const session = (i: number) => sessions[i % sessions.length]!;
  const recorders = Array.from({ length: RECORDERS }, (_, i) =>
    connect(colab, session(i), board.docName),
  );
  const raws = Array.from({ length: s.connections - RECORDERS }, (_, i) =>
    rawClient(colab, session(i + RECORDERS), board.docName),
  );
  await Promise.all(raws.map((r) => r.opened));
  const deadline = Date.now() + 60_000;
  while (!recorders.every((c) => c.provider.synced)) {
    if (Date.now() > deadline) throw new Error(`${s.name}: the recorders did not sync in 60 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const columnId = (recorders[0]!.doc.getArray<Y.Map<unknown>>('columns').get(0)?.get('id') ??
    '') as string;

  const cursorLatency: number[] = [];
  const cardLatency: number[] = [];
  for (const { provider, doc } of recorders) {
    provider.awareness.on('change', ({ updated }: { updated: number[] }) => {
      const at = now();
      for (const id of updated) {
        const t = (provider.awareness.getStates().get(id)?.cursor as { t?: number } | undefined)?.t;
        if (typeof t === 'number') cursorLatency.push(at - t);
      }
    });
    doc.getMap<Y.Map<unknown>>('cards').observe((event) => {
      const at = now();
      for (const key of event.keysChanged) {
        const text = event.target.get(key)?.get('text');
        if (typeof text === 'string' && text.startsWith('t:'))
          cardLatency.push(at - Number(text.slice(2)));
      }
    });
  }

  const cpuBefore = colab.cpuSeconds();
  const loadBefore = process.cpuUsage();
  const started = Date.now();
  const timers: NodeJS.Timeout[] = [];
  const movers = [
    ...recorders.map(
      ({ provider }) =>
        (x: number, y: number) =>
          provider.awareness.setLocalStateField('cursor', { x, y, t: now() }),
    ),
    ...raws.map((raw) => (x: number, y: number) => raw.moveCursor(x, y)),
  ];
  movers.slice(0, s.cursors).forEach((move, i) => {
    timers.push(setInterval(() => move(i * 10, Date.now() % 800), 50));
  });
  let cardNo = 0;
  raws.slice(-s.editors).forEach((client) => {
    timers.push(
      setInterval(() => {
        const id = `card-${++cardNo}`;
        client.addCard({
          id,
          columnId,
          themeId: null,
          text: `t:${now()}`,
          colour: 'yellow',
          authorId: client.userId,
          createdAt: new Date().toISOString(),
          order: cardNo,
        });
      }, 1000),
    );
  });
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  for (const t of timers) clearInterval(t);
  await new Promise((r) => setTimeout(r, 1000));
  const elapsed = (Date.now() - started) / 1000;
  const load = process.cpuUsage(loadBefore);
  const result = {
    scenario: s.name,
    cursorP50: percentile(cursorLatency, 50),
    cursorP99: percentile(cursorLatency, 99),
    cardP50: percentile(cardLatency, 50),
    cardP99: percentile(cardLatency, 99),
    cursorSamples: cursorLatency.length,
    cardSamples: cardLatency.length,
    serverCpu: ((colab.cpuSeconds() - cpuBefore) / elapsed) * 100,
    serverRssMb: colab.rssMb(),
    loadCpu: ((load.user + load.system) / 1e6 / elapsed) * 100,
  };
  for (const { provider, doc } of recorders) {
    provider.destroy();
    doc.destroy();
  }
  for (const raw of raws) raw.close();
  return result;
}

// Several connections share each of the 40 accounts in the larger scenarios.
const colab = await startColab({
  COLLAB_MESSAGES_PER_SECOND: '1000',
  COLLAB_ACCOUNT_MESSAGES_PER_SECOND: '20000',
  COLLAB_ACCOUNT_MESSAGE_BURST: '40000',
});
try {
  const { admin, cohortId, sessions } = await setUp(colab);
  const results = [];
  for (const scenario of SCENARIOS)
    results.push(await run(colab, sessions, admin, cohortId, scenario));
  const ms = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(1));
  console.log(
    `\nBoard sizing — ${cpus().length} cores, ${cpus()[0]?.model ?? ''}, Node ${process.version}, ${SECONDS} s each\n`,
  );
  console.log(
    '| scenario | cursor p50 / p99 ms | card p50 / p99 ms | samples (cursor, card) | server CPU % | server RSS MB | load generator CPU % |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.scenario} | ${ms(r.cursorP50)} / ${ms(r.cursorP99)} | ${ms(r.cardP50)} / ${ms(r.cardP99)} | ${r.cursorSamples}, ${r.cardSamples} | ${r.serverCpu.toFixed(0)} | ${r.serverRssMb.toFixed(0)} | ${r.loadCpu.toFixed(0)} |`,
    );
  }
  const failed = results.filter((r) => r.cursorSamples === 0 || r.cardSamples === 0);
  if (failed.length)
    throw new Error(`no updates arrived in: ${failed.map((r) => r.scenario).join(', ')}`);
} finally {
  await colab.stop();
}
