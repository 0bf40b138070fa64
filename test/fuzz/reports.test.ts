// Fuzzing GET /r/<token> (page, .csv, .json, charts) through the real app: never a 5xx and never a row written;
// anything that is not a live link — random text, forgeries, real tokens altered, tokens signed with the real key
// whose payload disagrees with its row, revoked or expired links — gets the one 404 page; a live link with random
// suffixes, queries and headers gets 200, 400 (a bad period) or 404 (no such chart or path), nothing else.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportLinks } from '../../core/reports/report-links.service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { asOf, buildReportFixture } from '../reports/report-fixture.ts';
import { startFuzzApp, FUZZ_PULSE_SECRET, type FuzzApp, type FuzzRequest } from './fuzz-app.ts';
import {
  forgedReportLinks,
  fromNewClient,
  realReportLinks,
  resignedReportLinks,
  type RealLink,
  type ReportRequest,
} from './report-requests.ts';
import { RowWatch } from './row-watch.ts';
import { Outcomes } from './outcomes.ts';
import { fuzzParameters } from './settings.ts';

const periods = new Set(['last_7_days', 'last_30_days', 'last_90_days', 'this_month', 'last_month', 'this_year']);

/**
 * The answers a live link may get: the page, CSV or JSON 200 (400 for an unknown period); a chart 200 or, when the
 * report has no such chart, 404 (400 first for an unknown period); any other path under the token 404.
 */
function allowedForLiveLink(req: ReportRequest): number[] {
  const period = new URLSearchParams(req.query.slice(1)).get('period');
  const badPeriod = period !== null && !periods.has(period);
  if (req.tail === '' || req.tail === '.csv' || req.tail === '.json') return [badPeriod ? 400 : 200];
  return badPeriod ? [400, 404] : [200, 404];
}

describe('fuzz: GET /r/:token', () => {
  let db: TestDatabase;
  let fz: FuzzApp;
  let watch: RowWatch;
  let live: { token: string; link: RealLink }[];
  let dead: string[];
  let companies: number[];
  beforeAll(async () => {
    db = await createTestDatabase();
    fz = await startFuzzApp(db.url, { now: () => asOf });
    watch = new RowWatch(fz);
    const f = await buildReportFixture(fz.pool);
    companies = [f.co.id, f.other.id];
    const links = createReportLinks({
      db: fz.pool,
      secret: FUZZ_PULSE_SECRET,
      publicUrl: 'http://pulse.fuzz',
      now: () => asOf,
    });
    const make = async (kind: string, companyId = f.co.id, params?: Record<string, unknown>) => {
      const made = await links.create({ companyId, kind, createdBy: 'fuzz', ...(params ? { params } : {}) });
      return {
        token: new URL(made.url).pathname.slice(3),
        link: { tokenId: made.tokenId, companyId, kind } as RealLink,
      };
    };
    live = [
      await make('overview'),
      await make('revenue'),
      await make('churn'),
      await make('content', f.other.id),
      await make('member', f.co.id, { whopUserId: 'user_ann' }),
    ];
    const revoked = await make('engagement');
    await links.revoke({ companyId: f.co.id, tokenId: revoked.link.tokenId });
    const before = createReportLinks({
      db: fz.pool,
      secret: FUZZ_PULSE_SECRET,
      publicUrl: 'http://pulse.fuzz',
      now: () => new Date(asOf.getTime() - 10 * 86_400_000),
    });
    const expired = await before.create({ companyId: f.co.id, kind: 'overview', createdBy: 'fuzz', expiresInDays: 1 });
    dead = [revoked.token, new URL(expired.url).pathname.slice(3)];
  });
  afterAll(async () => {
    await fz?.close();
    await db?.drop();
  });

  const send = async (req: FuzzRequest) => {
    const a = await watch.sendStoringNothing(fromNewClient(req), req.url);
    expect(a.status, `${req.url} answered ${a.body.slice(0, 200)}`).toBeLessThan(500);
    return a;
  };

  it('answers the one 404 page to random, forged, altered, revoked and expired tokens, writing nothing', async () => {
    const tokens = [...live.map((l) => l.token), ...dead];
    const requests = fc.oneof(forgedReportLinks(tokens), realReportLinks(dead));
    const rows = await fz.rowCounts();
    await fc.assert(
      fc.asyncProperty(requests, async (req) => {
        const a = await send(req);
        expect(a.status, req.url).toBe(404);
        expect(a.body).toContain('Link expired or invalid');
      }),
      fuzzParameters(41),
    );
    expect(await fz.rowCounts()).toEqual(rows);
  });

  it('answers 404 to tokens signed with the real key whose payload disagrees with a live row, writing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        resignedReportLinks(
          FUZZ_PULSE_SECRET,
          live.map((l) => l.link),
          companies,
          asOf,
        ),
        async (req) => {
          const a = await send(req);
          const p = req.signed;
          const matchesLive =
            live.some(
              ({ link }) => link.tokenId === p.tokenId && link.companyId === p.companyId && link.kind === p.kind,
            ) && p.expiresAt > asOf;
          expect(matchesLive ? allowedForLiveLink(req) : [404], req.url).toContain(a.status);
        },
      ),
      fuzzParameters(42),
    );
  });

  it('answers a live link with random suffixes, queries and headers 200, 400 or 404, writing nothing', async () => {
    const outcomes = new Outcomes();
    await fc.assert(
      fc.asyncProperty(realReportLinks(live.map((l) => l.token)), async (req) => {
        const a = await send(req);
        outcomes.add(a.status);
        expect(allowedForLiveLink(req), `${req.url} answered ${a.body.slice(0, 200)}`).toContain(a.status);
      }),
      fuzzParameters(43),
    );
    outcomes.expectEach([200, 400, 404]);
  });
});
