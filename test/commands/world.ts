// The chat world the command suites share: a fresh database with three companies built by hand (A: pro,
// three paying members, events, content, predictions; B: another company with one big customer; C: a free
// company with 52 at-risk members), workspace links for each, BotDeps on a real pool with a fixed clock,
// and a logger that records what it is given.
import pg from 'pg';
import { loadConfig, type Config } from '../../core/config.ts';
import { rollupContent } from '../../core/content/content-rollup.ts';
import { rollupEngagement } from '../../core/engagement/engagement-rollup.ts';
import { rebuildRevenueRollup } from '../../core/revenue/index.ts';
import { linkWorkspace, updateWorkspaceSettings, type Actor } from '../../core/tenancy/index.ts';
import type { BotDeps, BotLogger } from '../../bot/deps.ts';
import type { ChatRequest } from '../../bot/requests.ts';
import { prediction } from '../helpers/activity-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture } from '../helpers/fixtures.ts';

/** "Now" for every suite: Monday 15 June 2026, 12:00 UTC. */
export const NOW = new Date('2026-06-15T12:00:00Z');
/** The latest churn scoring of A and C: 14 June, 03:00 UTC. */
export const SCORED_AT = '2026-06-14T03:00:00Z';
export const SECRET = 'pulse-secret-for-command-tests-0123456789';

export const GUILD_A = '111111111111111111';
export const GUILD_B = '222222222222222222';
export const GUILD_C = '333333333333333333';
export const GUILD_UNLINKED = '999999999999999999';
export const STAFF_A = 'staff-a';
export const ROLE_A = 'role-moderators';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg?: string;
}

export interface World {
  db: TestDatabase;
  pool: pg.Pool;
  config: Config;
  logs: LogEntry[];
  deps: BotDeps;
  a: CompanyFixture;
  b: CompanyFixture;
  c: CompanyFixture;
  /** Prediction ids: A's Ann (critical) and Ben (medium); B's Zed (critical); C's first critical. */
  predictions: { ann: number; ben: number; zed: number; cFirst: number; cCritical: number[] };
  members: { ann: number; ben: number; dan: number };
  content: { welcome: number; rules: number };
  close(): Promise<void>;
}

export function recordingLogger(logs: LogEntry[]): BotLogger {
  return {
    info: (obj, msg) => void logs.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => void logs.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => void logs.push({ level: 'error', obj, msg }),
  };
}

export const admin: Actor = {
  platform: 'discord',
  userId: 'u-admin',
  displayName: 'Admin',
  isAdmin: true,
  roleIds: [],
};
export const moderator: Actor = { platform: 'discord', userId: 'u-mod', isAdmin: false, roleIds: [ROLE_A] };
export const member: Actor = { platform: 'discord', userId: 'u-member', isAdmin: false, roleIds: ['role-everyone'] };

export function request(workspaceId: string, actor: Actor = admin, channelId: string | null = 'general'): ChatRequest {
  return { platform: 'discord', workspaceId, actor, channelId };
}

const at = (day: string, time = '10:00') => `${day}T${time}:00Z`;

/** A: Ann $10 since April, Ben $30 since 20 May, Cat $10 from 20 April to 20 May, Dan $30 from 14 June. */
async function companyA(co: CompanyFixture) {
  const ten = await co.plan({ price: 1000, periodDays: 30 });
  const thirty = await co.plan({ price: 3000, periodDays: 30 });
  const ann = await co.member({ name: 'Ann Example', email: 'ann@example.com' });
  const ben = await co.member({ name: 'Ben Example' });
  const cat = await co.member({ name: 'Cat Example' });
  const dan = await co.member({ name: 'Dan Example' });
  await co.subscribe(ann, ten, { at: at('2026-04-01'), payments: 3 });
  await co.subscribe(ben, thirty, { at: at('2026-05-20'), payments: 1 });
  await co.subscribe(cat, ten, { at: at('2026-04-20'), payments: 1, endedAt: at('2026-05-20') });
  await co.subscribe(dan, thirty, { at: at('2026-06-14'), payments: 1 });
  // Ann: 10 messages on 10 May and 10 on 14 June; Cat one message on 1 May.
  await co.events(
    ann,
    Array.from({ length: 10 }, (_, i) => ({ at: at('2026-05-10', `1${i}:00`) })),
  );
  await co.events(
    ann,
    Array.from({ length: 10 }, (_, i) => ({ at: at('2026-06-14', `0${i}:30`) })),
  );
  await co.events(cat, [{ at: at('2026-05-01') }]);
  // Content: "Welcome post" viewed 3 times by Ann and twice by Ben; "Rules" twice by Ann (all in June).
  const welcome = await co.content({ kind: 'post', title: 'Welcome post' });
  const rules = await co.content({ kind: 'post', title: 'Rules' });
  await co.events(
    ann,
    [1, 2, 3].map((d) => ({ at: at(`2026-06-0${d}`), kind: 'visit' as const, content: welcome })),
  );
  await co.events(
    ben,
    [4, 5].map((d) => ({ at: at(`2026-06-0${d}`), kind: 'visit' as const, content: welcome })),
  );
  await co.events(
    ann,
    [6, 7].map((d) => ({ at: at(`2026-06-0${d}`), kind: 'visit' as const, content: rules })),
  );
  return { ann, ben, dan, welcome, rules };
}

