/**
 * Board fan-out, side by side: the same clients against Colab's collab endpoint (persistence
 * on), Hocuspocus 4 and the y-websocket@2 reference server (both in memory) and a plain relay
 * (the floor), servers alternating within each run (A B C D, then D C B A). Editors add and
 * move entries; a few receivers hold a real Y.Doc (the stock provider of each server), join
 * the room last (so they are written to last) and time each edit until every one of them has
 * it; the other connections only read frames, so the load generator stays lighter than the
 * servers. Every server runs with probe.mjs loaded, which
 * reports its event-loop maximum and GC pauses.
 *
 * `pnpm bench` runs it with the other scenarios; alone: `tsx fanout.ts [--quick]`.
 * Only 127.0.0.1; every server it starts is stopped by pid at the end.
 */
import * as Y from 'yjs';
import { bareClient, providerClient } from './clients.ts';
import { type CommitFloor, measureCommitFloor } from './commit-floor.ts';
import { runWhenStarted, saveSection, stamp } from './results-file.ts';
import {
  type Name,
  procStats,
  sleep,
  startColabTarget,
  startPlain,
  startReference,
  type Target,
} from './servers.ts';
import { median, percentile, round, spread } from './statistics.ts';

const RECEIVERS = 8;
/** Long enough for every server to have put the room's connections in place. */
const JOIN_SETTLE_MS = 300;
/** The longest the last edits of a measurement are waited for. */
const DRAIN_MS = 1_000;
/** After the receivers have synced, before the memory reading and the first edit. */
const SETTLE_AFTER_SYNC_MS = 200;
/** After a room is closed, before the next server's room connects. */
const TEARDOWN_MS = 100;
const now = () => performance.timeOrigin + performance.now();
const NAMES: Name[] = ['colab', 'colab-pglite', 'hocuspocus', 'y-websocket', 'relay'];

/** Who edits: ten people at 10 edits/s, or a tenth of the room at 2 edits/s. */
interface Mix {
  label: string;
  editors(size: number): number;
  perSecond: number;
}
const TEN_FAST: Mix = { label: '10 editors × 10 edits/s', editors: () => 10, perSecond: 10 };
const TENTH_SLOW: Mix = {
  label: '10% of clients × 2 edits/s',
  editors: (size) => Math.round(size / 10),
  perSecond: 2,
};

/** An editor: its own Y.Doc, each change sent as a sync update frame. */
function editor(target: Target, docName: string, index: number) {
  const client = bareClient(target, docName);
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => client.update(update));
  let seq = 0;
  return {
    ws: client.ws,
    opened: client.opened,
    edit() {
      // Cards added, and now and then one moved (removed and re-added under a new key).
      const entries = doc.getMap<number>('bench');
      const key = `${index}:${++seq}`;
      doc.transact(() => {
        entries.set(key, now());
        if (seq % 5 === 0) entries.delete(`${index}:${seq - 4}`);
      });
    },
    close: () => {
      client.ws.close();
      doc.destroy();
    },
  };
}

interface Measure {
  p50: number;
  p99: number;
  delivered: number;
  cpu: number;
  rssMb: number;
  kbPerConnection: number;
  loopMaxMs: number;
  gcMaxMs: number;
  gcTotalMs: number;
  generatorCpu: number;
}

