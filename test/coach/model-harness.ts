// Shared set-up of the model suites: a fresh database with the coach fixture, the loopback fake OpenAI
// endpoint, and a coach whose official openai client points at it, with a clock the tests move.
import pg from 'pg';
import type { Coach } from '../../bot/deps.ts';
import { createCoach, type CoachReply } from '../../core/coach/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server.ts';
import type { ChatRequestBody } from '../fakes/openai/checks.ts';
import { asOf, buildCoachWorld, type CoachWorld } from './coach-fixture.ts';

export interface ModelHarness {
  pool: pg.Pool;
  world: CoachWorld;
  fake: FakeOpenAI;
  /** What the coach logged as warnings. */
  warnings: object[];
  /** The coach's clock (ms); figures stay as of `asOf`. */
  clock: { ms: number };
  /** A question from a new user (or `userRef`), names allowed. */
  ask(question: string, opts?: { userRef?: string; companyId?: number; channelId?: string }): Promise<CoachReply>;
  /** The body of the latest request the fake received. */
  lastRequest(): ChatRequestBody;
  /** Before each test: no recorded requests, no script, mode ok. */
  reset(): void;
  close(): Promise<void>;
}

/** The tool results in a request, by tool call id. */
export const toolResults = (body: ChatRequestBody) =>
  new Map(
    body.messages.filter((m) => m.role === 'tool').map((m) => [m.tool_call_id!, JSON.parse(m.content as string)]),
  );

/** The ids the fake gave its tool calls in a request's history, in order. */
export const fakeCallIds = (body: ChatRequestBody) =>
  body.messages
    .flatMap((m) => m.tool_calls ?? [])
    .map((c) => c.id)
    .filter((id) => id.startsWith('call_fake_'));

export async function startModelHarness(): Promise<ModelHarness> {
  const db: TestDatabase = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 6 });
  const world = await buildCoachWorld(pool);
  const fake = await startFakeOpenAI();
  const warnings: object[] = [];
  const clock = { ms: asOf.getTime() };
  const log = { info: () => undefined, warn: (o: object) => void warnings.push(o), error: () => undefined };
  const coach = createCoach({
    db: pool,
    now: () => new Date(clock.ms),
    log,
    modelTimeoutMs: 1_500,
    config: { OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.url, OPENAI_MODEL: fake.model },
  }) satisfies Coach; // what BotDeps.coach expects
  let asker = 0;
  return {
    pool,
    world,
    fake,
    warnings,
    clock,
    ask: (question, opts = {}) =>
      coach.ask({
        companyId: opts.companyId ?? world.acme.id,
        workspaceLinkId: null,
        userRef: opts.userRef ?? `slack:U${++asker}`,
        question,
        asOf,
        memberNames: true,
        channelId: opts.channelId,
      }),
    lastRequest: () => fake.requests[fake.requests.length - 1]!.body,
    reset() {
      fake.requests.length = 0;
      fake.refused.length = 0;
      fake.setMode({ kind: 'ok' });
      fake.script([]);
    },
    async close() {
      await fake.close();
      await pool.end();
      await db.drop();
    },
  };
}
