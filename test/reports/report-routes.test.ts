// The report routes through the real app with fastify inject: headers on every response, the page, CSV and
// JSON carrying the same numbers, chart PNGs under the token, server-side sorting, the period switch, and one
// identical invalid page for every unusable link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { buildSharedDeps } from '../../server/bot-deps.ts';
import { reportRoutes } from '../../server/routes/reports.ts';
import { reportCsp } from '../../server/reports/headers.ts';
import { reportCss, reportCssHash } from '../../server/reports/style.ts';
import { createHash } from 'node:crypto';
import { pathOf, startReportApp, type ReportApp } from './report-app.ts';
import { parseCsv } from './csv-parse.ts';

let t: ReportApp;
let overview: string;
let content: string;
const get = (url: string) => t.app.inject({ method: 'GET', url });

beforeAll(async () => {
  t = await startReportApp();
  overview = pathOf(
    (
      await t
        .links()
        .create({ companyId: t.f.co.id, kind: 'overview', createdBy: 'test', params: { period: 'last_month' } })
    ).url,
  );
  content = pathOf(
    (
      await t
        .links()
        .create({ companyId: t.f.co.id, kind: 'content', createdBy: 'test', params: { period: 'last_month' } })
    ).url,
  );
});
afterAll(async () => {
  await t?.close();
});

