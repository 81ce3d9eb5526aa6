import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@colab/db/testing';
import { Redis } from 'ioredis';
import { startTestServer, TestClient, type TestServer } from './test-server.ts';

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

/** Redis's URL once it has answered a ping; otherwise an error saying what to start. */
export async function requireRedis(who = 'This test needs'): Promise<string> {
  const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS;
  const probe = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new Error(
      `${who} Redis at ${redisUrl}, which is not answering (${(error as Error).message}): start it (infra/scripts/start-test-services.sh) or set REDIS_URL.`,
    );
  } finally {
    probe.disconnect();
  }
  return redisUrl;
}

/**
 * What several nodes share: a Postgres database of their own and Redis under a prefix of
 * their own, so parallel suites never hear each other. Both are real services; when either
 * is missing the suite fails and says what to start.
 */
export async function clusterServices() {
  process.env.TEST_DATABASE_URL ??= DEFAULT_POSTGRES;
  const redisUrl = await requireRedis('Several nodes need');
  let database: TestDatabase;
  try {
    database = await createTestDatabase('postgres');
  } catch (error) {
    throw new Error(
      `Several nodes need a real Postgres (${(error as Error).message}); start it with infra/scripts/start-test-services.sh or set TEST_DATABASE_URL.`,
    );
  }
  await database.close();
  return {
    databaseUrl: database.url!,
    redisUrl,
    prefix: `colab-test-${randomBytes(6).toString('hex')}`,
    sessionSecret: randomBytes(32).toString('hex'),
    dispose: () => database.dispose(),
  };
}

export type ClusterServices = Awaited<ReturnType<typeof clusterServices>>;

/** The environment of one node of the cluster (same database, Redis, secret). */
export const nodeEnv = (services: ClusterServices): Record<string, string> => ({
  DATABASE_URL: services.databaseUrl,
  REDIS_URL: services.redisUrl,
  REDIS_PREFIX: services.prefix,
  SESSION_SECRET: services.sessionSecret,
});

/** `count` nodes in this process, each on its own port, sharing the services. */
export async function startNodes(services: ClusterServices, count: number): Promise<TestServer[]> {
  const nodes: TestServer[] = [];
  for (let i = 0; i < count; i++) {
    nodes.push(
      await startTestServer({
        database: 'postgres',
        databaseUrl: services.databaseUrl,
        env: nodeEnv(services),
      }),
    );
  }
  return nodes;
}

/** The same person (same cookies) talking to another node, as behind a load balancer. */
export function on(node: TestServer, client: TestClient): TestClient {
  const moved = new TestClient(node.url);
  for (const [k, v] of client.cookies) moved.cookies.set(k, v);
  return moved;
}

/** Asks until the node refuses the request (other nodes hear of a change over Redis). */
export async function refused(client: TestClient, path: string): Promise<number> {
  for (;;) {
    const { status } = await client.get(path);
    if (status !== 200) return status;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
