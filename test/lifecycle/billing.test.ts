// Buying a tier: a checkout of Pulse's own plan carrying the company in its metadata; the membership it creates
// sets the tier at once through the app webhook, and its lapse returns the company to Free with its data kept.
// Memberships of a creator's own plans never change the tier whatever their metadata says. The nightly check
// applies purchases and lapses whose webhooks were lost, and never downgrades because a membership is merely
// missing from a list. /pulse upgrade and every "upgrade" notice lead to the checkout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { runCommand } from '../../bot/interactions/dispatch.ts';
import { askOperatorText } from '../../bot/parts/upgrade-links.ts';
import type { BotDeps } from '../../bot/deps.ts';
import { checkTierMemberships } from '../../core/billing/tier-check.ts';
import { createCheckoutUrl, TierNotForSale } from '../../core/billing/checkout.ts';
import { linkWorkspace, type Actor } from '../../core/tenancy/index.ts';
import { sendWebhook } from '../../demo/fake-whop/webhook-sender.ts';
import { appWorld, companyRow, ENTERPRISE_PLAN, PRO_PLAN, silentLog, type AppWorld } from './app-world.ts';

const GUILD = '852000000000000001';
const admin: Actor = { platform: 'discord', userId: '111000000000000001', isAdmin: true, roleIds: [] };

