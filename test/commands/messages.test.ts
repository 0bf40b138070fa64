// The scheduled posts: the daily and weekly digest (the same figures as the commands, names only in the
// staff channel) and churn alerts (one company's predictions only; batched past 5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../bot/answer.ts';
import { runAction, runCommand } from '../../bot/interactions/dispatch.ts';
import { buildChurnAlert } from '../../bot/messages/churn-alert.ts';
import { buildDigest } from '../../bot/messages/digest.ts';
import { findTenant, updateWorkspaceSettings, type Tenant } from '../../core/tenancy/index.ts';
import { buildWorld, GUILD_A, GUILD_C, NOW, request, STAFF_A, type World } from './world.ts';

let w: World;
let tenantA: Tenant;
beforeAll(async () => {
  w = await buildWorld();
  tenantA = (await findTenant(w.pool, 'discord', GUILD_A))!;
});
afterAll(async () => {
  await w?.close();
});

const field = (a: Answer, label: string) => a.fields.find((f) => f.label === label)?.value;

describe('digest', () => {
  it('daily: yesterday against the day before, with the reveal button outside the staff channel', async () => {
    const d = await buildDigest(w.deps, tenantA, { kind: 'daily', asOf: NOW });
    expect(d.title).toBe('Daily digest · 14 Jun 2026');
    // End of 14 June: Ann 1000 + Ben 3000 + Dan 3000 (new that day) = 7000; end of 13 June 4000.
    expect(field(d, 'MRR')).toBe('$70\n+$30 (+75%)');
    expect(field(d, 'Net new MRR')).toBe('+$30\n$0 the day before');
    // 14 June: Ann active (messages that day); 13 June: Ann active (content visit on 7 June, 6 days before).
    expect(field(d, 'Active members')).toBe('1 (±0)');
    // Ann critical from the 14 June 03:00 scoring; nobody scored by the end of 13 June.
    expect(field(d, 'At risk')).toBe('1 (+1)');
    expect(d.summary).toBe('1 open churn alert (critical or high risk).');
    expect(field(d, 'Try this today')).toBe(
      'Your most urgent at-risk member: send a personal "we miss you" message. Press **Show the members** to see who.',
    );
    expect(d.components).toEqual([
      [{ type: 'button', id: 'p1:reveal:urgent', label: 'Show the members', style: 'primary' }],
    ]);
    expect(d.tables).toEqual([]);
    expect(d.memberLevel).toBe(false);
    expect(JSON.stringify(d)).not.toMatch(/Ann|Ben|Dan/);
    expect(d.charts[0]!.spec.kind).toBe('mrr');
    if (d.charts[0]!.spec.kind !== 'mrr') throw new Error('not MRR');
    expect(d.charts[0]!.spec.data.history.at(-1)).toEqual({ date: '2026-06-14', mrr: 7000 });
    expect(d.footer.period).toBe('14 Jun 2026 (UTC)');
  });

  it('shows the same MRR as /revenue for the same day', async () => {
    const d = await buildDigest(w.deps, tenantA, { kind: 'daily', asOf: NOW });
    const r = await runCommand(w.deps, { ...request(GUILD_A), name: 'revenue', options: { period: 'last_7_days' } });
    if (r.charts[0]!.spec.kind !== 'mrr' || d.charts[0]!.spec.kind !== 'mrr') throw new Error('not MRR');
    const day = (h: { date: string; mrr: number }[]) => h.find((p) => p.date === '2026-06-14')?.mrr;
    // End of 14 June: Ann + Ben 4000, Dan +3000 that day (world.ts) = 7000, in both.
    expect([day(d.charts[0]!.spec.data.history), day(r.charts[0]!.spec.data.history)]).toEqual([7000, 7000]);
  });

  it('weekly: the last 7 days against the 7 before', async () => {
    const d = await buildDigest(w.deps, tenantA, { kind: 'weekly', asOf: NOW });
    expect(d.title).toBe('Weekly digest · 8 Jun 2026 – 14 Jun 2026');
    // End of 7 June 4000 -> end of 14 June 7000; 1-7 June: no movement.
    expect(field(d, 'MRR')).toBe('$70\n+$30 (+75%)');
    expect(field(d, 'Net new MRR')).toBe('+$30\n$0 the 7 days before');
    // 7 June: Ann (visit that day) and Ben (visit on 5 June) active; 14 June: Ann only (Ben 9 days ago).
    expect(field(d, 'Active members')).toBe('1 (−1)');
  });

  it('names the three most urgent members with their buttons when posted in the staff channel; the reveal shows them privately', async () => {
    await updateWorkspaceSettings(w.pool, w.a.id, tenantA.link.id, { digestChannelId: STAFF_A });
    const staff = (await findTenant(w.pool, 'discord', GUILD_A))!;
    const d = await buildDigest(w.deps, staff, { kind: 'daily', asOf: NOW });
    expect(d.tables[0]!.rows.map((r) => r.member)).toEqual(['Ann Example']);
    expect(d.components).toHaveLength(1);
    expect(d.components[0]![0]).toMatchObject({ id: `p1:churn:contacted:${w.predictions.ann}` });
    expect(field(d, 'Try this today')).toBe('**Ann Example** (critical risk): Send a personal "we miss you" message.');
    expect(d.memberLevel).toBe(true);
    await updateWorkspaceSettings(w.pool, w.a.id, tenantA.link.id, { digestChannelId: 'digest-a' });
    const reveal = await runAction(w.deps, {
      ...request(GUILD_A, undefined, 'digest-a'),
      actionId: 'p1:reveal:urgent',
    });
    expect(reveal.mode).toBe('reply');
    expect(reveal.answer.visibility).toBe('ephemeral');
    expect(reveal.answer.tables[0]!.rows.map((r) => r.member)).toEqual(['Ann Example']);
  });
});

