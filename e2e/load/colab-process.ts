import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../apps/server/dist/main.js', import.meta.url));

export interface ColabProcess {
  url: string;
  child: ChildProcess;
  /** Server CPU seconds (user + system) so far, from /proc. */
  cpuSeconds(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

/** The built server (`pnpm build`) on 127.0.0.1, embedded database in a fresh folder. */
export async function startColab(
  env: Record<string, string> = {},
  /** Extra node flags, e.g. `--cpu-prof` to see where the server spends its time. */
  { nodeArgs = [] }: { nodeArgs?: string[] } = {},
): Promise<ColabProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`pnpm build\` first.`);
  const dataDir = mkdtempSync(join(tmpdir(), 'colab-load-'));
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      COLAB_DATA_DIR: dataDir,
      // The load comes from one address: lift the per-IP limits meant for people.
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000000',
      // Every benchmark connection is one of a few accounts: lift the per-account limits too.
      COLLAB_ACCOUNT_MESSAGES_PER_SECOND: '1000000',
      COLLAB_ACCOUNT_MESSAGE_BURST: '1000000',
      SOCKET_ACCOUNT_EVENTS_PER_SECOND: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The port is read from the "listening" line, which is logged at info.
  if (['warn', 'error', 'fatal', 'silent'].includes(env.LOG_LEVEL ?? ''))
    throw new Error('startColab needs LOG_LEVEL info or lower to see the server listen');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Colab did not start in 60 s')), 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (process.env.BENCH_DEBUG) console.log('colab:', line);
      try {
        const entry = JSON.parse(line) as { port?: number; msg?: string };
        if (typeof entry.port === 'number' && String(entry.msg).includes('listening')) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${entry.port}`);
          if (process.env.BENCH_DEBUG) return;
          // From here on the log is drained unread: parsing a line per request would load
          // the load generator, and a full pipe would stall the server's synchronous logging.
          lines.close();
          child.stdout!.resume();
        }
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`Colab exited with ${code} before listening`)));
  }).catch((error) => {
    // A server that never said it listens is still stopped, and its folder removed.
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const proc = (file: string) => readFileSync(`/proc/${child.pid}/${file}`, 'utf8');
  return {
    url,
    child,
    cpuSeconds: () => {
      const fields = proc('stat').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(proc('status'))?.[1] ?? 0) / 1024,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An HTTP client with its own cookie jar, sending Colab's own Origin like a browser. */
export class Session {
  private cookies = new Map<string, string>();
  /** The signed-up person's id: the server takes a card only in its writer's own name. */
  userId = '';
  constructor(private readonly url: string) {}

  async signUp(name: string, email: string, password: string) {
    const body = await this.call<{ user: { id: string } }>('POST', '/api/auth/sign-up/email', {
      name,
      email,
      password,
    });
    this.userId = body.user.id;
  }

  get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async call<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.url), {
      method,
      headers: {
        origin: this.url,
        'content-type': 'application/json',
        ...(this.cookies.size ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