describe('tiers bought through Whop', () => {
  let w: AppWorld;
  let id: number;
  const biz = 'biz_buyer01';
  const tierOf = async () => (await companyRow(w.pool, biz))!;
  const checkoutFor = async (tier: 'pro' | 'enterprise') => {
    const link = await createCheckoutUrl(w.config, { pulseCompanyId: id, whopCompanyId: biz, tier });
    return w.fake.app.checkouts.get(link.checkoutId)!;
  };

  beforeAll(async () => {
    w = await appWorld();
    await w.fake.app.install(biz, 'Buyer Co');
    id = Number((await tierOf()).id);
    // Some of the company's own data, which no tier change may touch.
    await w.pool.query(`insert into products (company_id, whop_id, title) values ($1, 'prod_keep', 'Kept')`, [id]);
    await linkWorkspace(w.pool, { platform: 'discord', externalId: GUILD, companyId: id, linkedBy: 'discord:owner' });
  });
  afterAll(() => w?.close());

  it('creates a checkout of the tier plan with the company in its metadata, and returns its purchase URL', async () => {
    const link = await createCheckoutUrl(w.config, { pulseCompanyId: id, whopCompanyId: biz, tier: 'pro' });
    expect(link.url).toBe(`${w.fake.app.baseUrl}/checkout/${link.checkoutId}`);
    expect(w.fake.app.checkouts.get(link.checkoutId)).toMatchObject({
      plan: { id: PRO_PLAN },
      metadata: { pulse_company_id: String(id), whop_company_id: biz },
    });
    await expect(
      createCheckoutUrl(
        { ...w.config, PULSE_PLAN_ENTERPRISE: undefined },
        { pulseCompanyId: id, whopCompanyId: biz, tier: 'enterprise' },
      ),
    ).rejects.toBeInstanceOf(TierNotForSale);
  });

  it('buying Pro flips the tier at once; the lapse returns it to Free and keeps the data', async () => {
    const bought = await w.fake.app.purchase((await checkoutFor('pro')).id);
    expect(bought.envelope.account_id).toBe('biz_pulseowner');
    expect(bought.delivery?.status).toBe(200);
    expect(await tierOf()).toMatchObject({ tier: 'pro', tier_membership_id: bought.membership.id });
    const lapsed = await w.fake.app.lapse(bought.membership.id);
    expect(lapsed?.delivery?.status).toBe(200);
    expect(await tierOf()).toMatchObject({ tier: 'free', tier_membership_id: null });
    const kept = await w.pool.query(
      `select count(*)::int as n from products where company_id = $1 and whop_id = 'prod_keep'`,
      [id],
    );
    expect(kept.rows[0].n).toBe(1);
  });

  it("ignores a membership of a creator's own plan whatever its metadata claims", async () => {
    const forged = {
      id: 'msg_forged01',
      api_version: 'v1' as const,
      type: 'membership.activated',
      timestamp: new Date().toISOString(),
      account_id: biz,
      data: {
        id: 'mem_forged01',
        status: 'active',
        plan: { id: 'plan_creators_own' },
        metadata: { pulse_company_id: String(id), whop_company_id: biz },
        user: null,
        member: null,
      },
    };
    expect((await sendWebhook(w.target, forged)).status).toBe(200);
    expect((await tierOf()).tier).toBe('free');
  });

  it('the nightly check applies a purchase and a lapse whose webhooks were lost', async () => {
    w.fake.mutations.target = undefined;
    try {
      const bought = await w.fake.app.purchase((await checkoutFor('enterprise')).id);
      expect((await tierOf()).tier).toBe('free');
      const first = await checkTierMemberships(w.pool, w.config, new Date());
      expect(first).toMatchObject({ changed: 1, failed: 0 });
      expect(await tierOf()).toMatchObject({ tier: 'enterprise', tier_membership_id: bought.membership.id });
      await w.fake.app.lapse(bought.membership.id, { silent: true });
      const second = await checkTierMemberships(w.pool, w.config, new Date());
      expect(second).toMatchObject({ changed: 1, failed: 0 });
      expect(await tierOf()).toMatchObject({ tier: 'free', tier_membership_id: null });
    } finally {
      w.fake.mutations.target = w.target;
    }
  });

  it('does not downgrade a company because its membership is missing from the list', async () => {
    const bought = await w.fake.app.purchase((await checkoutFor('pro')).id);
    expect((await tierOf()).tier).toBe('pro');
    // Whop's list comes back without it and the membership itself cannot be read: nothing proves a lapse.
    w.fake.app.hideMembership(bought.membership.id);
    const r = await checkTierMemberships(w.pool, w.config, new Date());
    expect(r).toMatchObject({ memberships: 0, failed: 1 });
    expect(await tierOf()).toMatchObject({ tier: 'pro', tier_membership_id: bought.membership.id });
  });

  describe('in chat', () => {
    let deps: BotDeps;
    let pool: pg.Pool;
    beforeAll(() => {
      pool = w.pool;
      deps = { config: w.config, db: pool, now: () => new Date(), log: silentLog };
    });

    it("/pulse upgrade gives a checkout link per tier above the company's", async () => {
      await pool.query(`update companies set tier = 'free', tier_membership_id = null where id = $1`, [id]);
      const a = await runCommand(deps, {
        platform: 'discord',
        workspaceId: GUILD,
        actor: admin,
        channelId: null,
        name: 'pulse upgrade',
        options: {},
      });
      const links = a.components.flat().filter((c) => c.type === 'link');
      expect(links.map((l) => l.label)).toEqual(['Buy Pro on Whop', 'Buy Enterprise on Whop']);
      for (const l of links) {
        const checkout = w.fake.app.checkouts.get(l.url.split('/').pop()!)!;
        expect(checkout.metadata).toEqual({ pulse_company_id: String(id), whop_company_id: biz });
      }
      expect(links.map((l) => w.fake.app.checkouts.get(l.url.split('/').pop()!)!.plan.id)).toEqual([
        PRO_PLAN,
        ENTERPRISE_PLAN,
      ]);
      const unsold = await runCommand(
        { ...deps, config: { ...w.config, PULSE_PLAN_PRO: undefined, PULSE_PLAN_ENTERPRISE: undefined } },
        { platform: 'discord', workspaceId: GUILD, actor: admin, channelId: null, name: 'pulse upgrade', options: {} },
      );
      expect(unsold.summary).toContain(askOperatorText);
      expect(unsold.components).toEqual([]);
    });

    it('an upgrade notice comes with an upgrade link that redirects to a new checkout', async () => {
      const a = await runCommand(deps, {
        platform: 'discord',
        workspaceId: GUILD,
        actor: admin,
        channelId: null,
        name: 'revenue',
        options: { period: 'last_90_days' },
      });
      expect(a.notices.join(' ')).toMatch(/Upgrade for more/);
      const links = a.components.flat().filter((c) => c.type === 'link');
      expect(links.map((l) => l.label)).toEqual(['Upgrade to Pro', 'Upgrade to Enterprise']);
      expect(links[0]!.url).toMatch(/^https:\/\/pulse\.example\/upgrade\/[a-z0-9-]+$/);
      const res = await w.app.inject({ method: 'GET', url: new URL(links[0]!.url).pathname });
      expect(res.statusCode).toBe(303);
      const checkout = w.fake.app.checkouts.get(String(res.headers.location).split('/').pop()!);
      expect(checkout).toMatchObject({ plan: { id: PRO_PLAN }, metadata: { pulse_company_id: String(id) } });
      const forged = new URL(links[0]!.url).pathname.replace(`/upgrade/${id}-`, `/upgrade/${id + 1}-`);
      expect((await w.app.inject({ method: 'GET', url: forged })).statusCode).toBe(404);
      const unsold = await runCommand(
        { ...deps, config: { ...w.config, PULSE_PLAN_PRO: undefined, PULSE_PLAN_ENTERPRISE: undefined } },
        {
          platform: 'discord',
          workspaceId: GUILD,
          actor: admin,
          channelId: null,
          name: 'revenue',
          options: { period: 'last_90_days' },
        },
      );
      expect(unsold.notices).toContain(askOperatorText);
    });
  });
});
