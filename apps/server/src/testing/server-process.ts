import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// The built bundle, exactly what `pnpm start` runs: bundling mistakes show up here.
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the "listening" log line. */
  listeningAfterMs: number;
  spawnedAt: number;
  logs: Record<string, unknown>[];
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/** Runs the built server as its own process, as `pnpm start` does, on a port it picks itself. */
export async function spawnServer(
  env: Record<string, string>,
  /** A command to run the server under, e.g. `['prlimit', '--fsize=65536', '--']`. */
  wrapper: string[] = [],
): Promise<ServerProcess> {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run \`pnpm build\` first (pnpm test does).`);
  const spawnedAt = performance.now();
  const [command, ...args] = [...wrapper, process.execPath, '--enable-source-maps', MAIN];
  const child = spawn(command!, args, {
    // A single node unless the test says otherwise, whatever REDIS_URL CI exports.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind a failed test.
      child.kill('SIGKILL');
      reject(new Error(`server did not start in 30 s:\n${stderr}`));
    }, 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.port === 'number' && String(entry.msg).includes('listening')) {
          clearTimeout(timer);
          resolve(`http://localhost:${entry.port}`);
        }
      } catch {
        // not a log line
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });
  return { child, url, listeningAfterMs: performance.now() - spawnedAt, spawnedAt, logs, exited };
}