async function measure(target: Target, size: number, mix: Mix, seconds: number): Promise<Measure> {
  const docName = await target.newDoc();
  const rss0 = (await target.probe()).rssMb;
  const editors = Array.from({ length: mix.editors(size) }, (_, i) => editor(target, docName, i));
  const readers = Array.from({ length: Math.max(0, size - RECEIVERS - editors.length) }, () =>
    bareClient(target, docName),
  );
  await Promise.all([...readers, ...editors].map((c) => c.opened));
  // The receivers join after everyone else. Every server here writes a room's broadcast in
  // the order its connections joined, so receivers that joined first would have each edit
  // before the rest of the room and time the fastest few; joined last, they time the edit
  // until every other client has it, which is what the issue asks.
  await sleep(JOIN_SETTLE_MS);
  const receivers = Array.from({ length: RECEIVERS }, () => providerClient(target, docName));
  const deadline = Date.now() + 60_000;
  while (!receivers.every((r) => r.synced())) {
    if (Date.now() > deadline) throw new Error(`${target.name}: receivers did not sync`);
    await sleep(50);
  }
  await sleep(SETTLE_AFTER_SYNC_MS);
  const rss1 = (await target.probe()).rssMb;

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
  const period = 1000 / mix.perSecond;
  const intervals: NodeJS.Timeout[] = [];
  const starts = editors.map((e, i) =>
    setTimeout(
      () => {
        intervals.push(
          setInterval(() => {
            e.edit();
            edits += 1;
          }, period),
        );
      },
      (i * period) / editors.length,
    ),
  );
  await sleep(seconds * 1000);
  for (const t of starts) clearTimeout(t);
  for (const t of intervals) clearInterval(t);
  // The last edits drain: until every receiver has every edit, for at most DRAIN_MS (a fixed
  // second per measurement was a tenth of the full run, and most servers need a few ms).
  const drainUntil = performance.now() + DRAIN_MS;
  const delivered = () => [...arrivals.values()].filter((a) => a.seen >= RECEIVERS).length;
  while (delivered() < edits && performance.now() < drainUntil) await sleep(20);
  // CPU shares stay over the edits and a full drain, as before the drain could end early:
  // once every receiver has every edit the room is idle, so the rest of that second adds
  // nothing but time (a shorter window would raise every share, the generator's too, and
  // with it how many runs are void).
  const wall = Math.max((performance.now() - wall0) / 1000, seconds + DRAIN_MS / 1000);
  const server1 = procStats(target.pid);
  const gen = process.cpuUsage(gen0);
  const probe = await target.probe();

  const complete = [...arrivals.values()].filter((a) => a.seen >= RECEIVERS);
  const latencies = complete.map((a) => a.latest - a.sent);
  for (const r of receivers) {
    r.destroy();
    r.doc.destroy();
  }
  for (const e of editors) e.close();
  for (const r of readers) r.ws.close();
  await sleep(TEARDOWN_MS);
  return {
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    delivered: edits ? round((100 * complete.length) / edits) : 0,
    cpu: round((100 * (server1.cpuSeconds - server0.cpuSeconds)) / wall),
    rssMb: round(server1.rssMb),
    kbPerConnection: round(((rss1 - rss0) * 1024) / size),
    loopMaxMs: round(probe.loopMaxMs),
    gcMaxMs: round(probe.gcMaxMs),
    gcTotalMs: round(probe.gcTotalMs),
    generatorCpu: round((100 * (gen.user + gen.system)) / 1e6 / wall),
  };
}

const WARM_UP_CLIENTS = 50;

interface Step {
  size: number;
  mix: Mix;
  runs: number;
  seconds: number;
  /** Servers left out of this step (to keep the full run within 10 minutes). */
  skip?: Name[];
}

/**
 * Colab on its embedded database is measured where a small programme would run it (200
 * clients); at scale Colab is meant to run on Postgres, so that is the "colab" compared.
 */
function plan(quick: boolean): Step[] {
  const onPostgresOnly: Name[] = ['colab-pglite'];
  if (quick) {
    const size = Number(process.env.BENCH_N ?? 200);
    return [
      {
        size,
        mix: TEN_FAST,
        runs: Number(process.env.BENCH_RUNS ?? 2),
        seconds: 2,
        skip: onPostgresOnly,
      },
    ];
  }
  return [
    // The goals are set at 500 and 1,000 clients; the smaller rooms get shorter edit phases.
    { size: 50, mix: TEN_FAST, runs: 4, seconds: 1, skip: onPostgresOnly },
    { size: 200, mix: TEN_FAST, runs: 4, seconds: 1.5 },
    { size: 500, mix: TEN_FAST, runs: 4, seconds: 2, skip: onPostgresOnly },
    { size: 1000, mix: TEN_FAST, runs: 4, seconds: 2, skip: onPostgresOnly },
    { size: 500, mix: TENTH_SLOW, runs: 4, seconds: 1.5, skip: onPostgresOnly },
  ];
}

