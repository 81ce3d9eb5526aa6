/**
 * Board fan-out, side by side: the same clients against Colab's collab endpoint (persistence
 * on), the reference y-websocket@2 server (in memory) and a plain relay (the floor), servers
 * alternating within each run (A B C, then C B A). 10 editors add entries at 10 edits/s; a few
 * receivers hold a real Y.Doc (the stock WebsocketProvider) and time each edit until every one
 * of them has it; the other connections only read frames, so the load generator stays lighter
 * than the servers. Writes e2e/load/RESULTS.md and results.json.
 *
 * `pnpm bench` (after `pnpm build`): full run; `pnpm bench:quick`: a quick one (under 2 min).
 * Only 127.0.0.1; every server it starts is stopped by pid at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Session, startColab } from './colab-process.ts';

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const SIZES = QUICK ? [50, 200] : [50, 200, 500, 1000];
const RUNS = QUICK ? 2 : 4;
const EDIT_SECONDS = QUICK ? 4 : 8;
const EDITORS = 10;
const EDITS_PER_SECOND = 10;
const RECEIVERS = 8;
const here = fileURLToPath(new URL('.', import.meta.url));
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Name = 'relay' | 'y-websocket' | 'colab';
interface Target {
  name: Name;
  pid: number;
  wsBase: string;
  headers: Record<string, string>;
  newDoc(): Promise<string>;
  stop(): Promise<void>;
}

function procStats(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    cpuSeconds: (Number(stat[11]) + Number(stat[12])) / 100,
    rssMb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024,
  };
}

/** Spawns a server and waits for the line that carries its port. */
async function spawnServer(
  args: string[],
  env: Record<string, string>,
  portOf: (line: string) => number | undefined,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, {
    cwd: here,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const port = portOf(line);
      if (port) {
        clearTimeout(timer);
        resolve(port);
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return { child, port };
}

const stopChild = async (child: ChildProcess) => {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
};

async function startRelay(): Promise<Target> {
  const { child, port } = await spawnServer(['--import', 'tsx', 'relay-server.ts'], {}, (line) =>
    line.startsWith('listening ') ? Number(line.split(' ')[1]) : undefined,
  );
  let n = 0;
  return {
    name: 'relay',
    pid: child.pid!,
    wsBase: `ws://127.0.0.1:${port}`,
    headers: {},
    newDoc: async () => `room-${++n}`,
    stop: () => stopChild(child),
  };
}

async function startReference(): Promise<Target> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const { child } = await spawnServer(
    [fileURLToPath(new URL('node_modules/y-websocket-server/bin/server.cjs', import.meta.url))],
    { HOST: '127.0.0.1', PORT: String(port) },
    (line) => (line.includes('running at') ? port : undefined),
  );
  let n = 0;
  return {
    name: 'y-websocket',
    pid: child.pid!,
    wsBase: `ws://127.0.0.1:${port}`,
    headers: {},
    newDoc: async () => `doc-${++n}`,
    stop: () => stopChild(child),
  };
}

async function startColabTarget(): Promise<Target> {
  const colab = await startColab({
    COLLAB_MESSAGES_PER_SECOND: '100000',
    COLLAB_MESSAGE_BURST: '100000',
  });
  const admin = new Session(colab.url);
  await admin.call('POST', '/api/auth/sign-up/email', {
    name: 'Bench Admin',
    email: 'admin@bench.test',
    password: 'a long enough secret',
  });
  const cohort = await admin.call('POST', '/api/cohorts', {
    name: 'Bench cohort',
    startsOn: '2027-01-01',
    endsOn: '2027-12-31',
    timezone: 'Europe/London',
  });
  let n = 0;
  return {
    name: 'colab',
    pid: colab.child.pid!,
    wsBase: `${colab.url.replace('http', 'ws')}/collab`,
    headers: { cookie: admin.cookie, origin: colab.url },
    newDoc: async () =>
      (
        await admin.call('POST', '/api/boards', {
          scope: { cohortId: cohort.id },
          title: `Bench ${++n}`,
          template: 'free_columns',
        })
      ).docName,
    stop: () => colab.stop(),
  };
}

function receiver(target: Target, docName: string) {
  const headers = target.headers;
  class HeaderWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(target.wsBase, docName, doc, {
    WebSocketPolyfill: HeaderWebSocket as never,
    disableBc: true,
  });
  return { doc, provider };
}

/** A connection that only reads what the server sends (most of the room). */
function reader(target: Target, docName: string) {
  const ws = new WebSocket(`${target.wsBase}/${docName}`, { headers: target.headers });
  ws.on('message', () => {});
  ws.on('error', () => {});
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, opened };
}

