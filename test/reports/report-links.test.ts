// Report links on a real database: create, list, revoke (one, by URL, all), expiry, and openReportLink
// saying only valid/invalid — tampered, expired, revoked, forged-with-the-wrong-row and garbage tokens alike,
// each after exactly one row lookup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { BadInput, NotFound } from '../../core/errors.ts';
import { createReportLinks, openReportLink, type ReportLinkService } from '../../core/reports/report-links.service.ts';
import { reportLinkKey, signToken } from '../../core/reports/token.ts';
import type { Queryable } from '../../core/db/queryable.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture, type Row } from '../helpers/fixtures.ts';
import { testPool } from '../revenue/pool.ts';

const secret = 'r'.repeat(48);
const start = new Date('2026-04-01T00:00:00Z');
let clock = start;
let db: TestDatabase;
let pool: pg.Pool;
let a: CompanyFixture;
let b: CompanyFixture;
let ann: Row;
let bob: Row;
let links: ReportLinkService;
const deps = () => ({ db: pool, secret, now: () => clock });
const tokenOf = (url: string) => url.split('/r/')[1]!;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = testPool(db.url);
  const fx = fixtures(pool);
  a = await fx.company({ name: 'A' });
  b = await fx.company({ name: 'B' });
  ann = await a.member({ name: 'Ann', whopUserId: 'user_ann' });
  bob = await b.member({ name: 'Bob', whopUserId: 'user_bob' });
  links = createReportLinks({ db: pool, secret, publicUrl: 'https://pulse.example/', now: () => clock });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('creating links', () => {
  it('signs a URL under PUBLIC_URL, stores the row, and opens as that company and kind (default 7 days)', async () => {
    clock = start;
    const link = await links.create({
      companyId: a.id,
      kind: 'revenue',
      createdBy: 'discord:123',
      params: { period: 'last_month' },
    });
    expect(link.url).toMatch(/^https:\/\/pulse\.example\/r\/[A-Za-z0-9_-]{39}\.[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt).toEqual(new Date('2026-04-08T00:00:00Z'));
    const row = (
      await pool.query(
        'select company_id, kind, params, created_by, expires_at, revoked_at from report_links where token_id = $1',
        [link.tokenId],
      )
    ).rows[0]!;
    expect(row).toMatchObject({
      company_id: String(a.id),
      kind: 'revenue',
      params: { period: 'last_month' },
      created_by: 'discord:123',
      revoked_at: null,
    });
    expect(await openReportLink(deps(), tokenOf(link.url))).toEqual({
      tokenId: link.tokenId,
      companyId: a.id,
      kind: 'revenue',
      params: { period: 'last_month' },
      expiresAt: link.expiresAt,
    });
  });

  it('binds a member profile to one member of the company, by Whop user id or Pulse id; "profile" names the same kind', async () => {
    const byWhop = await links.create({
      companyId: a.id,
      kind: 'member',
      params: { whopUserId: 'user_ann' },
      createdBy: 'u',
    });
    expect((await openReportLink(deps(), tokenOf(byWhop.url)))?.params).toEqual({ memberId: ann.id });
    const byId = await links.create({ companyId: a.id, kind: 'profile', params: { memberId: ann.id }, createdBy: 'u' });
    expect(await openReportLink(deps(), tokenOf(byId.url))).toMatchObject({
      kind: 'member',
      params: { memberId: ann.id },
    });
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const before = (await pool.query('select count(*)::int as n from report_links')).rows[0]!.n;
    const bad = (input: Parameters<ReportLinkService['create']>[0]) => links.create(input);
    await expect(bad({ companyId: a.id, kind: 'payroll', createdBy: 'u' })).rejects.toThrow(
      /report kind must be one of overview, revenue/,
    );
    for (const days of [0, 91, 1.5]) {
      await expect(bad({ companyId: a.id, kind: 'revenue', createdBy: 'u', expiresInDays: days })).rejects.toThrow(
        /whole number of days from 1 to 90/,
      );
    }
    await expect(bad({ companyId: a.id, kind: 'member', createdBy: 'u' })).rejects.toThrow(/needs the member/);
    await expect(
      bad({ companyId: a.id, kind: 'member', createdBy: 'u', params: { memberId: bob.id } }),
    ).rejects.toThrow(/no such member in this company/);
    await expect(
      bad({ companyId: a.id, kind: 'revenue', createdBy: 'u', params: { memberId: ann.id } }),
    ).rejects.toThrow(/aggregates only/);
    await expect(
      bad({ companyId: a.id, kind: 'revenue', createdBy: 'u', params: { period: 'last_year' } }),
    ).rejects.toThrow(BadInput);
    await expect(bad({ companyId: a.id, kind: 'revenue', createdBy: 'u', params: { email: 'x' } })).rejects.toThrow(
      BadInput,
    );
    await expect(bad({ companyId: a.id, kind: 'revenue', createdBy: '  ' })).rejects.toThrow(/createdBy/);
    await expect(bad({ companyId: 999_999, kind: 'revenue', createdBy: 'u' })).rejects.toThrow(NotFound);
    expect((await pool.query('select count(*)::int as n from report_links')).rows[0]!.n).toBe(before);
  });
});

describe('expiry and revocation', () => {
  it('a link works until its expiry instant, not after', async () => {
    clock = start;
    const link = await links.create({ companyId: a.id, kind: 'overview', createdBy: 'u', expiresInDays: 90 });
    expect(link.expiresAt).toEqual(new Date('2026-06-30T00:00:00Z'));
    clock = new Date(link.expiresAt.getTime() - 1000);
    expect(await openReportLink(deps(), tokenOf(link.url))).not.toBeNull();
    clock = link.expiresAt;
    expect(await openReportLink(deps(), tokenOf(link.url))).toBeNull();
    clock = start;
  });

  it('revokes one link by id or by its URL, only within its own company, and lists live links newest first', async () => {
    clock = start;
    const one = await links.create({ companyId: b.id, kind: 'content', createdBy: 'u' });
    clock = new Date(start.getTime() + 1000);
    const two = await links.create({ companyId: b.id, kind: 'churn', createdBy: 'v' });
    expect((await links.list(b.id)).map((l) => [l.tokenId, l.kind, l.createdBy])).toEqual([
      [two.tokenId, 'churn', 'v'],
      [one.tokenId, 'content', 'u'],
    ]);
    expect(await links.revoke({ companyId: a.id, tokenId: one.tokenId })).toBe(0); // another company's id revokes nothing
    await expect(links.revoke({ companyId: a.id, tokenId: `${two.url}.csv` })).rejects.toThrow(
      /not a report link .* of this company/,
    );
    expect(await links.revoke({ companyId: b.id, tokenId: one.tokenId })).toBe(1);
    expect(await links.revoke({ companyId: b.id, tokenId: one.tokenId })).toBe(0);
    expect(await openReportLink(deps(), tokenOf(one.url))).toBeNull();
    expect(await links.revoke({ companyId: b.id, tokenId: `${two.url}?period=last_7_days` })).toBe(1);
    expect(await links.list(b.id)).toEqual([]);
    await expect(links.revoke({ companyId: b.id })).rejects.toThrow(/say which link/);
  });

  it("revoke all revokes every live link of the company and no other company's", async () => {
    clock = start;
    const mine = [
      await links.create({ companyId: b.id, kind: 'revenue', createdBy: 'u' }),
      await links.create({ companyId: b.id, kind: 'engagement', createdBy: 'u' }),
    ];
    const theirs = await links.create({ companyId: a.id, kind: 'revenue', createdBy: 'u' });
    expect(await links.revoke({ companyId: b.id, all: true })).toBe(2);
    for (const l of mine) expect(await openReportLink(deps(), tokenOf(l.url))).toBeNull();
    expect(await openReportLink(deps(), tokenOf(theirs.url))).not.toBeNull();
  });
});

describe('openReportLink says only valid or invalid, after one lookup every time', () => {
  it('tampered, forged and garbage tokens are all null, each after exactly one query', async () => {
    clock = start;
    const link = await links.create({ companyId: a.id, kind: 'revenue', createdBy: 'u' });
    const token = tokenOf(link.url);
    const key = reportLinkKey(secret);
    const [body, mac] = token.split('.') as [string, string];
    const bytes = Buffer.from(body, 'base64url');
    bytes[22] = b.id & 0xff; // same row, company B in the payload, original MAC
    const cases = {
      valid: token,
      otherCompanyInPayload: `${bytes.toString('base64url')}.${mac}`,
      // Signed with the right key (as if the key leaked) for B but naming A's row: the row's company decides.
      rowOfAnotherCompany: signToken(key, {
        tokenId: link.tokenId,
        companyId: b.id,
        kind: 'revenue',
        expiresAt: link.expiresAt,
      }),
      otherKind: signToken(key, { tokenId: link.tokenId, companyId: a.id, kind: 'member', expiresAt: link.expiresAt }),
      wrongKey: signToken(reportLinkKey('x'.repeat(48)), {
        tokenId: link.tokenId,
        companyId: a.id,
        kind: 'revenue',
        expiresAt: link.expiresAt,
      }),
      unknownRow: signToken(key, {
        tokenId: '11111111-2222-4333-8444-555555555555',
        companyId: a.id,
        kind: 'revenue',
        expiresAt: link.expiresAt,
      }),
      flippedMac: `${body}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`,
      garbage: 'not-a-token',
      empty: '',
    };
    const results: Record<string, [boolean, number]> = {};
    for (const [name, t] of Object.entries(cases)) {
      let queries = 0;
      const counted: Queryable = {
        query: (text, values) => {
          queries++;
          return pool.query(text, values);
        },
      };
      const opened = await openReportLink({ db: counted, secret, now: () => clock }, t);
      results[name] = [opened !== null, queries];
    }
    expect(results).toEqual(Object.fromEntries(Object.keys(cases).map((k) => [k, [k === 'valid', 1]])));
  });
});