type Run = Record<Name, Measure>;

/** What the figures say about Colab's own path, written down with every run. */
const fanoutLimits = (relayGoal: string) =>
  `What limits Colab here: it relays an edit only after Postgres has committed it (nothing a client has seen can be lost in a crash; see the Reliability section of the README), so every edit pays an insert round trip the in-memory servers do not (the commit floor above), and its p99 follows that commit's latency under load. Up to three inserts per document are in flight at once, relayed in the order the edits arrived. A room's broadcast is framed once and written a slice of about 2 ms at a time with the event loop free in between; the sender knows how far along the stored updates each socket is, so an update stored while a pass is going out joins that pass, merged, for the sockets not yet written, and reaches the ones already written in the next (\`collab/broadcast.ts\`). The writes per edit fall as the edits rise, which keeps its CPU near the relay's with every edit delivered (the event-loop line above gives where its longest turn stood against the others'), and the last sockets of a large room do not wait for a whole pass to end before the next begins: in four alternating A/B runs at 1,000 clients on 7 December that took Colab's p50 from 1.16 × Hocuspocus's (median) to 0.88 ×, with its p99 within the noise of before; at 500 clients the same kind of runs (four pairs) showed no difference beyond the noise. Profiled (\`BENCH_PROF=<dir>\`), nine tenths of a broadcast is the kernel's socket write, about 12 µs per socket on loopback, so fewer writes is the only lever left there. ${relayGoal} Against Hocuspocus (p99 ≤ 0.5 ×, p50 ≤ 0.7 ×) the ratios move from run to run with Hocuspocus's own spread (the min/max columns); the table says where this run stood. How much of the gap is the commit was measured late on 7 December: a build patched to skip the insert (an experiment, not a setting Colab has) ran alternately with the built server, Hocuspocus and the relay, six runs at 500 clients, and gave a p50 of 7.5 ms and a p99 of 23.9 ms (medians) against the built server's 10.4 and 30.8, the relay's 7.2 and 22.9 and Hocuspocus's 9.1 and 25.0: 1.06 × the relay's p99 and 0.89 × Hocuspocus's p50. Without the commit, Colab's broadcast costs what the relay's does, not three quarters of it, so the relay goal is out of reach on this harness whatever is done with the commit; relaying before the commit (bounding a loss window instead) would buy about 3 ms at p50 and 7 ms at p99, which this project chose not to trade for what a crash could lose. The per-connection figure is the growth of resident memory while the room connected, not an idle-connection measure (that is the many-boards part); on PGlite the database runs inside the server process, hence its RSS.`;

/** The relay goal at 500 clients in this run's own figures, against the commit floor. */
function relayGoal(relayP99: number | undefined, floor: CommitFloor | undefined) {
  if (relayP99 === undefined || !floor)
    return 'The goal of p99 ≤ 0.75 × the relay at 500 clients asks the commit and the broadcast together to take three quarters of what the broadcast alone takes in the relay (this run had no 500-client step or no commit floor to set against it).';
  const goal = round(0.75 * relayP99);
  const share = Math.round((floor.p99 / goal) * 100);
  return `At 500 clients the goal of p99 ≤ 0.75 × the relay meant at most ${goal} ms in this run (the relay's median p99 was ${relayP99} ms), and the commit floor's p99 alone, with every server idle, was ${floor.p99} ms, ${share >= 100 ? 'above it' : `${share} % of it`}: the goal asks the commit and the broadcast together to take three quarters of what the broadcast alone takes in the relay.`;
}