/** An editor: its own Y.Doc, each change sent as a y-websocket update frame. */
function editor(target: Target, docName: string, index: number) {
  const { ws, opened } = reader(target, docName);
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
    if (ws.readyState === WebSocket.OPEN) ws.send(encoding.toUint8Array(e));
  });
  let seq = 0;
  return {
    ws,
    opened,
    edit() {
      // Entries, added and then moved (re-keyed), like cards on a board.
      const entries = doc.getMap<number>('bench');
      const key = `${index}:${++seq}`;
      doc.transact(() => {
        entries.set(key, now());
        if (seq % 5 === 0) entries.delete(`${index}:${seq - 4}`);
      });
      return key;
    },
    close: () => {
      ws.close();
      doc.destroy();
    },
  };
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const round = (n: number) => Math.round(n * 10) / 10;

interface Measure {
  p50: number;
  p99: number;
  delivered: number;
  cpu: number;
  rssMb: number;
  generatorCpu: number;
}

async function measure(target: Target, size: number): Promise<Measure> {
  const docName = await target.newDoc();
  const receivers = Array.from({ length: RECEIVERS }, () => receiver(target, docName));
  const editors = Array.from({ length: EDITORS }, (_, i) => editor(target, docName, i));
  const readers = Array.from({ length: Math.max(0, size - RECEIVERS - EDITORS) }, () =>
    reader(target, docName),
  );
  await Promise.all([...readers, ...editors].map((c) => c.opened));
  const deadline = Date.now() + 60_000;
  while (!receivers.every((r) => r.provider.wsconnected)) {
    if (Date.now() > deadline) throw new Error(`${target.name}: receivers did not connect`);
    await sleep(50);
  }
  await sleep(500);

  const arrivals = new Map<string, { sent: number; latest: number; seen: number }>();
  for (const { doc } of receivers) {
    doc.getMap<number>('bench').observe((event) => {
      const at = now();
      for (const key of event.keysChanged) {
        const sent = event.target.get(key);
        if (typeof sent !== 'number') continue;
        const entry = arrivals.get(key) ?? { sent, latest: 0, seen: 0 };
        entry.latest = Math.max(entry.latest, at);
        entry.seen += 1;
        arrivals.set(key, entry);
      }
    });
  }
  const server0 = procStats(target.pid);
  const gen0 = process.cpuUsage();
  const wall0 = performance.now();
  let edits = 0;
  // Editors start spread over one interval, so their edits do not all land at once.
  const intervals: NodeJS.Timeout[] = [];
  const starts = editors.map((e, i) =>
    setTimeout(
      () => {
        intervals.push(
          setInterval(() => {
            e.edit();
            edits += 1;
          }, 1000 / EDITS_PER_SECOND),
        );
      },
      (i * 1000) / EDITS_PER_SECOND / EDITORS,
    ),
  );
  await sleep(EDIT_SECONDS * 1000);
  for (const t of starts) clearTimeout(t);
  for (const t of intervals) clearInterval(t);
  await sleep(1500);
  const wall = (performance.now() - wall0) / 1000;
  const server1 = procStats(target.pid);
  const gen = process.cpuUsage(gen0);

  const complete = [...arrivals.values()].filter((a) => a.seen >= RECEIVERS);
  const latencies = complete.map((a) => a.latest - a.sent);
  for (const r of receivers) {
    r.provider.destroy();
    r.doc.destroy();
  }
  for (const e of editors) e.close();
  for (const r of readers) r.ws.close();
  await sleep(300);
  return {
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    delivered: edits ? round((100 * complete.length) / edits) : 0,
    cpu: round((100 * (server1.cpuSeconds - server0.cpuSeconds)) / wall),
    rssMb: round(server1.rssMb),
    generatorCpu: round((100 * (gen.user + gen.system)) / 1e6 / wall),
  };
}

