// The coach when the model fails (500, timeout, 429: the offline analyst answers and says so), and its limits:
// questions and tokens counted per month, the tier's quota refused without a model call, the per-user rate limit.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { coachUsage } from '../../core/coach/index.ts';
import { asOf } from './coach-fixture.ts';
import { startModelHarness, type ModelHarness } from './model-harness.ts';

let h: ModelHarness;

beforeAll(async () => {
  h = await startModelHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.reset());

describe('when the model fails', () => {
  it('falls back to the offline analyst on a 500, and says so', async () => {
    h.fake.setMode({ kind: 'error500' });
    const reply = await h.ask('Why is my revenue down?');
    expect(reply.answeredBy).toBe('offline analyst');
    expect(reply.text).toMatch(/^_Offline analyst: the AI model \(fake-coach-1\) did not answer \(HTTP 500\)/);
    expect(reply.text).toContain('MRR went from $290 to $240, −$50 (−17.2%)');
    expect(h.fake.requests).toHaveLength(2); // the client's one retry
    expect(h.warnings.at(-1)).toMatchObject({ reason: 'HTTP 500', model: 'fake-coach-1' });
    expect(JSON.stringify(h.warnings)).not.toContain(h.fake.apiKey);
  });

  it('falls back on a timeout', async () => {
    // The fake answers only after longer than the test may run: the coach's own timeout (1.5 s here) is the only
    // way this reply can come back, however slow the machine.
    h.fake.setMode({ kind: 'slow', delayMs: 300_000 });
    const reply = await h.ask('How can I reduce churn?');
    expect(reply.answeredBy).toBe('offline analyst');
    expect(reply.text).toMatch(/did not answer \(timed out\)/);
    expect(reply.text).toContain('2 of 7 customers left: customer churn 28.6%');
  });

  it('falls back on a 429 and counts the tokens of rounds that did answer', async () => {
    // the first round answers (120 tokens), then every request is rate limited
    h.fake.script([
      () => {
        h.fake.setMode({ kind: 'rate_limited' });
        return { toolCalls: [{ name: 'get_revenue', arguments: { period: 'last_7_days' } }] };
      },
    ]);
    const before = await coachUsage(h.pool, h.world.acme.id, asOf);
    const reply = await h.ask('What content performs best?');
    expect(reply.answeredBy).toBe('offline analyst');
    expect(reply.text).toMatch(/did not answer \(HTTP 429\)/);
    expect(reply.tokens).toBe(120);
    expect(reply.text).toContain('"Launch Course": 7 views from 4 members');
    const after = await coachUsage(h.pool, h.world.acme.id, asOf);
    expect([after.questions - before.questions, after.tokens - before.tokens]).toEqual([1, 120]);
  });
});

describe('usage and limits', () => {
  it('counts questions and tokens per month for /pulse status', async () => {
    const before = await coachUsage(h.pool, h.world.acme.id, asOf);
    h.fake.script([{ content: 'one' }]);
    await h.ask('Quick one?');
    const after = await coachUsage(h.pool, h.world.acme.id, asOf);
    expect(after).toMatchObject({ month: '2026-03-01', resetsOn: '2026-04-01', tier: 'pro', limit: 500 });
    expect([after.questions - before.questions, after.tokens - before.tokens]).toEqual([1, 120]);
    expect(after.remaining).toBe(500 - after.questions);
  });

  it("refuses with a clear message when the month's questions are used up, without calling the model", async () => {
    await h.pool.query(
      `insert into coach_usage (company_id, month, questions, tokens) values ($1, '2026-03-01', 9, 0)`,
      [h.world.tiny.id],
    );
    h.fake.script([{ content: 'the tenth' }]);
    await expect(h.ask('Tenth question?', { companyId: h.world.tiny.id })).resolves.toMatchObject({
      text: 'the tenth',
    });
    const calls = h.fake.requests.length;
    const refusal = h.ask('Eleventh question?', { companyId: h.world.tiny.id });
    await expect(refusal).rejects.toMatchObject({
      name: 'TierLimit',
      limit: { kind: 'ai', allowed: 10, tier: 'free' },
      message:
        "Your free plan includes 10 AI coach questions a month, and this month's are all used. The count starts again on 2026-04-01. Upgrade to Pro for 500 questions a month.",
    });
    expect(h.fake.requests).toHaveLength(calls);
    expect(await coachUsage(h.pool, h.world.tiny.id, asOf)).toMatchObject({ questions: 10, limit: 10, remaining: 0 });
  });

  it('lets one user ask 5 questions a minute, across channels, then says how long to wait', async () => {
    const user = 'discord:hasty';
    const start = h.clock.ms;
    for (let i = 0; i < 5; i++) {
      h.clock.ms = start + i * 1_000;
      await h.ask(`Question ${i}?`, { userRef: user, channelId: i % 2 ? 'C1' : 'C2' });
    }
    h.clock.ms = start + 10_000;
    const before = (await coachUsage(h.pool, h.world.acme.id, asOf)).questions;
    const calls = h.fake.requests.length;
    // the oldest of the five leaves the window 60 s after it was asked: 50 s from now
    await expect(h.ask('One more?', { userRef: user })).rejects.toMatchObject({
      name: 'CoachRateLimited',
      retryAfterSeconds: 50,
    });
    expect(h.fake.requests).toHaveLength(calls);
    expect((await coachUsage(h.pool, h.world.acme.id, asOf)).questions).toBe(before);
    await expect(h.ask('Someone else?', { userRef: 'discord:patient' })).resolves.toMatchObject({
      answeredBy: 'model fake-coach-1',
    });
    h.clock.ms = start + 60_001;
    await expect(h.ask('One more now?', { userRef: user })).resolves.toMatchObject({
      answeredBy: 'model fake-coach-1',
    });
  });
});
