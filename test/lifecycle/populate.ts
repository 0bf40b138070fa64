// Rows for a company in as many of its tables as the product writes: catalogue, members, subscriptions with
// payments, a refund and a failed payment, content and activity, every rollup (the nightly refresh), a churn
// prediction with feedback and an alert episode, a workspace link with a digest channel, a report link, a
// claimed delivery, the coach's conversation and usage, sync state, a stored webhook and a queued job.
import type pg from 'pg';
import { createReportLinks } from '../../core/reports/index.ts';
import { claimDeliveries } from '../../core/delivery/index.ts';
import { linkWorkspace, updateWorkspaceSettings } from '../../core/tenancy/index.ts';
import { refreshRollups } from '../../server/jobs/rollups-refresh.ts';
import { prediction } from '../helpers/activity-fixtures.ts';
import type { CompanyFixture } from '../helpers/fixtures.ts';

export interface Populated {
  annUserId: string;
  bobUserId: string;
  linkId: number;
  reportToken: string;
  deliveryIds: number[];
}

export async function populate(
  pool: pg.Pool,
  co: CompanyFixture,
  o: { guild: string; channel: string; digestHour: number; now: Date },
): Promise<Populated> {
  const plan = await co.plan({ price: 2000, periodDays: 30 });
  const ann = await co.member({ name: 'Ann Example', username: 'annex', email: 'ann@example.com' });
  const bob = await co.member({ name: 'Bob Sample', username: 'bobsa', email: 'bob@example.com' });
  const annSub = await co.subscribe(ann, plan, { at: '2026-09-01T10:00:00Z', payments: 3 });
  const bobSub = await co.subscribe(bob, plan, { at: '2026-10-01T10:00:00Z', payments: 2 });
  await co.refund(annSub.payments[2]!, { at: '2026-11-02T00:00:00Z', amount: 500 });
  await co.failedPayment(bobSub.membership, { failedAt: '2026-11-20T00:00:00Z' });
  const course = await co.content({ kind: 'course', title: 'Course' });
  const lesson = await co.content({ kind: 'lesson', parent: course, position: 1, title: 'Lesson 1' });
  for (const [m, day] of [
    [ann, '2026-11-24'],
    [bob, '2026-11-25'],
    [ann, '2026-11-26'],
  ] as const) {
    await co.event(m, { at: `${day}T09:00:00Z`, kind: 'message' });
    await co.event(m, { at: `${day}T10:00:00Z`, kind: 'lesson_complete', content: lesson });
  }
  await refreshRollups(pool, co.id, { asOf: o.now, mode: 'full' });
  const predictionId = await prediction(pool, co.id, ann.id, { scoredAt: '2026-11-26T04:30:00Z', risk: 'critical' });
  await pool.query(
    `insert into churn_feedback (company_id, member_id, prediction_id, label, given_by) values ($1, $2, $3, 'contacted', 'discord:1')`,
    [co.id, ann.id, predictionId],
  );
  await pool.query(
    `insert into churn_alerts (company_id, member_id, prediction_id, risk, started_at) values ($1, $2, $3, 'critical', $4)`,
    [co.id, ann.id, predictionId, '2026-11-26T04:30:00Z'],
  );
  await pool.query(
    `insert into churn_outreach (company_id, click_key, prediction_id, member_id, status, channel, message, sent_by) values ($1, 'discord:1', $2, $3, 'sent', 'whop', 'Hi Ann', 'discord:1')`,
    [co.id, predictionId, ann.id],
  );
  const link = await linkWorkspace(pool, {
    platform: 'discord',
    externalId: o.guild,
    companyId: co.id,
    linkedBy: 'discord:owner',
  });
  await updateWorkspaceSettings(pool, co.id, link.id, { digestChannelId: o.channel, digestHour: o.digestHour });
  const reports = createReportLinks({
    db: pool,
    secret: 'lifecycle-test-secret-0123456789abcdef01',
    publicUrl: 'https://pulse.example',
    now: () => o.now,
  });
  const report = await reports.create({ companyId: co.id, kind: 'overview', createdBy: 'test' });
  await reports.create({ companyId: co.id, kind: 'member', params: { memberId: ann.id }, createdBy: 'test' });
  const claimed = await claimDeliveries(
    pool,
    [
      {
        companyId: co.id,
        workspaceLinkId: link.id,
        kind: 'churn_alert',
        period: '2026-11-26',
        platform: 'discord',
        channelId: o.channel,
        payload: { predictionIds: [predictionId] },
      },
    ],
    { now: o.now, leaseMs: 60_000 },
  );
  await pool.query(
    `insert into coach_conversations (company_id, workspace_link_id, user_ref, channel_ref, summary, turns)
    values ($1, $2, 'discord:1', '', 'Asked about Ann Example', '[{"question":"who is at risk?","answer":"Ann Example"}]'::jsonb),
           ($1, $2, 'discord:2', '', 'Asked about revenue', '[{"question":"mrr?","answer":"$40"}]'::jsonb)`,
    [co.id, link.id],
  );
  await pool.query(`insert into coach_usage (company_id, month, questions, tokens) values ($1, '2026-11-01', 3, 900)`, [
    co.id,
  ]);
  await pool.query(
    `insert into sync_state (company_id, resource, status, started_at, finished_at, counts) values ($1, 'members', 'done', $2, $2, '{}')`,
    [co.id, o.now],
  );
  const annUser = (
    await pool.query<{ whop_user_id: string }>('select whop_user_id from members where id = $1', [ann.id])
  ).rows[0]!.whop_user_id;
  const bobUser = (
    await pool.query<{ whop_user_id: string }>('select whop_user_id from members where id = $1', [bob.id])
  ).rows[0]!.whop_user_id;
  for (const [n, user] of [
    [1, annUser],
    [2, bobUser],
  ] as const) {
    await pool.query(
      `insert into webhook_inbox (webhook_id, company_id, whop_company_id, event_type, payload, applied_at)
      values ($1, $2, $3, 'membership.activated', $4::jsonb, now())`,
      [`msg_${co.whopId}_${n}`, co.id, co.whopId, JSON.stringify({ data: { user: { id: user } } })],
    );
  }
  await pool.query(
    `insert into webhook_inbox (webhook_id, whop_company_id, event_type, payload) values ($1, $2, 'payment.created', '{}'::jsonb)`,
    [`msg_${co.whopId}_early`, co.whopId],
  );
  await pool.query(`insert into agenda_jobs (name, data, next_run_at) values ('whop:sync-company', $1::jsonb, now())`, [
    JSON.stringify({ companyId: co.id }),
  ]);
  return {
    annUserId: annUser,
    bobUserId: bobUser,
    linkId: link.id,
    reportToken: report.url.split('/r/')[1]!,
    deliveryIds: claimed.map((c) => c.id),
  };
}

/** Rows per table (every table with company_id, plus webhooks by Whop id and Agenda jobs) for one company. */
export async function rowCounts(
  pool: pg.Pool,
  companyId: number,
  whopCompanyId: string,
  tables: Array<{ table: string; column: string }>,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from "${t.table}" where "${t.column}" = $1`,
      [t.column === 'company_id' ? companyId : whopCompanyId],
    );
    out[t.column === 'company_id' ? t.table : `${t.table}.${t.column}`] = rows[0]!.n;
  }
  out.agenda_jobs = (
    await pool.query<{ n: number }>(`select count(*)::int as n from agenda_jobs where data->>'companyId' = $1`, [
      String(companyId),
    ])
  ).rows[0]!.n;
  out.companies = (
    await pool.query<{ n: number }>('select count(*)::int as n from companies where id = $1', [companyId])
  ).rows[0]!.n;
  return out;
}