async function withFactors(pool: pg.Pool, id: number, sentence: string, action: string): Promise<void> {
  await pool.query('update churn_predictions set factors = $2, actions = $3 where id = $1', [
    id,
    JSON.stringify([{ feature: 'days_since_activity', value: 9, contribution: 1.2, sentence }]),
    JSON.stringify([{ kind: 're_engagement_message', priority: 'high', text: action }]),
  ]);
}

export async function buildWorld(): Promise<World> {
  const db = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 6 });
  pool.on('error', () => undefined);
  const fx = fixtures(pool);
  const a = await fx.company({ name: 'Alpha Academy', tier: 'pro' });
  const b = await fx.company({ name: 'Beta Builders', tier: 'pro' });
  const c = await fx.company({ name: 'Gamma Guild', tier: 'free' });
  const rowsA = await companyA(a);
  const big = await b.plan({ price: 99_900, periodDays: 30 });
  const zed = await b.member({ name: 'Zed Secret' });
  await b.subscribe(zed, big, { at: at('2026-06-01'), payments: 1 });
  const ann = await prediction(pool, a.id, rowsA.ann.id, { scoredAt: SCORED_AT, risk: 'critical', probability: 0.82 });
  const ben = await prediction(pool, a.id, rowsA.ben.id, { scoredAt: SCORED_AT, risk: 'medium', probability: 0.4 });
  await withFactors(pool, ann, 'no activity for 9 days', 'Send a personal "we miss you" message');
  const zedPrediction = await prediction(pool, b.id, zed.id, {
    scoredAt: SCORED_AT,
    risk: 'critical',
    probability: 0.9,
  });
  // C: 6 critical (0.90 down to 0.85) and 46 medium members, written in two statements.
  const first = await c.member({ name: 'Gamma Member 01' });
  const cFirst = await prediction(pool, c.id, first.id, { scoredAt: SCORED_AT, risk: 'critical', probability: 0.9 });
  await pool.query(
    `insert into members (company_id, whop_user_id, name, status)
     select $1, 'user_gamma_' || i, 'Gamma Member ' || lpad(i::text, 2, '0'), 'joined' from generate_series(2, 52) i`,
    [c.id],
  );
  const rest = await pool.query<{ id: string }>(
    `insert into churn_predictions (company_id, member_id, model_run_id, scored_at, probability, risk, factors, actions, window_ends_at)
     select m.company_id, m.id, p.model_run_id, p.scored_at,
            case when i <= 6 then 0.91 - i * 0.01 else 0.5 - i * 0.001 end, case when i <= 6 then 'critical' else 'medium' end,
            '[]', '[]', p.window_ends_at
     from generate_series(2, 52) i
     join members m on m.company_id = $1 and m.whop_user_id = 'user_gamma_' || i
     join churn_predictions p on p.id = $2
     order by i returning id`,
    [c.id, cFirst],
  );
  const cCritical = [cFirst, ...rest.rows.slice(0, 5).map((r) => Number(r.id))];
  // As the pipeline does (core/pipeline/refresh.ts): revenue first, engagement counts its customers.
  await rebuildRevenueRollup(pool, a.id, NOW);
  await rollupEngagement(pool, a.id, '2026-04-01', '2026-06-15');
  await rollupContent(pool, a.id, '2026-06-01', '2026-06-15');
  const linkA = await linkWorkspace(pool, {
    platform: 'discord',
    externalId: GUILD_A,
    companyId: a.id,
    linkedBy: 'discord:u-admin',
  });
  await updateWorkspaceSettings(pool, a.id, linkA.id, {
    staffChannelId: STAFF_A,
    allowedRoleIds: [ROLE_A],
    digestChannelId: 'digest-a',
    alertChannelId: 'alerts-a',
  });
  await linkWorkspace(pool, { platform: 'discord', externalId: GUILD_B, companyId: b.id, linkedBy: 'discord:u-admin' });
  const linkC = await linkWorkspace(pool, {
    platform: 'discord',
    externalId: GUILD_C,
    companyId: c.id,
    linkedBy: 'discord:u-admin',
  });
  await updateWorkspaceSettings(pool, c.id, linkC.id, { staffChannelId: 'staff-c', alertChannelId: 'staff-c' });
  const config = loadConfig({
    DATABASE_URL: db.url,
    PULSE_SECRET: SECRET,
    WHOP_API_BASE_URL: 'http://127.0.0.1:9/api/v1',
  });
  const logs: LogEntry[] = [];
  const deps: BotDeps = { config, db: pool, now: () => NOW, log: recordingLogger(logs) };
  return {
    db,
    pool,
    config,
    logs,
    deps,
    a,
    b,
    c,
    predictions: { ann, ben, zed: zedPrediction, cFirst, cCritical },
    members: { ann: rowsA.ann.id, ben: rowsA.ben.id, dan: rowsA.dan.id },
    content: { welcome: rowsA.welcome.id, rules: rowsA.rules.id },
    async close() {
      await pool.end();
      await db.drop();
    },
  };
}
