// One attempt at a claimed delivery: send it while keeping the lease alive, then record the outcome in the
// ledger — posted (with the message id), retry later with backoff (transient error), or failed (permanent
// error, or retries exhausted). The sending itself (render + platform call) is passed in, so core/ knows no
// platform; the caller says which errors are permanent.
import type { Queryable } from '../db/queryable.ts';
import {
  markFailed,
  markPosted,
  markRetry,
  releaseClaim,
  renewLease,
  type ClaimedDelivery,
} from './ledger.repository.ts';
import { defaultRetryPolicy, mayRetry, retryDelayMs, type RetryPolicy } from './retry-policy.ts';

export interface ErrorVerdict {
  permanent: boolean;
  /** What is stored and shown in /pulse status: never a secret, at most 500 characters kept. */
  message: string;
}

export interface AttemptOptions {
  now: () => Date;
  /** How long a claim is ours without renewal; renewed every third of it while sending. */
  leaseMs: number;
  classify(err: unknown): ErrorVerdict;
  policy?: RetryPolicy;
  /** Aborted before sending: the claim is released untried for another worker. */
  signal?: AbortSignal;
  onLeaseError?(err: unknown): void;
}

export type AttemptOutcome =
  | { status: 'posted'; messageId: string }
  | { status: 'retry'; retryAt: Date; error: string }
  | { status: 'failed'; error: string }
  | { status: 'released' }
  /** Our lease was taken over meanwhile: the newer holder's record stands. */
  | { status: 'superseded' };

export async function attemptDelivery(
  db: Queryable,
  d: ClaimedDelivery,
  send: () => Promise<{ messageId: string }>,
  opts: AttemptOptions,
): Promise<AttemptOutcome> {
  if (opts.signal?.aborted) {
    await releaseClaim(db, d, opts.now());
    return { status: 'released' };
  }
  const policy = opts.policy ?? defaultRetryPolicy;
  if (d.attempts > policy.maxAttempts) {
    // Taken over again and again without an outcome ever recorded: the attempts themselves crash the worker.
    const error = `gave up after ${d.attempts - 1} attempts that never finished (the worker stopped while posting)`;
    return (await markFailed(db, d, error)) ? { status: 'failed', error } : { status: 'superseded' };
  }
  // Still ours? A claim that waited its turn past its lease may have been taken over: then the newer holder
  // posts it, not us. Renewing (fenced by the attempt number) both checks and extends the lease.
  if (!(await renewLease(db, d, new Date(opts.now().getTime() + opts.leaseMs)))) return { status: 'superseded' };
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = renewLease(db, d, new Date(opts.now().getTime() + opts.leaseMs)).catch((err: unknown) =>
        opts.onLeaseError?.(err),
      );
    },
    Math.max(50, Math.floor(opts.leaseMs / 3)),
  );
  timer.unref();
  let result: { messageId: string } | undefined;
  let failure: unknown;
  try {
    result = await send();
  } catch (err) {
    failure = err ?? new Error('delivery failed');
  } finally {
    clearInterval(timer);
    await renewing;
  }
  if (result) {
    return (await markPosted(db, d, result.messageId, opts.now()))
      ? { status: 'posted', messageId: result.messageId }
      : { status: 'superseded' };
  }
  const verdict = opts.classify(failure);
  const error = verdict.message.slice(0, 500);
  if (!verdict.permanent && mayRetry(d.attempts, policy)) {
    const retryAt = new Date(opts.now().getTime() + retryDelayMs(d.attempts, policy));
    return (await markRetry(db, d, error, retryAt)) ? { status: 'retry', retryAt, error } : { status: 'superseded' };
  }
  const final = verdict.permanent ? error : `gave up after ${d.attempts} attempts: ${error}`.slice(0, 500);
  return (await markFailed(db, d, final)) ? { status: 'failed', error: final } : { status: 'superseded' };
}
