// Requests to GET /r/<token>[.csv|.json|/chart/<name>[-dark].png]: tokens that are not links at all (random text,
// the right shape with a wrong MAC, a real token cut, lengthened or with one character changed), tokens signed with
// the real key for rows that do not exist or disagree with their row, and a real link with random suffixes, query
// strings and headers. X-Forwarded-For is random too; `fromNewClient` ends it with an address of its own, the key of
// the report routes' own limiter (120 a minute per address), so a run measures the pages, not the limiter.
import fc from 'fast-check';
import { reportKinds } from '../../core/reports/kinds.ts';
import { reportLinkKey, signToken, type TokenPayload } from '../../core/reports/token.ts';
import { extraHeaders, tamper } from './arbitraries.ts';
import type { FuzzRequest } from './fuzz-app.ts';

const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const b64 = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...base64url), minLength: min, maxLength: max });

/** What follows the token: the page, its CSV or JSON, a chart (known names and others), or stray path text. */
export const suffix = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('', '.csv', '.json') },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.oneof(
          fc.constantFrom('mrr', 'engagement', 'heatmap', 'risk', 'content', 'score'),
          fc.stringMatching(/^[a-z]{1,24}$/),
        ),
        fc.boolean(),
      )
      .map(([name, dark]) => `/chart/${name}${dark ? '-dark' : ''}.png`),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 3 })
      .map((parts) => parts.map((p) => `/${encodeURIComponent(p)}`).join('')),
  },
);

/** A query string: the parameters the pages read (period, sort, dir), with good and bad values, and others. */
export const query = fc
  .dictionary(
    fc.oneof(fc.constantFrom('period', 'sort', 'dir'), fc.string({ maxLength: 10 })),
    fc.oneof(
      fc.constantFrom(
        'last_7_days',
        'last_30_days',
        'last_90_days',
        'this_month',
        'last_month',
        'this_year',
        'members.name',
        'content.views',
        'asc',
        'desc',
      ),
      fc.string({ unit: 'binary', maxLength: 30 }),
    ),
    { maxKeys: 3 },
  )
  .map((q) => {
    const s = new URLSearchParams(q).toString();
    return s ? `?${s}` : '';
  });

const headers = fc
  .tuple(
    extraHeaders,
    fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
    ),
  )
  .map(([extra, forwarded]) => ({ ...extra, 'x-forwarded-for': forwarded }));

let clients = 0;

/** `req` as sent by a client address no request before it used (the last X-Forwarded-For entry). */
export function fromNewClient<R extends FuzzRequest>(req: R): R {
  const n = ++clients;
  const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const forwarded = req.headers['x-forwarded-for'];
  return { ...req, headers: { ...req.headers, 'x-forwarded-for': forwarded ? `${forwarded}, ${address}` : address } };
}

/** A report request, with the parts its URL was made of (the expected answer depends on them). */
export interface ReportRequest extends FuzzRequest {
  tail: string;
  query: string;
}

function request(token: string, tail: string, q: string, h: Record<string, string>): ReportRequest {
  return { method: 'GET', url: `/r/${token}${tail}${q}`, headers: h, tail, query: q };
}

/** Tokens that are not valid links: random text, right-shaped forgeries, real tokens cut, lengthened or changed. */
export function forgedReportLinks(realTokens: string[]): fc.Arbitrary<ReportRequest & { token: string }> {
  const token = fc
    .oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 120 }).map((s) => encodeURIComponent(s)),
      fc.tuple(b64(1, 60), b64(0, 60)).map(([a, b]) => `${a}.${b}`),
      fc.tuple(b64(39, 39), b64(43, 43)).map(([a, b]) => `${a}.${b}`),
      fc
        .tuple(fc.constantFrom(...realTokens), fc.nat())
        .map(([t, at]) => tamper(t, at).replace(/[^A-Za-z0-9_.-]/g, 'A')),
      fc.tuple(fc.constantFrom(...realTokens), fc.nat()).map(([t, cut]) => t.slice(0, cut % t.length)),
      fc.tuple(fc.constantFrom(...realTokens), b64(1, 20)).map(([t, more]) => t + more),
      b64(400, 700),
    )
    .filter((t) => t.length > 0 && !realTokens.includes(t));
  return fc.tuple(token, suffix, query, headers).map(([t, tail, q, h]) => ({ ...request(t, tail, q, h), token: t }));
}

export interface RealLink {
  tokenId: string;
  companyId: number;
  kind: (typeof reportKinds)[number];
}

/** Tokens with a genuine MAC (signed with the app's key) whose payload names other rows, companies, kinds, expiries. */
export function resignedReportLinks(
  secret: string,
  real: RealLink[],
  otherCompanyIds: number[],
  now: Date,
): fc.Arbitrary<ReportRequest & { signed: TokenPayload }> {
  const key = reportLinkKey(secret);
  const payload = fc.record({
    tokenId: fc.oneof(fc.constantFrom(...real.map((r) => r.tokenId)), fc.uuid()),
    companyId: fc.oneof(
      fc.constantFrom(...real.map((r) => r.companyId), ...otherCompanyIds),
      fc.integer({ min: 1, max: 2 ** 40 }),
    ),
    kind: fc.constantFrom(...reportKinds),
    expiresAt: fc
      .integer({ min: -400, max: 400 })
      .map((days) => new Date(Math.floor(now.getTime() / 1000 + days * 86_400) * 1000)),
  });
  return fc
    .tuple(payload, suffix, query, headers)
    .map(([p, tail, q, h]) => ({ ...request(signToken(key, p), tail, q, h), signed: p }));
}

/** A real, live link with random suffixes, queries and headers. */
export function realReportLinks(tokens: string[]): fc.Arbitrary<ReportRequest> {
  return fc.tuple(fc.constantFrom(...tokens), suffix, query, headers).map(([t, tail, q, h]) => request(t, tail, q, h));
}