describe('a valid link', () => {
  it('serves the page with strict headers and no script', async () => {
    const r = await get(overview);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(reportCsp);
    expect(reportCsp).toMatch(/^default-src 'none'; img-src 'self'; style-src 'sha256-[A-Za-z0-9+/=]{44}'/);
    expect(reportCssHash).toBe(`'sha256-${createHash('sha256').update(reportCss).digest('base64')}'`);
    expect(r.headers).toMatchObject({
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex, nofollow',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
    });
    expect(r.body).not.toMatch(/<script|\son\w+=|style="/i);
    expect(r.body).toContain(`<style>${reportCss}</style>`);
    expect(r.body).toMatch(/<span data-figure="mrrEndMinor">\$180<\/span>/);
    expect(r.body).toMatch(/<span data-figure="netNewMinor">\+\$50<\/span>/);
    expect(r.body).toContain(`<img src="${overview}/chart/mrr.png?period=last_month"`);
    expect(r.body).toContain(
      `<source srcset="${overview}/chart/mrr-dark.png?period=last_month" media="(prefers-color-scheme: dark)">`,
    );
  });

  it('names no member outside the member profile', async () => {
    for (const kind of ['overview', 'engagement', 'churn', 'revenue', 'content'] as const) {
      const path = pathOf(
        (await t.links().create({ companyId: t.f.co.id, kind, createdBy: 'test', params: { period: 'last_month' } }))
          .url,
      );
      for (const url of [path, `${path}.json`, `${path}.csv`]) {
        const body = (await get(url)).body;
        expect(body, `${kind} ${url}`).not.toMatch(
          /\b(Ann|Ben|Cat|Dan|Eve|Fay|Gus|Hal|Ivy|Jon|Kim|Lee|Moe|Ned|Ola)\b|user_/,
        );
      }
    }
    const member = pathOf(
      (
        await t.links().create({
          companyId: t.f.co.id,
          kind: 'member',
          createdBy: 'test',
          params: { whopUserId: 'user_ann', period: 'last_month' },
        })
      ).url,
    );
    const page = (await get(member)).body;
    expect(page).toContain('Member profile · Ann');
    expect(page).toMatch(/<span data-figure="mrrMinor">\$10<\/span>/);
    expect(page).not.toMatch(/\b(Cat|Jon)\b/);
  });

  it("JSON and CSV carry the page's numbers", async () => {
    const json = (await get(`${overview}.json`)).json();
    expect(json.revenue.mrrEndMinor).toBe(18_000);
    const csv = await get(`${overview}.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="pulse-overview-last_month.csv"');
    const rows = parseCsv(csv.body);
    expect(rows[0]).toEqual(['section', 'item', 'metric', 'value', 'unit', 'note']);
    const value = (section: string, metric: string, item = '') =>
      rows.find((r) => r[0] === section && r[1] === item && r[2] === metric);
    expect(value('revenue', 'mrrEnd')).toEqual(['revenue', '', 'mrrEnd', '180.00', 'USD', '']);
    expect(value('revenue', 'movements.netNew')?.[3]).toBe('50.00');
    expect(Number(value('revenue', 'customerChurnRate')?.[3])).toBeCloseTo(2 / 9, 12);
    expect(value('revenue', 'day', '2026-03-31')).toBeUndefined();
    expect(value('revenue', 'mrrDaily.mrr', '2026-03-31')?.[3]).toBe('180.00');
    expect(value('engagement', 'active.now')?.[3]).toBe('2');
    expect(value('churn', 'levels.critical')?.[3]).toBe('2');
    expect(value('content', 'items.views', 'L1')?.[3]).toBe('4');
    // Every money figure in the JSON is in the CSV, in major units.
    expect(Number(value('revenue', 'arpu')?.[3]) * 100).toBe(json.revenue.arpuMinor.value);
  });

  it('serves its charts as PNG under the same token, light and dark', async () => {
    const light = await get(`${overview}/chart/mrr.png?period=last_month`);
    const dark = await get(`${overview}/chart/mrr-dark.png?period=last_month`);
    for (const r of [light, dark]) {
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('image/png');
      expect(r.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    }
    expect(light.rawPayload.equals(dark.rawPayload)).toBe(false);
    const churn = pathOf((await t.links().create({ companyId: t.f.co.id, kind: 'churn', createdBy: 'test' })).url);
    const risk = await get(`${churn}/chart/risk-dark.png`);
    expect([risk.statusCode, risk.headers['content-type']]).toEqual([200, 'image/png']);
    expect((await get(`${overview}/chart/heatmap.png`)).statusCode).toBe(404); // the overview shows no heat map
    expect((await get(`${overview}/chart/risk.png`)).statusCode).toBe(404); // nor the risk distribution
    expect((await get(`${overview}/chart/pie.png`)).statusCode).toBe(404);
    const revenue = pathOf(
      (
        await t
          .links()
          .create({ companyId: t.f.co.id, kind: 'revenue', createdBy: 'test', params: { period: 'last_month' } })
      ).url,
    );
    const cohort = await get(`${revenue}/chart/cohort.png?period=last_month`);
    expect([cohort.statusCode, cohort.headers['content-type']]).toEqual([200, 'image/png']);
    expect((await get(revenue)).body).toContain(`<img src="${revenue}/chart/cohort.png?period=last_month"`);
    expect((await get(`${overview}/chart/cohort.png`)).statusCode).toBe(404); // cohorts are the revenue page's
  });

  it('sorts a table on the server from the header link, and keeps the period', async () => {
    const page = (await get(content)).body;
    expect(page).toContain(`<a href="?period=last_month&amp;sort=content.views&amp;dir=desc#content">Views</a>`);
    const titles = (body: string) =>
      [...body.matchAll(/<tr><td class="">([^<]+)<\/td><td class="">(course|lesson|post)<\/td>/g)].map((m) => m[1]);
    expect(titles(page)).toEqual(['Start', 'L1', 'Welcome', 'L2']); // by views: 5, 4, 3, 1
    const asc = (await get(`${content}?period=last_month&sort=content.views&dir=asc`)).body;
    expect(titles(asc)).toEqual(['L2', 'Welcome', 'L1', 'Start']);
    expect(asc).toContain(
      'aria-sort="ascending"><a href="?period=last_month&amp;sort=content.views&amp;dir=desc#content">Views ▲</a>',
    );
    const byTitle = (await get(`${content}?period=last_month&sort=content.title&dir=asc`)).body;
    expect(titles(byTitle)).toEqual(['L1', 'L2', 'Start', 'Welcome']);
  });

  it('switches period by link, and refuses an unknown period with a clear 400', async () => {
    const week = await get(`${overview}?period=last_7_days`);
    expect(week.body).toContain('<strong aria-current="page">Last 7 days</strong>');
    expect(week.body).toContain('<a href="?period=last_month">Last month</a>');
    expect(week.body).toContain('Last 7 days: 26 Mar 2026 – 1 Apr 2026');
    const bad = await get(`${overview}?period=forever`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('period must be one of last_7_days, last_30_days, last_90_days, this_month, last_month');
  });

  it('escapes what the company named itself', async () => {
    await t.pool.query(`update companies set name = '<img src=x onerror=alert(1)>' where id = $1`, [t.f.other.id]);
    const path = pathOf((await t.links().create({ companyId: t.f.other.id, kind: 'revenue', createdBy: 'test' })).url);
    const page = (await get(path)).body;
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img src=x');
  });
});

describe('unusable links', () => {
  it('tampered, forged, expired, revoked and garbage links get one identical 404 page', async () => {
    const links = t.links();
    const live = await links.create({ companyId: t.f.co.id, kind: 'revenue', createdBy: 'test' });
    const revoked = await links.create({ companyId: t.f.co.id, kind: 'revenue', createdBy: 'test' });
    await links.revoke({ companyId: t.f.co.id, tokenId: revoked.tokenId });
    const expiring = await links.create({ companyId: t.f.co.id, kind: 'revenue', createdBy: 'test', expiresInDays: 1 });
    const path = pathOf(live.url);
    const tampered = `${path.slice(0, 10)}${path[10] === 'A' ? 'B' : 'A'}${path.slice(11)}`;
    const cases: Record<string, string> = {
      tampered,
      tamperedCsv: `${tampered}.csv`,
      tamperedChart: `${tampered}/chart/mrr.png`,
      revoked: pathOf(revoked.url),
      revokedJson: `${pathOf(revoked.url)}.json`,
      garbage: '/r/hello',
      empty: '/r/',
      long: `/r/${'a'.repeat(600)}.${'b'.repeat(50)}`,
    };
    const seen = new Map<string, string>();
    const check = async (name: string, url: string) => {
      const r = await get(url);
      expect(r.statusCode, name).toBe(404);
      expect(r.headers['cache-control'], name).toBe('no-store');
      const {
        date: _d,
        'x-ratelimit-remaining': _x,
        'x-ratelimit-reset': _z,
        'x-request-id': _id,
        ...headers
      } = r.headers;
      seen.set(name, JSON.stringify({ body: r.body, headers }));
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.body).toContain('Link expired or invalid');
    };
    for (const [name, url] of Object.entries(cases)) await check(name, url);
    expect((await get(pathOf(expiring.url))).statusCode).toBe(200);
    t.clock.now = new Date(expiring.expiresAt.getTime() + 1000);
    try {
      await check('expired', pathOf(expiring.url));
    } finally {
      t.clock.now = new Date('2026-04-01T00:00:00Z');
    }
    expect(new Set(seen.values()).size).toBe(1);
    expect((await get(path)).statusCode).toBe(200);
  });
});

describe('the report plugin on its own', () => {
  it('rate-limits /r/* per client address (429 past the limit), ignores forged X-Forwarded-For, and nothing outside it', async () => {
    const app = Fastify({ logger: false });
    await app.register(reportRoutes, {
      shared: buildSharedDeps(t.app.shared.config, app.log, { db: t.pool, now: () => t.clock.now }),
      rateLimit: { max: 3, timeWindowMs: 60_000 },
    });
    app.get('/elsewhere', async () => 'ok');
    try {
      const from = (ip: string, url: string, forged?: string) =>
        app.inject({ method: 'GET', url, remoteAddress: ip, headers: forged ? { 'x-forwarded-for': forged } : {} });
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await from('203.0.113.7', overview)).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      // No proxy is trusted here: a forwarded header the client made up does not buy a new budget.
      expect((await from('203.0.113.7', overview, '1.2.3.4')).statusCode).toBe(429);
      expect((await from('203.0.113.7', overview, '198.51.100.77, 1.2.3.4')).statusCode).toBe(429);
      const limited = await from('203.0.113.7', overview);
      expect(limited.headers['retry-after']).toBeDefined();
      expect(limited.headers['content-security-policy']).toBe(reportCsp);
      expect((await from('198.51.100.9', overview)).statusCode).toBe(200); // another address has its own budget
      for (let i = 0; i < 6; i++) expect((await from('203.0.113.7', '/elsewhere')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('never writes the token to the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', stream } });
    await app.register(reportRoutes, {
      shared: buildSharedDeps(t.app.shared.config, app.log, { db: t.pool, now: () => t.clock.now }),
    });
    try {
      const token = overview.slice(3);
      expect((await app.inject({ method: 'GET', url: overview })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: `${overview}x` })).statusCode).toBe(404);
      expect(lines.join('')).not.toContain(token.slice(0, 30));
    } finally {
      await app.close();
    }
  });
});
