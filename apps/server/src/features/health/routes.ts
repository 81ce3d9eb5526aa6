import { Router } from 'express';
import { problem, sendProblem } from '../../http/problem.ts';

export interface ReadinessProbe {
  /** Rejects when the database does not answer. */
  ping(): Promise<void>;
  /** True once shutdown has begun: a load balancer should stop sending traffic. */
  isShuttingDown(): boolean;
  /**
   * Shared documents this node holds in memory (a leak shows here first), counting those
   * still being stored after their last client left.
   */
  openDocuments(): number;
  /** Optional services this node runs without right now (e.g. Redis between nodes). */
  degraded?(): string[];
}

const READY_TIMEOUT_MS = 2_000;

export function healthRoutes(probe: ReadinessProbe): Router {
  const router = Router();
  // Liveness: the process is up and its event loop turns.
  // A node without Redis still serves its own clients, so it stays live and ready; it says
  // what is missing so that monitoring can tell "up" from "up but cut off from the others".
  router.get('/healthz', (_req, res) => {
    const degraded = probe.degraded?.() ?? [];
    res.json(
      degraded.length
        ? { status: 'degraded', degraded, documents: probe.openDocuments() }
        : { status: 'ok', documents: probe.openDocuments() },
    );
  });
  // Readiness: the database answers in time and we are not shutting down.
  router.get('/readyz', async (_req, res) => {
    if (probe.isShuttingDown()) {
      return sendProblem(res, problem(503, 'Shutting down.', { code: 'shutting_down' }));
    }
    try {
      await withTimeout(probe.ping(), READY_TIMEOUT_MS);
      res.json({ status: 'ready' });
    } catch {
      sendProblem(
        res,
        problem(503, 'The database is not answering.', { code: 'database_unavailable' }),
      );
    }
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
