// Pulse as a Whop app: app_installation.created (signed, with account_id, through the real server) creates the
// company, stores Pulse's id as the installation's external_id at Whop and queues its first sync; the app key
// then reads the company with company_id; a redelivery changes nothing; uninstall then reinstall within the
// grace period cancels the erase; a 409 on external_id is resolved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Whop } from '@whop/sdk';
import { whopCompanyOf } from '../../core/whop/webhook-inbox.ts';
import { syncAndRefresh } from '../../server/jobs/company-job.ts';
import { defaultFakeApiKey } from '../../demo/fake-whop/server.ts';
import { sendWebhook } from '../../demo/fake-whop/webhook-sender.ts';
import { actualFigures, expectedFigures } from '../whop/expected.ts';
import { simCompany } from '../whop/world.ts';
import { appWorld, companyRow, type AppWorld } from './app-world.ts';

describe('Whop app install', () => {
  let w: AppWorld;
  const data = simCompany(5, 12, 'biz_acmeinstall');
  const other = simCompany(6, 5, 'biz_otherinstall');
  const biz = data.company.id;
  beforeAll(async () => {
    w = await appWorld({ companies: [data, other] });
  });
  afterAll(() => w?.close());

  it('creates the company, stores its id as the installation external_id at Whop, and queues its first sync', async () => {
    expect(await companyRow(w.pool, biz)).toBeUndefined();
    const sent = await w.fake.app.install(biz, 'Acme Academy');
    expect(sent.delivery?.status).toBe(200);
    expect(sent.envelope.account_id).toBe(biz);
    expect('company_id' in sent.envelope).toBe(false);
    const row = await companyRow(w.pool, biz);
    expect(row).toMatchObject({
      name: 'Acme Academy',
      tier: 'free',
      whop_installation_id: sent.installation.id,
      uninstalled_at: null,
      erase_after: null,
      credentials_enc: null,
    });
    expect(row!.installed_at).toBeInstanceOf(Date);
    expect(w.fake.app.installations.get(sent.installation.id)?.external_id).toBe(String(row!.id));
    const jobs = await w.pool.query(
      `select name, next_run_at <= now() as due from agenda_jobs where data->>'companyId' = $1`,
      [String(row!.id)],
    );
    expect(jobs.rows).toEqual([{ name: 'whop:sync-company', due: true }]);
    const inbox = await w.pool.query(
      'select event_type, company_id, applied_at is not null as applied, error, state from webhook_inbox where webhook_id = $1',
      [sent.envelope.id],
    );
    expect(inbox.rows).toEqual([
      { event_type: 'app_installation.created', company_id: row!.id, applied: true, error: null, state: 'applied' },
    ]);
  });

  it('reads the installed company with the app key (company_id) in its first sync', async () => {
    const id = Number((await companyRow(w.pool, biz))!.id);
    const outcome = await syncAndRefresh(
      w.jobs(() => new Date('2026-11-01T12:00:00Z')),
      id,
      'incremental',
      { name: 'test' },
    );
    expect(outcome).toBe('done');
    expect(await actualFigures(w.pool, id)).toEqual(expectedFigures(data));
  });

  it('applies a company event whose envelope names the company by account_id', async () => {
    expect(
      whopCompanyOf({ id: 'x', type: 't', timestamp: '', data: {}, company_id: null, account_id: 'biz_a' } as never),
    ).toBe('biz_a');
    const id = Number((await companyRow(w.pool, biz))!.id);
    const m = data.memberships.find((x) => x.status === 'active')!;
    const envelope = {
      id: 'msg_accountid01',
      api_version: 'v1' as const,
      type: 'membership.deactivated',
      timestamp: new Date().toISOString(),
      account_id: biz,
      // No company object in the data and no company_id: only account_id names the company.
      data: { ...m, company: undefined, status: 'expired', updated_at: new Date().toISOString() },
    };
    expect((await sendWebhook(w.target, envelope)).status).toBe(200);
    const { rows } = await w.pool.query('select status from memberships where company_id = $1 and whop_id = $2', [
      id,
      m.id,
    ]);
    expect(rows[0].status).toBe('expired');
  });

  it('acknowledges a redelivered install without applying it again', async () => {
    const before = await companyRow(w.pool, biz);
    const again = await w.fake.app.install(biz, 'Acme Academy');
    const redelivered = await sendWebhook(w.target, again.envelope);
    expect(JSON.parse(redelivered.body)).toMatchObject({ outcome: 'duplicate' });
    const after = await companyRow(w.pool, biz);
    expect(after!.id).toBe(before!.id);
    expect(after!.whop_installation_id).toBe(again.installation.id);
  });

  it('uninstall then reinstall within the grace period cancels the erase and keeps the rows', async () => {
    const id = Number((await companyRow(w.pool, biz))!.id);
    const installation = [...w.fake.app.installations.values()].find((i) => i.account.id === biz)!;
    expect((await w.fake.app.uninstall(installation.id)).delivery?.status).toBe(200);
    const gone = await companyRow(w.pool, biz);
    expect(gone!.uninstalled_at).toBeInstanceOf(Date);
    expect((gone!.erase_after as Date).getTime() - (gone!.uninstalled_at as Date).getTime()).toBe(7 * 86_400_000);
    const back = await w.fake.app.install(biz, 'Acme Academy');
    expect(back.delivery?.status).toBe(200);
    const row = await companyRow(w.pool, biz);
    expect(row).toMatchObject({
      id: String(id),
      uninstalled_at: null,
      erase_requested_at: null,
      erase_after: null,
      whop_installation_id: back.installation.id,
    });
    expect(await actualFigures(w.pool, id)).toMatchObject({ payments: expectedFigures(data).payments });
    expect(w.fake.app.installations.get(back.installation.id)?.external_id).toBe(String(id));
  });

  it('resolves a 409 when another installation still holds the external_id', async () => {
    const id = String((await companyRow(w.pool, biz))!.id);
    const whop = new Whop({ apiKey: defaultFakeApiKey, baseURL: w.fake.url, maxRetries: 0 });
    const theirs = await w.fake.app.install(other.company.id, 'Other');
    await expect(
      whop.patch(`/app_installations/${theirs.installation.id}`, { body: { external_id: id } }),
    ).rejects.toMatchObject({ status: 409 });
    // A stale installation holds our id (Whop keeps external_id unique per app): the install releases it first.
    w.fake.app.installations.get(theirs.installation.id)!.external_id = id;
    const mine = [...w.fake.app.installations.values()].find((i) => i.account.id === biz)!;
    mine.external_id = null;
    const again = await w.fake.app.install(biz, 'Acme Academy');
    expect(again.delivery?.status).toBe(200);
    expect(w.fake.app.installations.get(again.installation.id)?.external_id).toBe(id);
    expect(w.fake.app.installations.get(theirs.installation.id)?.external_id).toBeNull();
  });

  it("the fake Whop's install page (the demo's install link) installs through the same webhook", async () => {
    const link = `${w.fake.app.baseUrl}/apps/${w.fake.app.appId}/install?company=biz_otherinstall`;
    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(
      /^Installed app_pulsetest on biz_otherinstall \(aag_\w+\); app_installation.created delivered: HTTP 200\.\n$/,
    );
    expect((await companyRow(w.pool, 'biz_otherinstall'))?.tier).toBe('free');
  });

  it('ignores an install event older than the last uninstall (a late delivery does not bring the company back)', async () => {
    const fresh = await w.fake.app.install(biz, 'Acme Academy');
    const installation = [...w.fake.app.installations.values()].find((i) => i.account.id === biz)!;
    expect((await w.fake.app.uninstall(installation.id)).delivery?.status).toBe(200);
    const gone = await companyRow(w.pool, biz);
    const uninstalledAt = (gone!.uninstalled_at as Date).getTime();
    const late = {
      ...fresh.envelope,
      id: 'msg_late_install_01',
      timestamp: new Date(uninstalledAt - 60_000).toISOString(),
    };
    const sent = await sendWebhook(w.target, late);
    expect(sent.status).toBe(200);
    const after = await companyRow(w.pool, biz);
    expect((after!.uninstalled_at as Date).getTime()).toBe(uninstalledAt);
    expect(after!.erase_after).toEqual(gone!.erase_after);
    // A real reinstall (newer than the uninstall) still brings it back.
    expect((await w.fake.app.install(biz, 'Acme Academy')).delivery?.status).toBe(200);
    expect((await companyRow(w.pool, biz))!.uninstalled_at).toBeNull();
  });
});