export async function run(quick: boolean) {
  const started = Date.now();
  const targets: Target[] = [];
  const results: { step: Step; runs: Run[] }[] = [];
  let floor: CommitFloor | undefined;
  try {
    // BENCH_ONLY=colab,relay runs a subset, e.g. while profiling one server.
    const only = process.env.BENCH_ONLY?.split(',');
    const starters: [Name, () => Promise<Target>][] = [
      ['colab', () => startColabTarget('postgres')],
      ['colab-pglite', () => startColabTarget('pglite')],
      ['hocuspocus', () => startPlain('hocuspocus', 'hocuspocus-server.ts', 'hocuspocus')],
      ['y-websocket', startReference],
      ['relay', () => startPlain('relay', 'relay-server.ts', 'y-websocket')],
    ];
    // Started together (each on its own port), in the order the runs alternate them.
    // Only servers some step measures (quick mode leaves colab-pglite out).
    const steps = plan(quick);
    const measured = (name: Name) => steps.some((step) => !step.skip?.includes(name));
    const chosen = starters.filter(([name]) => (!only || only.includes(name)) && measured(name));
    const starting = await Promise.allSettled(chosen.map(([, start]) => start()));
    for (const result of starting) if (result.status === 'fulfilled') targets.push(result.value);
    const failed = starting.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (targets.some((t) => t.name === 'colab')) floor = await measureCommitFloor();
    // Each server's first room runs code the JIT has not yet compiled, so whichever came
    // first in a run read slow; a short room per server first, not reported, evens that out.
    for (const target of targets) {
      await measure(target, WARM_UP_CLIENTS, TEN_FAST, 1);
      console.log(`warmed up ${target.name}`);
    }
    for (const step of steps) {
      const runs: Run[] = [];
      for (let i = 0; i < step.runs; i++) {
        const these = targets.filter((t) => !step.skip?.includes(t.name));
        const order = i % 2 === 0 ? these : [...these].reverse();
        const byName = {} as Run;
        for (const target of order) {
          byName[target.name] = await measure(target, step.size, step.mix, step.seconds);
          console.log(
            `N=${step.size} ${step.mix.label} run ${i + 1} ${target.name}: ${JSON.stringify(byName[target.name])}`,
          );
        }
        runs.push(byName);
      }
      results.push({ step, runs });
    }
  } finally {
    for (const t of targets) await t.stop();
  }
  report(results, floor, quick, (Date.now() - started) / 1000);
}

