import { describe, expect, it } from 'vitest';
import { RateLimitError, InternalServerError, BadRequestError, APIConnectionError } from '@whop/sdk';
import { retryAfterBodyMs, retryAfterHeaderMs, withRetry, type RetryPolicy } from './retry.ts';

const fast: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 4, maxRateLimitWaitMs: 1_000 };
const body = (s: number) => ({ error: { type: 'rate_limit_exceeded', message: `Try again in ${s} seconds.` } });

describe('retry', () => {
  it("reads Whop's 429 body and the Retry-After header", () => {
    expect(retryAfterBodyMs(body(12))).toBe(12_000);
    expect(retryAfterBodyMs('Try again in 1 second.')).toBe(1_000);
    expect(retryAfterBodyMs({ error: { message: 'slow down' } })).toBeUndefined();
    expect(retryAfterHeaderMs(new Headers({ 'retry-after': '3' }))).toBe(3_000);
    const at = new Date(Date.now() + 10_000).toUTCString();
    expect(retryAfterHeaderMs(new Headers({ 'retry-after': at }))).toBeGreaterThan(8_000);
    expect(retryAfterHeaderMs(new Headers())).toBeUndefined();
  });

  it('waits as long as a 429 body says before trying again', async () => {
    let calls = 0;
    const started = Date.now();
    const out = await withRetry(
      async () => {
        if (++calls === 1) throw new RateLimitError(429, body(0.3), 'rate limited', new Headers());
        return 'ok';
      },
      { policy: fast },
    );
    expect(out).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('retries 5xx and connection errors up to the limit, never a 400', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new InternalServerError(500, {}, 'boom', new Headers());
        },
        { policy: fast },
      ),
    ).rejects.toMatchObject({ status: 500 });
    expect(calls).toBe(4);
    calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new BadRequestError(400, {}, 'bad', new Headers());
        },
        { policy: fast },
      ),
    ).rejects.toMatchObject({ status: 400 });
    expect(calls).toBe(1);
    calls = 0;
    expect(
      await withRetry(
        async () => {
          if (++calls < 3) throw new APIConnectionError({ message: 'reset' });
          return calls;
        },
        { policy: fast },
      ),
    ).toBe(3);
  });

  it('stops at once when aborted', async () => {
    const ctl = new AbortController();
    const run = withRetry(
      async () => {
        throw new RateLimitError(429, body(30), 'rate limited', new Headers());
      },
      { policy: fast, signal: ctl.signal },
    );
    setTimeout(() => ctl.abort(new Error('stop')), 20);
    await expect(run).rejects.toThrow('stop');
  });
});
