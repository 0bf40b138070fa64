// Graceful shutdown: on the first SIGTERM/SIGINT close everything (drainHttp for the server: stop accepting,
// let in-flight requests finish for a bounded time, then cut what is left) and exit 0; exit 1 if closing fails
// or is still going after `limitMs` (10 s; fly.toml's kill_timeout leaves room for it before SIGKILL); a second
// signal exits at once.
import type { Server } from 'node:http';

export interface ShutdownOptions {
  /** Exit no later than this after the first signal, whatever is still closing. Default 10 s. */
  limitMs?: number;
  signals?: NodeJS.Signals[];
  /** Tests pass their own emitter, exit and output. */
  target?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
  exit?: (code: number) => void;
  write?: (line: string) => void;
}

const signalCodes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Install the handlers; returns a function that removes them. */
export function onShutdown(close: () => Promise<void>, opts: ShutdownOptions = {}): () => void {
  const target = opts.target ?? process;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const write = opts.write ?? ((line: string) => process.stderr.write(line));
  const limitMs = opts.limitMs ?? 10_000;
  const signals = opts.signals ?? ['SIGTERM', 'SIGINT'];
  let started: number | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (started !== undefined) {
      write(`pulse: ${signal} again, exiting now\n`);
      return exit(signalCodes[signal] ?? 1);
    }
    started = Date.now();
    write(`pulse: ${signal}, shutting down (at most ${limitMs / 1000} s)\n`);
    const hard = setTimeout(() => {
      write(`pulse: still closing after ${limitMs / 1000} s; exiting anyway\n`);
      exit(1);
    }, limitMs);
    close().then(
      () => {
        clearTimeout(hard);
        write(`pulse: stopped in ${Date.now() - started!} ms\n`);
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(hard);
        write(`pulse: error while shutting down: ${err instanceof Error ? err.message : String(err)}\n`);
        exit(1);
      },
    );
  };
  for (const s of signals) target.on(s, handler);
  return () => {
    for (const s of signals) target.off(s, handler);
  };
}

/**
 * Stop accepting connections and wait for the requests in flight; after `graceMs`, cut the connections still
 * open. Resolves once the server is closed. Only the listening socket: the app's onClose hooks (webhook inbox
 * drain, shared pools) are left for `app.close()` afterwards, so jobs still draining keep their database. A
 * keep-alive connection whose request finishes during the wait would stay open until its keep-alive timeout
 * (server.close() closes only the connections idle when it is called): idle ones are closed every 50 ms.
 */
export function drainHttp(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
  });
}