function report(
  results: { step: Step; runs: Run[] }[],
  floor: CommitFloor | undefined,
  quick: boolean,
  seconds: number,
) {
  const data: Record<string, unknown> = { secondMix: {}, commitFloor: floor ?? null };
  const loopMax: string[] = [];
  const lines = [
    '## 1. Board fan-out',
    '',
    `${stamp(quick)}, took ${Math.round(seconds)} s. Servers alternate within each run (colab, colab-pglite, hocuspocus, y-websocket, relay, then reversed). **colab**: the built server on Postgres (a scratch database on 127.0.0.1), persistence on: an edit is committed before it is relayed. **colab-pglite**: the same on its embedded database (PGlite runs inside the server's process), at 200 clients only. Hocuspocus and y-websocket keep documents in memory. ${RECEIVERS} receivers hold a real Y.Doc through each server's own provider (WebsocketProvider, HocuspocusProvider) and join after the rest of the room; every server writes a broadcast in the order its connections joined, so latency runs from the edit until the last receiver, and so the last client in the room, has applied it (until 7 December the receivers joined first, and timed the first few clients each edit reached). The rest of the room reads frames only. Each server first serves one unreported room of ${WARM_UP_CLIENTS} clients for 1 s, so none is timed while its code is still cold. A run is void when the load generator passed 80% CPU or the relay's p99 was over twice its median; ratios are medians of per-run ratios over valid runs; the median of an even number of runs is the mean of the two middle ones (until 8 December the upper of the two was taken, which made a four-run median the second-worst run), and results.json lists each valid run's p50 and p99. Event-loop max and GC pauses come from probe.mjs inside each server, over the edit phase. The last edits drain until every receiver has every edit, at most ${DRAIN_MS} ms (until 7 December always the full ${DRAIN_MS} ms); CPU shares, the server's and the load generator's, are still taken over the edits and the full ${DRAIN_MS} ms, the room being idle once the drain ends. Edits last 2 s per measurement at 500 and 1,000 clients, where the goals are set (1 s at 50, 1.5 s at 200 and for the 10 % mix, whose 50 editors at 2 edits/s make as many edits a second as the ten at 10; until 8 December the 10 % mix had 2 runs of 2 s, not the 4 the issue asks for) (${results.reduce((n, r) => n + r.step.runs, 0)} runs in all), not the 15 s the issue names, to keep the full run within 10 minutes.`,
    '',
    '| clients | editors | server | p50 ms min/med/max | p99 ms min/med/max | delivered % | CPU % | RSS MB | KB per connection | event-loop max ms | GC max ms | p99 ÷ relay | p99 ÷ Hocuspocus | p50 ÷ Hocuspocus |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const { step, runs } of results) {
    const relayMedian = median(runs.map((r) => r.relay?.p99 ?? 0));
    const valid = runs.filter(
      (r) =>
        Object.values(r).every((m) => m.generatorCpu <= 80) &&
        (r.relay?.p99 ?? 0) <= 2 * relayMedian,
    );
    const used = valid.length ? valid : runs;
    const figures: Record<string, unknown> = {
      runs: runs.length,
      void: runs.length - valid.length,
    };
    const loops: string[] = [];
    for (const name of NAMES.filter((n) => runs[0]?.[n])) {
      const ms = used.map((r) => r[name]);
      const med = (k: keyof Measure) => round(median(ms.map((m) => m[k])));
      const ratio = (k: 'p50' | 'p99', ref: Name) =>
        Math.round(median(used.map((r) => r[name][k] / (r[ref]?.[k] ?? Number.NaN))) * 100) / 100;
      figures[name] = {
        p50: med('p50'),
        p99: med('p99'),
        cpu: med('cpu'),
        rssMb: med('rssMb'),
        delivered: med('delivered'),
        kbPerConnection: med('kbPerConnection'),
        loopMaxMs: med('loopMaxMs'),
        gcMaxMs: med('gcMaxMs'),
        gcTotalMs: med('gcTotalMs'),
        p99OverRelay: ratio('p99', 'relay'),
        p99OverHocuspocus: ratio('p99', 'hocuspocus'),
        p50OverHocuspocus: ratio('p50', 'hocuspocus'),
        p99Spread: spread(ms.map((m) => m.p99)),
        p50Runs: ms.map((m) => m.p50),
        p99Runs: ms.map((m) => m.p99),
      };
      const f = figures[name] as Record<string, number>;
      loops.push(`${name} ${f.loopMaxMs} ms`);
      lines.push(
        `| ${step.size} | ${step.mix.label} | ${name} | ${spread(ms.map((m) => m.p50))} | ${spread(ms.map((m) => m.p99))} | ${f.delivered} | ${f.cpu} | ${f.rssMb} | ${f.kbPerConnection} | ${f.loopMaxMs} | ${f.gcMaxMs} | ${f.p99OverRelay} | ${f.p99OverHocuspocus} | ${f.p50OverHocuspocus} |`,
      );
    }
    if (runs.length !== valid.length)
      lines.push(
        `| ${step.size} | ${step.mix.label} | ${runs.length - valid.length} of ${runs.length} runs void | | | | | | | | | | | |`,
      );
    if (step.mix === TEN_FAST && step.size >= 500)
      loopMax.push(`${step.size} clients: ${loops.join(', ')}`);
    if (step.mix === TEN_FAST) data[step.size] = figures;
    else (data.secondMix as Record<string, unknown>)[step.size] = figures;
  }
  if (floor)
    lines.push(
      '',
      `**Commit floor**: ${floor.samples} single-row inserts of 150 bytes (one edit, as \`collab_updates\` stores it) into the same Postgres, 200 a second, from the load generator while every server was idle: p50 ${floor.p50} ms, p99 ${floor.p99} ms. A server that relays an edit only once it is stored cannot beat the relay's latency plus this.`,
    );
  if (loopMax.length)
    lines.push(
      '',
      `**Event-loop max** (median of runs; goal ≤ 20 ms for Colab): ${loopMax.join('; ')}.`,
    );
  const relay500 = (data[500] as { relay?: { p99: number } } | undefined)?.relay?.p99;
  lines.push('', fanoutLimits(relayGoal(relay500, floor)));
  const markdown = lines.join('\n');
  console.log(`\n${markdown}\n`);
  saveSection('fanout', data, markdown);
}

runWhenStarted(import.meta.url, run);