async function main() {
  const started = Date.now();
  const targets: Target[] = [];
  const results: Record<string, Record<Name, Measure>[]> = {};
  try {
    targets.push(await startRelay(), await startReference(), await startColabTarget());
    for (const size of SIZES) {
      results[size] = [];
      for (let run = 0; run < RUNS; run++) {
        const order = run % 2 === 0 ? targets : [...targets].reverse();
        const byName = {} as Record<Name, Measure>;
        for (const target of order) {
          byName[target.name] = await measure(target, size);
          console.log(
            `N=${size} run ${run + 1} ${target.name}: ${JSON.stringify(byName[target.name])}`,
          );
        }
        results[size].push(byName);
      }
    }
  } finally {
    for (const t of targets) await t.stop();
  }
  report(results, (Date.now() - started) / 1000);
}

const versionOf = (name: string) =>
  JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, import.meta.url), 'utf8'))
    .version as string;

function report(results: Record<string, Record<Name, Measure>[]>, seconds: number) {
  const names: Name[] = ['colab', 'y-websocket', 'relay'];
  const median = (xs: number[]) => percentile(xs, 50);
  const versions = {
    node: process.version,
    yjs: versionOf('yjs'),
    'y-websocket (reference server)': versionOf('y-websocket-server'),
  };
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? '',
    memoryGb: round(totalmem() / 2 ** 30),
  };
  const fanout: Record<string, Record<string, unknown>> = {};
  const lines = [
    '# Benchmark results',
    '',
    `Machine: ${machine.cpus} × ${machine.model}, ${machine.memoryGb} GB. Node ${versions.node}, yjs ${versions.yjs}, y-websocket reference server ${versions['y-websocket (reference server)']}.`,
    `Mode: ${QUICK ? 'quick' : 'full'}; ${RUNS} runs per size, servers alternating (relay, y-websocket, colab, then reversed); ${EDITORS} editors × ${EDITS_PER_SECOND} edits/s for ${EDIT_SECONDS} s; ${RECEIVERS} receivers with a real Y.Doc, the rest read frames. Took ${Math.round(seconds)} s.`,
    '',
    '## Board fan-out (latency until every receiver has the edit, ms)',
    '',
    '| clients | server | p50 min/median/max | p99 min/median/max | delivered % (median) | server CPU % | RSS MB | p99 ÷ relay (median of runs) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [size, runs] of Object.entries(results)) {
    // A run is void when the generator saturated or the relay itself was noisy.
    const relayMedian = median(runs.map((r) => r.relay.p99));
    const valid = runs.filter(
      (r) => Object.values(r).every((m) => m.generatorCpu <= 80) && r.relay.p99 <= 2 * relayMedian,
    );
    const used = valid.length ? valid : runs;
    fanout[size] = { void: runs.length - valid.length };
    for (const name of names) {
      const ms = used.map((r) => r[name]);
      const mmm = (k: keyof Measure) => {
        const xs = ms.map((m) => m[k]);
        return `${Math.min(...xs)} / ${median(xs)} / ${Math.max(...xs)}`;
      };
      const ratio = median(used.map((r) => r[name].p99 / r.relay.p99));
      fanout[size][name] = {
        p50: median(ms.map((m) => m.p50)),
        p99: median(ms.map((m) => m.p99)),
        cpu: median(ms.map((m) => m.cpu)),
        rssMb: median(ms.map((m) => m.rssMb)),
        delivered: median(ms.map((m) => m.delivered)),
        p99OverRelay: round(ratio),
      };
      lines.push(
        `| ${size} | ${name} | ${mmm('p50')} | ${mmm('p99')} | ${median(ms.map((m) => m.delivered))} | ${median(ms.map((m) => m.cpu))} | ${median(ms.map((m) => m.rssMb))} | ${round(ratio)} |`,
      );
    }
    if (runs.length !== valid.length)
      lines.push(
        `| ${size} | | ${runs.length - valid.length} of ${runs.length} runs void (noisy) | | | | | |`,
      );
  }
  lines.push(
    '',
    'Not measured yet: Hocuspocus, the second mix (10% of clients at 2 edits/s), server event-loop maximum and GC pauses, many boards, cold load, persistence cost, API and page weight (see issue #8).',
    '',
  );
  const table = lines.join('\n');
  console.log(`\n${table}`);
  writeFileSync(new URL('RESULTS.md', import.meta.url), table);
  writeFileSync(
    new URL('results.json', import.meta.url),
    `${JSON.stringify({ machine, versions, mode: QUICK ? 'quick' : 'full', fanout }, null, 2)}\n`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
