// /churn and its buttons: the latest scoring's at-risk members with factors and actions, four per page with
// four buttons each, the free plan's cap; clicks recorded with who and when, scoped by the clicker's company.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, runCommand } from '../../bot/interactions/dispatch.ts';
import {
  buildWorld,
  GUILD_A,
  GUILD_B,
  GUILD_C,
  member,
  moderator,
  NOW,
  request,
  STAFF_A,
  type World,
} from './world.ts';
import { askOperatorText } from '../../bot/parts/upgrade-links.ts';

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});
afterAll(async () => {
  await w?.close();
});

async function feedbackRows() {
  const { rows } = await w.pool.query<{
    company_id: string;
    prediction_id: string;
    label: string;
    given_by: string;
    created_at: Date;
  }>('select company_id, prediction_id, label, given_by, created_at from churn_feedback order by id');
  return rows.map((r) => ({
    companyId: Number(r.company_id),
    predictionId: Number(r.prediction_id),
    label: r.label,
    givenBy: r.given_by,
    at: r.created_at.toISOString(),
  }));
}

async function predictionState(id: number) {
  const { rows } = await w.pool.query<{ actioned_at: Date | null; snoozed_until: Date | null }>(
    'select actioned_at, snoozed_until from churn_predictions where id = $1',
    [id],
  );
  return {
    actionedAt: rows[0]!.actioned_at?.toISOString() ?? null,
    snoozedUntil: rows[0]!.snoozed_until?.toISOString() ?? null,
  };
}

describe('/churn', () => {
  it("lists the latest scoring's at-risk members riskiest first, with factors, actions, chart and model", async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A, moderator, STAFF_A), name: 'churn', options: {} });
    expect(a.summary).toBe('2 members at risk: 1 critical, 0 high, 1 medium of 2 scored.');
    expect(a.tables[0]!.rows).toEqual([
      {
        n: '1',
        member: 'Ann Example',
        risk: 'critical',
        p: '82%',
        why: 'no activity for 9 days',
        todo: 'Send a personal "we miss you" message',
        state: 'open',
      },
      {
        n: '2',
        member: 'Ben Example',
        risk: 'medium',
        p: '40%',
        why: 'no single factor stands out',
        todo: '—',
        state: 'open',
      },
    ]);
    expect(a.tables[0]!.page).toEqual({ index: 0, count: 1, total: 2 });
    expect(a.components).toHaveLength(3);
    expect(a.components[2]).toEqual([
      { type: 'button', id: 'p1:who:churn', label: 'Who? By risk level', style: 'secondary' },
    ]);
    expect(a.components[0]!.map((c) => (c.type === 'button' ? [c.id, c.label] : null))).toEqual([
      [`p1:churn:contacted:${w.predictions.ann}`, '1 · Mark contacted'],
      [`p1:churn:snooze:${w.predictions.ann}`, '1 · Snooze 7 d'],
      [`p1:churn:notrisk:${w.predictions.ann}`, '1 · Not at risk'],
      [`p1:churn:profile:${w.predictions.ann}`, '1 · Open profile report'],
      [`p1:reach:${w.predictions.ann}`, '1 · Reach out'],
    ]);
    const chart = a.charts[0]!;
    expect(chart.spec).toEqual({ kind: 'risk', data: { probabilities: expect.arrayContaining([0.82, 0.4]) } });
    expect(chart.numbers).toBe('2 members scored: 1 critical (over 70%), 0 high (50–70%), 1 medium (30–50%), 0 low');
    expect(a.footer.model).toBe('model AUC n/a on the last 90 days (fixture, trained on this community)');
    expect(a.footer.period).toBe('scored 14 Jun 2026 03:00 UTC');
    expect(a.memberLevel).toBe(true);
    expect(a.visibility).toBe('public'); // asked in the staff channel
    // Button ids carry no names, emails or Whop ids.
    expect(JSON.stringify(a.components)).not.toMatch(/Ann|ann@|user_|mem_|biz_/);
  });

  it('filters by risk level', async () => {
    const a = await runCommand(w.deps, {
      ...request(GUILD_A, moderator),
      name: 'churn',
      options: { risk: 'critical' },
    });
    expect(a.tables[0]!.rows.map((r) => r.member)).toEqual(['Ann Example']);
    expect(a.visibility).toBe('ephemeral'); // not the staff channel
  });

  it("pages four members at a time and stops at the free plan's 50", async () => {
    const first = await runCommand(w.deps, { ...request(GUILD_C), name: 'churn', options: {} });
    // 6 critical + 46 medium = 52 at risk; the free plan lists 50: 13 pages of 4 (the last has 2).
    expect(first.summary).toBe('52 members at risk: 6 critical, 0 high, 46 medium of 52 scored.');
    // No Pulse plans are configured here: the upgrade notice says how to ask the operator.
    expect(first.notices).toEqual([
      'The free plan lists 50 members; 2 more are counted in the totals but not listed. Upgrade to see everyone.',
      askOperatorText,
    ]);
    expect(first.tables[0]!.page).toEqual({ index: 0, count: 13, total: 50 });
    expect(first.tables[0]!.rows.map((r) => r.member)).toEqual([
      'Gamma Member 01',
      'Gamma Member 02',
      'Gamma Member 03',
      'Gamma Member 04',
    ]);
    expect(first.components).toHaveLength(5);
    expect(first.components[4]).toEqual([
      { type: 'button', id: 'p1:page:churn:all:1', label: 'Page 2 ▶', style: 'secondary' },
      { type: 'button', id: 'p1:who:churn', label: 'Who? By risk level', style: 'secondary' },
    ]);
    const last = await runAction(w.deps, { ...request(GUILD_C), actionId: 'p1:page:churn:all:12' });
    expect(last.mode).toBe('update');
    expect(last.answer.tables[0]!.rows.map((r) => r.n)).toEqual(['49', '50']);
    expect(last.answer.components.at(-1)).toEqual([
      { type: 'button', id: 'p1:page:churn:all:11', label: '◀ Page 12', style: 'secondary' },
      { type: 'button', id: 'p1:who:churn', label: 'Who? By risk level', style: 'secondary' },
    ]);
    expect(last.answer.components).toHaveLength(3);
  });
});

