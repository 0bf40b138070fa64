// The fake answers the official SDK like Whop: auth, required scoping parameters, filters, stable cursors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, BadRequestError, PermissionDeniedError } from '@whop/sdk';
import { createWhopClient } from '../../core/whop/client.ts';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import type { FakeCompanyData } from '../../demo/fake-whop/dataset.ts';
import { simCompany } from './world.ts';

describe('fake Whop', () => {
  let fake: FakeWhop;
  let data: FakeCompanyData;
  const sdk = (key = defaultFakeApiKey) => createWhopClient({ apiKey: key, baseURL: fake.url });
  beforeAll(async () => {
    data = simCompany(3, 60);
    fake = await startFakeWhop({
      dataset: { companies: [data, simCompany(4, 5, 'biz_second')] },
      apiKeys: { [defaultFakeApiKey]: '*', only_second: 'biz_second' },
    });
  });
  afterAll(() => fake?.close());

  it("pages every membership once with first/after and the SDK's auto-pagination", async () => {
    const seen: string[] = [];
    for await (const m of sdk().memberships.list({ company_id: data.company.id, first: 7 })) seen.push(m.id);
    expect(seen).toHaveLength(data.memberships.length);
    expect(new Set(seen)).toEqual(new Set(data.memberships.map((m) => m.id)));
  });

  it('filters by statuses[], created_after and updated_after, and leaves retrieve-only fields out of lists', async () => {
    const page = await sdk().memberships.list({ company_id: data.company.id, statuses: ['canceled'], first: 100 });
    expect(page.data.length).toBe(data.memberships.filter((m) => m.status === 'canceled').length);
    expect(page.data.every((m) => m.status === 'canceled' && !('custom_field_responses' in m))).toBe(true);
    const cut = data.payments[Math.floor(data.payments.length / 2)]!.created_at;
    let after = 0;
    for await (const p of sdk().payments.list({ company_id: data.company.id, created_after: cut, first: 100 }))
      after += Date.parse(p.created_at) > Date.parse(cut) ? 1 : 1000;
    expect(after).toBe(data.payments.filter((p) => Date.parse(p.created_at) > Date.parse(cut)).length);
    const updated = await sdk().payments.list({ company_id: data.company.id, updated_after: '2100-01-01T00:00:00Z' });
    expect(updated.data).toEqual([]);
  });

  it('an item added between two pages neither shifts nor repeats the next page', async () => {
    const first = await sdk().members.list({ company_id: data.company.id, first: 10, direction: 'asc' });
    const earliest = { ...data.members[0]!, id: 'mber_inserted_early', created_at: '2000-01-01T00:00:00.000Z' };
    fake.store.company(data.company.id).members.put(earliest);
    const second = await sdk().members.list({
      company_id: data.company.id,
      first: 10,
      direction: 'asc',
      after: first.page_info.end_cursor,
    });
    const sorted = [...data.members].sort(
      (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || (a.id < b.id ? -1 : 1),
    );
    expect(second.data.map((m) => m.id)).toEqual(sorted.slice(10, 20).map((m) => m.id));
  });

  it("refuses a bad key (401), a missing company_id/account_id (400) and another company's data (403)", async () => {
    await expect(sdk('nope').products.list({ account_id: data.company.id })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    await expect(sdk().memberships.list({})).rejects.toBeInstanceOf(BadRequestError);
    await expect(sdk().plans.list({ account_id: '' })).rejects.toBeInstanceOf(BadRequestError);
    await expect(sdk('only_second').payments.list({ company_id: data.company.id })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    const course = data.courses[0]!;
    await expect(sdk('only_second').courseLessons.list({ course_id: course.id })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    expect((await sdk('only_second').payments.list({ company_id: 'biz_second' })).data.length).toBeGreaterThan(0);
  });
});
