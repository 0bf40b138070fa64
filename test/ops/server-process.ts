// A real `pulse serve` process (node server/cli.ts serve) on a loopback port for ops tests and the load test:
// started with a clean environment plus what the caller sets, ready when it prints its listening line.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServerOptions {
  databaseUrl: string;
  role?: 'all' | 'web' | 'worker';
  env?: Record<string, string>;
  /** What to run instead of `node server/cli.ts serve --role <role>` (the image check runs the Dockerfile's CMD). */
  command?: string[];
  cwd?: string;
  port?: number;
  /** Forward the server's stdout (its JSON logs) here; default: dropped. */
  onStdout?(chunk: string): void;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stderr(): string;
  /** Send `signal` and wait for the exit: its code (or 128 + signal number when killed) and the milliseconds it took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number; ms: number }>;
  exited: Promise<number>;
}

export const TEST_SECRET = 'ops-test-pulse-secret-0123456789abcdef';

export async function startServer(opts: ServerOptions): Promise<ServerProcess> {
  const command = opts.command ?? [process.execPath, 'server/cli.ts', 'serve', '--role', opts.role ?? 'all'];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: opts.cwd ?? repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: opts.databaseUrl,
      PULSE_SECRET: TEST_SECRET,
      HOST: '127.0.0.1',
      PORT: String(opts.port ?? 0),
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', opts.onStdout ? 'pipe' : 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
  });
  child.stdout?.on('data', (c: Buffer) => opts.onStdout?.(c.toString()));
  const exited = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : 15))),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s: ${err}`)), 60_000);
    const check = () => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stderr!.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${err}`));
    });
  });
  return {
    url,
    child,
    exited,
    stderr: () => err,
    stop: async (signal = 'SIGTERM') => {
      const sent = Date.now();
      child.kill(signal);
      const code = await exited;
      return { code, ms: Date.now() - sent };
    },
  };
}