describe('churn buttons', () => {
  it('records "contacted" with who and when, and marks the prediction actioned', async () => {
    const r = await runAction(w.deps, {
      ...request(GUILD_A, moderator),
      actionId: `p1:churn:contacted:${w.predictions.ann}`,
    });
    expect(r.mode).toBe('reply');
    expect(r.answer.visibility).toBe('ephemeral');
    expect(r.answer.summary).toBe(
      '**Ann Example** is marked as contacted by you on 15 Jun 2026 12:00 UTC. Pulse tracks whether they stay.',
    );
    expect(await feedbackRows()).toEqual([
      {
        companyId: w.a.id,
        predictionId: w.predictions.ann,
        label: 'contacted',
        givenBy: 'discord:u-mod',
        at: NOW.toISOString(),
      },
    ]);
    expect((await predictionState(w.predictions.ann)).actionedAt).toBe(NOW.toISOString());
    const again = await runAction(w.deps, {
      ...request(GUILD_A, moderator),
      actionId: `p1:churn:contacted:${w.predictions.ann}`,
    });
    expect(again.answer.title).toBe('Nothing to change');
    expect(await feedbackRows()).toHaveLength(1);
  });

  it('snoozes for 7 days and hides the member from /churn meanwhile', async () => {
    const r = await runAction(w.deps, { ...request(GUILD_A), actionId: `p1:churn:snooze:${w.predictions.ben}` });
    expect(r.answer.title).toBe('Snoozed for 7 days');
    expect((await predictionState(w.predictions.ben)).snoozedUntil).toBe('2026-06-22T12:00:00.000Z');
    expect((await feedbackRows()).at(-1)).toEqual({
      companyId: w.a.id,
      predictionId: w.predictions.ben,
      label: 'snoozed',
      givenBy: 'discord:u-admin',
      at: NOW.toISOString(),
    });
    const list = await runCommand(w.deps, { ...request(GUILD_A), name: 'churn', options: {} });
    expect(list.tables[0]!.rows.map((x) => [x.member, x.state])).toEqual([['Ann Example', 'contacted']]);
  });

  it('keeps "not at risk" as a label', async () => {
    const r = await runAction(w.deps, { ...request(GUILD_C), actionId: `p1:churn:notrisk:${w.predictions.cFirst}` });
    expect(r.answer.title).toBe('Marked not at risk');
    expect((await feedbackRows()).at(-1)).toEqual({
      companyId: w.c.id,
      predictionId: w.predictions.cFirst,
      label: 'not_at_risk',
      givenBy: 'discord:u-admin',
      at: NOW.toISOString(),
    });
  });

  it("refuses another company's prediction and writes nothing", async () => {
    const before = await feedbackRows();
    const stateBefore = await predictionState(w.predictions.zed);
    for (const action of ['contacted', 'snooze', 'notrisk', 'profile']) {
      const r = await runAction(w.deps, { ...request(GUILD_A), actionId: `p1:churn:${action}:${w.predictions.zed}` });
      expect(r.answer.title).toBe('Not available here');
      expect(JSON.stringify(r.answer)).not.toContain('Zed');
    }
    expect(await feedbackRows()).toEqual(before);
    expect(await predictionState(w.predictions.zed)).toEqual(stateBefore);
  });

  it('refuses ordinary members and forged ids', async () => {
    const before = await feedbackRows();
    const r = await runAction(w.deps, {
      ...request(GUILD_B, member),
      actionId: `p1:churn:contacted:${w.predictions.zed}`,
    });
    expect(r.answer.title).toBe('Pulse is for the team');
    const forged = await runAction(w.deps, { ...request(GUILD_B), actionId: 'p1:churn:delete:1' });
    expect(forged.answer.summary).toBe('This button is no longer valid. Run the command again.');
    expect(await feedbackRows()).toEqual(before);
  });

  it('says report links are not configured when the install has none', async () => {
    const r = await runAction(w.deps, { ...request(GUILD_A), actionId: `p1:churn:profile:${w.predictions.ann}` });
    expect(r.answer.title).toBe('Report links are not configured');
  });
});
