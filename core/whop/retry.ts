// Retries around one @whop/sdk call (the SDK itself runs with maxRetries 0 so that this policy is the only one):
// 429 waits for Retry-After or the body's "Try again in N seconds." and pauses every caller of the same
// credential; 408/409/5xx, refused or dropped connections and bodies cut mid-stream back off exponentially with
// jitter. Aborts and other 4xx are thrown at once.
import { APIError, APIUserAbortError } from '@whop/sdk';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest wait accepted from a 429; a longer one is capped (and retried). */
  maxRateLimitWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 15_000,
  maxRateLimitWaitMs: 120_000,
};

export interface RetryEvent {
  attempt: number;
  waitMs: number;
  reason: 'rate_limited' | 'server_error' | 'connection';
}

/** Shared by all callers of one credential: a 429 pauses them all until the limit resets. */
export class RateGate {
  private resumeAt = 0;
  pause(untilMs: number): void {
    this.resumeAt = Math.max(this.resumeAt, untilMs);
  }
  async wait(signal?: AbortSignal): Promise<void> {
    const ms = this.resumeAt - Date.now();
    if (ms > 0) await sleep(ms, signal);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), in ms. */
export function retryAfterHeaderMs(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** "Try again in 12 seconds." in Whop's 429 body, in ms. */
export function retryAfterBodyMs(body: unknown): number | undefined {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  const m = /try again in (\d+(?:\.\d+)?) ?s(?:econds?)?/i.exec(text);
  return m ? Number(m[1]) * 1000 : undefined;
}

function backoffMs(attempt: number, p: RetryPolicy): number {
  const ceiling = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function classify(err: unknown, attempt: number, p: RetryPolicy): RetryEvent | undefined {
  if (err instanceof APIUserAbortError) return undefined;
  if (err instanceof APIError && err.status !== undefined) {
    if (err.status === 429) {
      const told = Math.max(
        retryAfterHeaderMs(err.headers) ?? 0,
        retryAfterBodyMs(err.error) ?? retryAfterBodyMs(err.message) ?? 0,
      );
      const base = told > 0 ? Math.min(told, p.maxRateLimitWaitMs) : backoffMs(attempt, p);
      return { attempt, waitMs: base + Math.random() * Math.min(500, base * 0.1), reason: 'rate_limited' };
    }
    if (err.status === 408 || err.status === 409 || err.status >= 500)
      return { attempt, waitMs: backoffMs(attempt, p), reason: 'server_error' };
    return undefined;
  }
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) return undefined;
  // APIConnectionError (refused, reset, timed out) and a body cut mid-stream (undici "terminated", bad JSON).
  return { attempt, waitMs: backoffMs(attempt, p), reason: 'connection' };
}

export interface RetryOptions {
  policy?: RetryPolicy;
  gate?: RateGate;
  signal?: AbortSignal;
  onRetry?(event: RetryEvent): void;
}

export async function withRetry<T>(call: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const policy = opts.policy ?? defaultRetryPolicy;
  for (let attempt = 1; ; attempt++) {
    await opts.gate?.wait(opts.signal);
    opts.signal?.throwIfAborted();
    try {
      return await call();
    } catch (err) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      const event = attempt < policy.maxAttempts ? classify(err, attempt, policy) : undefined;
      if (!event) throw err;
      if (event.reason === 'rate_limited') opts.gate?.pause(Date.now() + event.waitMs);
      opts.onRetry?.(event);
      await sleep(event.waitMs, opts.signal);
    }
  }
}
