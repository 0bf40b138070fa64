// First answers in minutes: a company linked with the Whop-key form (the Discord setup and the Slack modal go
// through the same call) gets its setup channel recorded and its first sync queued at once; the sync job's work
// (sync, rollups, then first answers) scores every counted member — with the rule-based score, the history being
// too short for any model, and says so — and posts exactly one "Pulse is ready" per setup channel, in the fake
// Discord and the fake Slack, with the figures worked out by hand in ready-company.ts. While the first sync is
// held mid-list, /pulse status shows how far it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, submitSetupKey } from '../../bot/interactions/dispatch.ts';
import type { BotDeps } from '../../bot/deps.ts';
import type { Answer } from '../../bot/answer.ts';
import { loadConfig } from '../../core/config.ts';
import { chooseScoringModel, ownModelSource, ruleSource } from '../../core/churn/model-sources.ts';
import { snapshotFeatures } from '../../core/churn/features.repository.ts';
import { recordSetupChannel } from '../../core/linking/setup-channels.repository.ts';
import { linkWorkspace } from '../../core/tenancy/index.ts';
import { buildJobContext, type JobContext } from '../../server/jobs/context.ts';
import { syncAndRefresh } from '../../server/jobs/company-job.ts';
import { firstAnswers } from '../../server/jobs/first-answers.ts';
import { RequestHold } from '../../demo/fake-whop/faults.ts';
import { startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import { openDeliveryWorld, type DeliveryWorld } from '../delivery/world.ts';
import { READY_BIZ, READY_NOW, readyCompany } from './ready-company.ts';

const KEY = 'whop_company_key_ready_co_5d1e';
const GUILD = '400000000000000001';
const DISCORD_CHANNEL = '400000000000000011';
const SLACK_TEAM = 'TREADY001';
const SLACK_CHANNEL = 'CREADY001';
const admin = { platform: 'discord' as const, userId: '400000000000000099', isAdmin: true, roleIds: [] as string[] };

describe('first answers after linking', () => {
  let w: DeliveryWorld;
  let whop: FakeWhop;
  let deps: BotDeps;
  let ctx: JobContext;
  let companyId: number;
  const queued: number[] = [];
  const field = (a: Answer, label: string) => a.fields.find((f) => f.label === label)?.value;

  beforeAll(async () => {
    w = await openDeliveryWorld();
    whop = await startFakeWhop({ dataset: { companies: [readyCompany()] }, apiKeys: { [KEY]: READY_BIZ } });
    const config = loadConfig({ DATABASE_URL: w.db.url, PULSE_SECRET: 's'.repeat(40), WHOP_API_BASE_URL: whop.url });
    const now = () => READY_NOW;
    deps = {
      config,
      db: w.pool,
      now,
      log: w.log,
      queueFirstSync: async (id) => {
        queued.push(id);
        return true;
      },
    };
    ctx = buildJobContext({
      config,
      pool: w.pool,
      log: w.log,
      signal: new AbortController().signal,
      now,
      deliverers: w.deliverers,
      botDeps: deps,
    });
  });
  afterAll(async () => {
    await whop?.close();
    await w?.close();
  });

  it('the Whop-key setup links the server, records the channel it was run in and queues the first sync at once', async () => {
    const answer = await submitSetupKey(deps, {
      platform: 'discord',
      workspaceId: GUILD,
      channelId: DISCORD_CHANNEL,
      actor: admin,
      whopApiKey: KEY,
      whopCompanyId: READY_BIZ,
    });
    expect(answer.title).toMatch(/^Linked to /);
    companyId = Number(
      (await w.pool.query('select id from companies where whop_company_id = $1', [READY_BIZ])).rows[0].id,
    );
    expect(queued).toEqual([companyId]);
    expect(
      (
        await w.pool.query('select platform, external_id, channel_id from setup_channels where company_id = $1', [
          companyId,
        ])
      ).rows,
    ).toEqual([{ platform: 'discord', external_id: GUILD, channel_id: DISCORD_CHANNEL }]);
    // A Slack workspace of the same company, linked by the operator with its setup channel.
    await linkWorkspace(w.pool, { platform: 'slack', externalId: SLACK_TEAM, companyId, linkedBy: 'cli' });
    await recordSetupChannel(w.pool, {
      companyId,
      platform: 'slack',
      externalId: SLACK_TEAM,
      channelId: SLACK_CHANNEL,
      at: READY_NOW,
    });
  });

  it('/pulse status shows the first sync as queued, then its progress while it runs', async () => {
    const status = () =>
      runCommand(deps, {
        platform: 'discord',
        workspaceId: GUILD,
        channelId: DISCORD_CHANNEL,
        actor: admin,
        name: 'pulse status',
        options: {},
      });
    expect(field(await status(), 'First sync')).toMatch(/^queued/);
    const hold = new RequestHold('/payments');
    whop.setFaults({ holds: [hold] });
    const sync = syncAndRefresh(ctx, companyId, 'incremental', { name: 'test' });
    await hold.arrived;
    const mid = field(await status(), 'First sync');
    // Held at payments: products, plans, members, memberships (and the small lists that ran alongside) are done.
    expect(mid).toMatch(/^started .+; \d+ of \d+ Whop lists begun so far are done, \d+ rows read\./);
    const [, done, begun, rowsRead] = /; (\d+) of (\d+) Whop lists begun so far are done, (\d+) rows read/.exec(mid!)!;
    expect(Number(done)).toBeLessThan(Number(begun));
    // 1 product + 1 plan + 4 members + 4 memberships at least, read before the payments list.
    expect(Number(rowsRead)).toBeGreaterThanOrEqual(10);
    hold.release();
    whop.setFaults({});
    expect(await sync).toBe('done');
    expect(field(await status(), 'First sync')).toMatch(
      /every list read \(\d+ rows\); scoring members and posting "Pulse is ready" next/,
    );
  });

  it('scores every counted member right after the first sync, with the shipped prior (no own or pooled model yet), and says so', async () => {
    const first = await firstAnswers(ctx, companyId);
    expect(first).toMatchObject({ scored: 3, source: 'prior', claimed: 2 });
    expect(first!.outcomes.map((o) => o.status)).toEqual(['posted', 'posted']);
    const { rows } = await w.pool.query<{ username: string; probability: number; source: string }>(
      `select m.username, p.probability, r.source from churn_predictions p join members m on m.id = p.member_id and m.company_id = p.company_id
       join churn_model_runs r on r.id = p.model_run_id where p.company_id = $1 order by m.username`,
      [companyId],
    );
    expect(rows.map((r) => [r.username, r.source])).toEqual([
      ['ana', 'prior'],
      ['ben', 'prior'],
      ['cleo', 'prior'],
    ]);
    // ben asked to cancel, cleo has been quiet for 60 days, ana is active: the prior orders them as the rules would.
    const p = Object.fromEntries(rows.map((r) => [r.username, r.probability]));
    expect(p.ben).toBeGreaterThan(p.cleo!);
    expect(p.cleo).toBeGreaterThan(p.ana!);
    const churn = await runCommand(deps, {
      platform: 'discord',
      workspaceId: GUILD,
      channelId: DISCORD_CHANNEL,
      actor: admin,
      name: 'churn',
      options: {},
    });
    expect(churn.footer.model).toMatch(/starting model learnt from simulated communities/);
  });

  it('scores with the rule-based score (worked by hand) when no model can be had', async () => {
    const chosen = await chooseScoringModel(w.pool, companyId, { asOf: READY_NOW }, [ownModelSource, ruleSource]);
    expect(chosen.source).toBe('rules');
    const features = await snapshotFeatures(w.pool, companyId, READY_NOW, [0]);
    const byUser = await w.pool.query<{ id: string; username: string }>(
      'select id, username from members where company_id = $1',
      [companyId],
    );
    const name = new Map(byUser.rows.map((r) => [Number(r.id), r.username]));
    const scored = chosen.score(features);
    const probability = Object.fromEntries(features.map((f, i) => [name.get(f.memberId), scored[i]!.probability]));
    // The points are worked out in ready-company.ts's header: ana 1 -> 0.2, ben 9 -> 0.8, cleo 3 -> 0.6.
    expect(probability).toEqual({
      ana: expect.closeTo(0.2, 6),
      ben: expect.closeTo(0.8, 6),
      cleo: expect.closeTo(0.6, 6),
    });
  });

  it('posts exactly one "Pulse is ready" in each setup channel, with the figures worked out by hand', async () => {
    const byPlatform = (a: { platform: string }, b: { platform: string }) => a.platform.localeCompare(b.platform);
    expect([...w.accepted()].sort(byPlatform)).toEqual(
      [
        { platform: 'discord', channelId: DISCORD_CHANNEL, title: 'Pulse is ready' },
        { platform: 'slack', channelId: SLACK_CHANNEL, title: expect.stringContaining('Pulse is ready') },
      ].sort(byPlatform),
    );
    const post = w.discord.requests.find(
      (r) => r.method === 'POST' && r.path === `/channels/${DISCORD_CHANNEL}/messages`,
    )!;
    const fields = Object.fromEntries(
      (post.json!.embeds[0].fields as Array<{ name: string; value: string }>).map((f) => [f.name, f.value]),
    );
    expect(fields['MRR']).toBe('$60');
    expect(fields['Paying members']).toBe('3');
    expect(fields['Active in the last 7 days']).toBe('1');
    // The at-risk line counts the stored predictions by level (the prior's probabilities; levels from risk.ts).
    const levels = await w.pool.query<{ risk: string; n: number }>(
      'select risk, count(*)::int as n from churn_predictions where company_id = $1 group by risk',
      [companyId],
    );
    const n = (risk: string) => levels.rows.find((r) => r.risk === risk)?.n ?? 0;
    expect(fields['At risk of leaving']).toBe(
      `${n('critical') + n('high')} of 3 scored: ${n('critical')} critical (over 70%), ${n('high')} high (50–70%), ${n('medium')} medium (30–50%)`,
    );
    expect(fields['Scored with']).toMatch(/starting model learnt from simulated communities/);
    // Later syncs make no more first answers, and nothing is posted again.
    expect(await syncAndRefresh(ctx, companyId, 'incremental', { name: 'test' })).toBe('done');
    expect(await firstAnswers(ctx, companyId)).toBeNull();
    expect(w.accepted()).toHaveLength(2);
    const status = await runCommand(deps, {
      platform: 'discord',
      workspaceId: GUILD,
      channelId: DISCORD_CHANNEL,
      actor: admin,
      name: 'pulse status',
      options: {},
    });
    expect(field(status, 'First sync')).toBeUndefined();
    expect(field(status, 'Churn model')).toMatch(
      /^model not yet validated on this install \(logistic regression, starting model learnt from simulated communities/,
    );
  });
});
