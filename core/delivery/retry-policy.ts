// When a delivery that failed transiently (429, 5xx, network) is tried again, and when the ledger gives up:
// exponential backoff from 30 s, doubling, capped at 30 min; after 8 attempts (about 1.5 h) it is failed.
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = { firstDelayMs: 30_000, maxDelayMs: 30 * 60_000, maxAttempts: 8 };

/** Delay before the next attempt after `attempts` attempts failed (1 -> first delay, 2 -> twice that, ...). */
export function retryDelayMs(attempts: number, policy: RetryPolicy = defaultRetryPolicy): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(exponent, 30));
}

/** True when another attempt is allowed after `attempts` attempts. */
export function mayRetry(attempts: number, policy: RetryPolicy = defaultRetryPolicy): boolean {
  return attempts < policy.maxAttempts;
}
