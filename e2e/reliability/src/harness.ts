import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabaseKind } from '@colab/db/testing';
import { type ServerProcess, spawnServer } from '@colab/server/testing/server-process.ts';
import { newPerson, TestClient } from '@colab/server/testing/test-server.ts';
import WebSocket from 'ws';

/** RELIABILITY_FULL=1 runs the counts issue #9 asks for; the default is the quick CI form. */
export const FULL = process.env.RELIABILITY_FULL === '1';
export const count = (quick: number, full: number) => (FULL ? full : quick);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Where a spawned server keeps its data: a PGlite folder, or a Postgres database of its own. */
export interface Storage {
  kind: TestDatabaseKind;
  env: Record<string, string>;
  dataDir: string;
  dispose(): Promise<void>;
}

export async function newStorage(kind: TestDatabaseKind): Promise<Storage> {
  const dataDir = mkdtempSync(join(tmpdir(), 'colab-rel-'));
  let databaseUrl = '';
  let drop = async () => {};
  if (kind === 'postgres') {
    const db = await createTestDatabase('postgres');
    await db.close();
    databaseUrl = db.url!;
    drop = db.dispose;
  }
  return {
    kind,
    dataDir,
    env: { COLAB_DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    dispose: async () => {
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The same secret across restarts keeps the clients' cookies valid on the new process.
const SESSION_SECRET = randomBytes(32).toString('hex');

/** The built server as its own process, with limits raised for a test driving it hard. */
export function spawnColab(
  storage: Pick<Storage, 'env'>,
  env: Record<string, string> = {},
  wrapper: string[] = [],
) {
  return spawnServer(
    {
      ...storage.env,
      SESSION_SECRET,
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      COLLAB_IDLE_UNLOAD_MS: '200',
      ...env,
    },
    wrapper,
  );
}

export const portOf = (server: ServerProcess) => new URL(server.url).port;

export async function stop(server: ServerProcess) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  await server.exited;
}

async function expectOk<T = any>(
  response: Promise<{ status: number; body: T }>,
  what: string,
): Promise<T> {
  const r = await response;
  if (r.status >= 300) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A signed-in lead with a cohort, ready to make boards. */
export async function signedInLead(url: string) {
  const lead = new TestClient(url);
  await expectOk(lead.signUp(newPerson('Lena Lead')), 'sign up');
  const cohort = await expectOk<any>(
    lead.post('/api/cohorts', {
      name: 'Reliability',
      startsOn: '2027-01-01',
      endsOn: '2027-06-01',
    }),
    'create cohort',
  );
  const newBoard = async (title = 'Board') => {
    const board = await expectOk<any>(
      lead.post('/api/boards', {
        scope: { cohortId: cohort.id },
        title,
        template: 'free_columns',
      }),
      'create board',
    );
    return board.docName as string;
  };
  return { lead, cohortId: cohort.id as string, newBoard };
}

export async function healthz(url: string): Promise<{ ms: number; documents: number }> {
  const t0 = performance.now();
  const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
  const body = (await response.json()) as { documents: number };
  return { ms: performance.now() - t0, documents: body.documents };
}

/**
 * Probes `/healthz` every 20 ms from a process of its own, so the figures are about the
 * server and not about a test process busy building and encoding hostile payloads.
 * `stop()` ends it and returns every latency in ms, and the probes that failed.
 */
export function healthProber(url: string) {
  const script = `
    const url = ${JSON.stringify(`${url}/healthz`)};
    let running = true;
    process.on('SIGTERM', () => { running = false; });
    (async () => {
      while (running) {
        const t0 = performance.now();
        try {
          const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
          await r.arrayBuffer();
          console.log(JSON.stringify({ ms: performance.now() - t0, status: r.status }));
        } catch (e) {
          console.log(JSON.stringify({ error: String(e && e.message) }));
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    async stop() {
      child.kill('SIGTERM');
      await exited;
      const records = out
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { ms?: number; status?: number; error?: string });
      return {
        latencies: records.filter((r) => r.status === 200).map((r) => r.ms!),
        failures: records.filter((r) => r.status !== 200).map((r) => r.error ?? `HTTP ${r.status}`),
      };
    },
  };
}

/** Seconds of CPU a process has used (user and system), from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Polls /healthz until at most `target` documents are in memory; returns the last count. */
export async function documentsSettle(url: string, target: number, ms = 15_000) {
  const until = Date.now() + ms;
  let documents = (await healthz(url)).documents;
  while (documents > target && Date.now() < until) {
    await sleep(100);
    documents = (await healthz(url)).documents;
  }
  return documents;
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

/**
 * Inspector settings for a spawned server, so a test can force a full GC before reading
 * RSS ("RSS after GC"): the server itself carries no test hook for it.
 */
export const inspectorEnv = (port: number) => ({ NODE_OPTIONS: `--inspect=127.0.0.1:${port}` });

/** One DevTools protocol session with the server's inspector, for `calls` in order. */
async function withInspector<T>(
  inspectorPort: number,
  calls: (send: (method: string, params?: object) => Promise<any>) => Promise<T>,
): Promise<T> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const send = (method: string, params: object = {}) =>
    new Promise<any>((resolve) => {
      const callId = ++id;
      const reply = (data: Buffer) => {
        const message = JSON.parse(String(data));
        if (message.id !== callId) return;
        ws.off('message', reply);
        resolve(message.result);
      };
      ws.on('message', reply);
      ws.send(JSON.stringify({ id: callId, method, params }));
    });
  try {
    return await calls(send);
  } finally {
    ws.close();
  }
}

export async function collectGarbage(inspectorPort: number) {
  await withInspector(inspectorPort, async (send) => {
    await send('HeapProfiler.collectGarbage');
    await send('HeapProfiler.collectGarbage');
  });
}

/** The value of `expression` evaluated inside the server (e.g. to look at Object.prototype). */
export async function evaluate(inspectorPort: number, expression: string): Promise<unknown> {
  return withInspector(inspectorPort, async (send) => {
    const result = await send('Runtime.evaluate', { expression, returnByValue: true });
    return result.result.value;
  });
}

/**
 * For runs that are about Postgres itself (a database restart): Postgres must be there,
 * as for the multi-node suites, and its absence fails the run saying what to start.
 */
export async function requirePostgres(): Promise<Storage> {
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  try {
    return await newStorage('postgres');
  } catch (error) {
    throw new Error(
      `This run needs a real Postgres (${(error as Error).message}); start it with infra/scripts/start-test-services.sh or set TEST_DATABASE_URL.`,
    );
  }
}
