/**
 * The servers the scenarios compare, each started on 127.0.0.1 with probe.mjs loaded, and
 * stopped by pid: Colab (the built server, on a scratch Postgres database or on PGlite),
 * Hocuspocus 4, the y-websocket@2 reference server and a plain relay.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as encoding from 'lib0/encoding';
import { Session, startColab } from './colab-process.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
export const PROBE = ['--expose-gc', '--import', pathToFileURL(`${here}probe.mjs`).href];
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Name = 'colab' | 'colab-pglite' | 'hocuspocus' | 'y-websocket' | 'relay';

export interface Probe {
  rssMb: number;
  heapUsedMb: number;
  /** The V8 heap committed: what a burst grew and has not yet handed back. */
  heapTotalMb: number;
  loopMaxMs: number;
  loopP99Ms: number;
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
}

export interface Target {
  name: Name;
  protocol: 'y-websocket' | 'hocuspocus';
  pid: number;
  wsBase: string;
  headers: Record<string, string>;
  newDoc(): Promise<string>;
  probe(): Promise<Probe>;
  stop(): Promise<void>;
}

export function procStats(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    cpuSeconds: (Number(stat[11]) + Number(stat[12])) / 100,
    rssMb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024,
  };
}

/** Asks probe.mjs inside the server for its figures since the last ask. */
function prober(child: ChildProcess) {
  const waiting: ((p: Probe) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('probe ')) waiting.shift()?.(JSON.parse(line.slice(6)) as Probe);
  });
  return () =>
    new Promise<Probe>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the server did not answer the probe')),
        5000,
      );
      waiting.push((p) => {
        clearTimeout(timer);
        resolve(p);
      });
      child.kill('SIGUSR2');
    });
}

/** Spawns a server and waits for the line that carries its port. */
async function spawnServer(
  args: string[],
  env: Record<string, string>,
  portOf: (line: string) => number | undefined,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...PROBE, ...args], {
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

const listening = (line: string) =>
  line.startsWith('listening ') ? Number(line.split(' ')[1]) : undefined;

export async function startPlain(
  name: 'relay' | 'hocuspocus',
  script: string,
  protocol: Target['protocol'],
  env: Record<string, string> = {},
): Promise<Target> {
  const { child, port } = await spawnServer(['--import', 'tsx', script], env, listening);
  let n = 0;
  return {
    name,
    protocol,
    pid: child.pid!,
    wsBase: `ws://127.0.0.1:${port}`,
    headers: {},
    newDoc: async () => `room-${++n}`,
    probe: prober(child),
    stop: () => stopChild(child),
  };
}

export async function startReference(): Promise<Target> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const { child } = await spawnServer(
    [fileURLToPath(new URL('node_modules/y-websocket-server/bin/server.cjs', import.meta.url))],
    { HOST: '127.0.0.1', PORT: String(port) },
    (line) => (line.includes('running at') ? port : undefined),
  );
  let n = 0;
  return {
    name: 'y-websocket',
    protocol: 'y-websocket',
    pid: child.pid!,
    wsBase: `ws://127.0.0.1:${port}`,
    headers: {},
    newDoc: async () => `doc-${++n}`,
    probe: prober(child),
    stop: () => stopChild(child),
  };
}

/** A fresh database on the local Postgres server, dropped when the run ends. */
export function scratchDatabase() {
  const name = `colab_bench_${process.pid}_${Date.now()}`;
  const psql = (sql: string) =>
    execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-qc', sql]);
  psql(`create database ${name}`);
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: () => psql(`drop database if exists ${name} with (force)`),
  };
}

export async function startColabTarget(
  database: 'postgres' | 'pglite',
  env: Record<string, string> = {},
): Promise<Target & { url: string; admin: Session; cohortId: string }> {
  const scratch = database === 'postgres' ? scratchDatabase() : undefined;
  const colab = await startColab(
    {
      COLLAB_MESSAGES_PER_SECOND: '100000',
      COLLAB_MESSAGE_BURST: '100000',
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
      ...env,
    },
    {
      nodeArgs: [
        ...PROBE,
        ...(process.env.BENCH_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`]
          : []),
      ],
    },
  );
  const admin = new Session(colab.url);
  await admin.signUp('Bench Admin', 'admin@bench.test', 'a long enough secret');
  const cohort = await admin.call('POST', '/api/cohorts', {
    name: 'Bench cohort',
    startsOn: '2027-01-01',
    endsOn: '2027-12-31',
    timezone: 'Europe/London',
  });
  let n = 0;
  return {
    url: colab.url,
    admin,
    cohortId: cohort.id,
    name: database === 'postgres' ? 'colab' : 'colab-pglite',
    protocol: 'y-websocket',
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
    probe: prober(colab.child),
    stop: async () => {
      await colab.stop();
      scratch?.drop();
    },
  };
}

/** Hocuspocus addresses every frame to a document, and wants a token before anything else. */
export function frame(target: Target, docName: string, write: (e: encoding.Encoder) => void) {
  const e = encoding.createEncoder();
  if (target.protocol === 'hocuspocus') encoding.writeVarString(e, docName);
  write(e);
  return encoding.toUint8Array(e);
}
