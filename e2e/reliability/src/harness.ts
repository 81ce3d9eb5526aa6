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

export async function collectGarbage(inspectorPort: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const call = (id: number, method: string) =>
    new Promise<void>((resolve) => {
      const reply = (data: Buffer) => {
        if (JSON.parse(String(data)).id !== id) return;
        ws.off('message', reply);
        resolve();
      };
      ws.on('message', reply);
      ws.send(JSON.stringify({ id, method }));
    });
  await call(1, 'HeapProfiler.collectGarbage');
  await call(2, 'HeapProfiler.collectGarbage');
  ws.close();
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