describe('churn alert', () => {
  it("names a newly critical member with the five buttons in the staff channel, and drops another company's ids", async () => {
    const tenantC = (await findTenant(w.pool, 'discord', GUILD_C))!; // C's alert channel is its staff channel
    const a = await buildChurnAlert(w.deps, tenantC, [
      { predictionId: w.predictions.cFirst },
      { predictionId: w.predictions.zed },
    ]);
    expect(a.title).toBe('Churn alert: Gamma Member 01 is at critical risk (90%)');
    expect(a.components).toEqual([
      [
        {
          type: 'button',
          id: `p1:churn:contacted:${w.predictions.cFirst}`,
          label: '1 · Mark contacted',
          style: 'success',
        },
        { type: 'button', id: `p1:churn:snooze:${w.predictions.cFirst}`, label: '1 · Snooze 7 d', style: 'secondary' },
        {
          type: 'button',
          id: `p1:churn:notrisk:${w.predictions.cFirst}`,
          label: '1 · Not at risk',
          style: 'secondary',
        },
        {
          type: 'button',
          id: `p1:churn:profile:${w.predictions.cFirst}`,
          label: '1 · Open profile report',
          style: 'primary',
        },
        { type: 'button', id: `p1:reach:${w.predictions.cFirst}`, label: '1 · Reach out', style: 'primary' },
      ],
    ]);
    expect(JSON.stringify(a)).not.toContain('Zed');
    expect(a.memberLevel).toBe(true);
  });

  it('batches more than five into one list: buttons for the first four, a button for the rest', async () => {
    const tenantC = (await findTenant(w.pool, 'discord', GUILD_C))!;
    const a = await buildChurnAlert(
      w.deps,
      tenantC,
      w.predictions.cCritical.map((predictionId) => ({ predictionId })),
    );
    expect(a.title).toBe('Churn alert: 6 members newly at critical risk');
    expect(a.tables[0]!.rows.map((r) => r.p)).toEqual(['90%', '89%', '88%', '87%', '86%', '85%']);
    expect(a.components).toHaveLength(5);
    expect(a.components[4]).toEqual([
      { type: 'button', id: 'p1:reveal:urgent', label: 'Show the members', style: 'primary' },
    ]);
  });

  it('outside the staff channel says how many, without names', async () => {
    const a = await buildChurnAlert(w.deps, tenantA, [{ predictionId: w.predictions.ann }]);
    expect(a.title).toBe('Churn alert: 1 member newly at critical risk');
    expect(JSON.stringify(a)).not.toContain('Ann');
    expect(a.components).toEqual([
      [{ type: 'button', id: 'p1:reveal:urgent', label: 'Show the members', style: 'primary' }],
    ]);
  });
});
