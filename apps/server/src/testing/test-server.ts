import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabaseKind } from '@colab/db/testing';
import type { Router } from 'express';
import { type Logger, pino } from 'pino';
import { loadConfig } from '../config.ts';
import { type RunningServer, type StartOptions, startServer } from '../server.ts';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** A new client with its own cookie jar, like a separate browser. */
  client(): TestClient;
  /** Stops the server and removes its data folder and private database. */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  database: TestDatabaseKind;
  /** Reuse a data folder (restart tests); it is then left in place on stop. */
  dataDir?: string;
  /** Reuse a Postgres database made by an earlier server (restart tests). */
  databaseUrl?: string;
  env?: Record<string, string>;
  extraApiRoutes?: (api: Router) => void;
  /** Instead of a silent one (tests that read what the server logs). */
  logger?: Logger;
  retention?: StartOptions['retention'];
}

/** Starts the real server on an ephemeral port of 127.0.0.1 with a database of its own. */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const ownDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'colab-test-'));
  let databaseUrl = options.databaseUrl;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (options.database === 'postgres' && !databaseUrl) {
    const db = await createTestDatabase('postgres');
    await db.close();
    databaseUrl = db.url;
    dropDatabase = db.dispose;
  }
  const webDir = join(dataDir, 'web');
  mkdirSync(webDir, { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Colab test shell</title>');
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    COLAB_DATA_DIR: dataDir,
    COLAB_WEB_DIR: webDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const server = await startServer(config, {
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    extraApiRoutes: options.extraApiRoutes,
    retention: options.retention,
  });
  return {
    ...server,
    dataDir,
    client: () => new TestClient(server.url),
    stop: async () => {
      await server.close();
      await dropDatabase?.();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** fetch with a cookie jar and the app's own Origin, as a browser on the page would send. */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request<T = any>(
    method: string,
    path: string,
    options: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { origin: this.baseUrl, ...options.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader;
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim()));
      if (expired || value.join('=') === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    const text = await response.text();
    let parsed: unknown = text;
    if (/json/.test(response.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, { headers });
  }

  post<T = any>(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { json: json ?? {}, headers });
  }

  signUp(person: { name: string; email: string; password: string }) {
    return this.post('/api/auth/sign-up/email', person);
  }

  signIn(email: string, password: string) {
    return this.post('/api/auth/sign-in/email', { email, password });
  }
}

let counter = 0;
/** A person with a unique email, for sign-up. */
export function newPerson(name = 'Amy Aitkens') {
  counter += 1;
  const slug = `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
  return { name, email: `person-${slug}@example.org`, password: `correct horse ${slug}` };
}
