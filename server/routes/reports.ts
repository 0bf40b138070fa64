// GET /r/:token (HTML), /r/:token.csv, /r/:token.json and /r/:token/chart/<name>[-dark].png: report pages
// for signed, expiring, revocable links. Every request under /r/ checks the link the same way and any
// unusable link gets the same 404 page; strict headers on every response; a per-IP rate limit registered
// here, so it covers only /r/*. Routes log at warn level: request lines would carry the token.
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { renderChart } from '../../charts/index.ts';
import { buildReport, reportChurnProbabilities } from '../../core/reports/report.service.ts';
import { openReportLink, type OpenedReportLink } from '../../core/reports/report-links.service.ts';
import { isPeriodName, periodNames, type PeriodName } from '../../core/named-periods.ts';
import type { ReportJson } from '../../core/reports/report-json.ts';
import { reportLinkKey } from '../../core/reports/token.ts';
import type { SharedDeps } from '../bot-deps.ts';
import { chartSpec, isChartName } from '../reports/charts.ts';
import { reportCsv } from '../reports/csv.ts';
import { privateCache, setReportHeaders } from '../reports/headers.ts';
import { badRequestPage, INVALID_STATUS, invalidPage } from '../reports/invalid.ts';
import { favicon } from '../reports/layout.ts';
import { renderReportHtml } from '../reports/render.ts';
import { TtlCache } from '../reports/report-cache.ts';
import { parseSort } from '../reports/table.ts';

export interface ReportRouteOptions {
  shared: SharedDeps;
  /** Requests per IP per window on /r/* (default 120 a minute). */
  rateLimit?: { max: number; timeWindowMs: number };
  /** How long report data and chart images are reused (default 60 s; 0 turns the cache off). */
  cacheMs?: number;
}

type Target =
  | { token: string; as: 'page' | 'csv' | 'json' }
  | { token: string; as: 'chart'; chart: string; dark: boolean };

const tokenPart = '([A-Za-z0-9_-]{1,200}\\.[A-Za-z0-9_-]{1,100})';
const pagePath = new RegExp(`^${tokenPart}(\\.csv|\\.json)?$`);
const chartPath = new RegExp(`^${tokenPart}/chart/([a-z]{1,20})(-dark)?\\.png$`);

function parseTarget(rest: string): Target | null {
  const page = pagePath.exec(rest);
  if (page) return { token: page[1]!, as: page[2] === '.csv' ? 'csv' : page[2] === '.json' ? 'json' : 'page' };
  const chart = chartPath.exec(rest);
  return chart ? { token: chart[1]!, as: 'chart', chart: chart[2]!, dark: chart[3] === '-dark' } : null;
}

function invalid(reply: FastifyReply) {
  return reply
    .status(INVALID_STATUS)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(invalidPage);
}

export const reportRoutes: FastifyPluginAsync<ReportRouteOptions> = async (app, opts) => {
  const { db, config, now } = opts.shared;
  const key = (() => {
    try {
      return reportLinkKey(config.PULSE_SECRET);
    } catch {
      return null; // no usable secret: no link can be valid
    }
  })();
  const cacheMs = opts.cacheMs ?? 60_000;
  const reports = new TtlCache<ReportJson>({ ttlMs: cacheMs, max: 100 });
  const charts = new TtlCache<Buffer>({ ttlMs: cacheMs, max: 60 });

  app.addHook('onRequest', async (_req, reply) => setReportHeaders(reply));
  await app.register(rateLimit, {
    // The address as TRUST_PROXY says to read it (server/edge/client-address.ts): a forwarded header is never
    // believed unless the operator put a proxy in front.
    keyGenerator: (req) => (app.hasDecorator('clientAddress') ? app.clientAddress(req) : req.ip),
    max: opts.rateLimit?.max ?? 120,
    timeWindow: opts.rateLimit?.timeWindowMs ?? 60_000,
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error(`Too many requests: try again in ${ctx.after}`), { statusCode: ctx.statusCode }),
  });

  const open = async (token: string): Promise<OpenedReportLink | null> => {
    const link = await openReportLink({ db, secret: config.PULSE_SECRET, now }, token, key ?? Buffer.alloc(32));
    return key ? link : null;
  };

  const report = (link: OpenedReportLink, period: PeriodName | undefined) =>
    reports.get(`${link.tokenId}|${period ?? ''}`, () => buildReport(db, { ...link, period, now: now() }));

  app.get('/r/favicon.svg', { logLevel: 'warn' }, async (_req, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(favicon),
  );

  app.get('/r/*', { logLevel: 'warn' }, async (req, reply) => {
    const target = parseTarget((req.params as { '*'?: string })['*'] ?? '');
    const link = await open(target?.token ?? '');
    if (!link || !target) return invalid(reply);
    const query = req.query as Record<string, unknown>;
    if (query.period !== undefined && !isPeriodName(query.period)) {
      return reply
        .status(400)
        .type('text/html; charset=utf-8')
        .send(badRequestPage(`period must be one of ${periodNames.join(', ')}`));
    }
    const period = query.period as PeriodName | undefined;
    const data = await report(link, period);
    const base = `/r/${target.token}`;
    switch (target.as) {
      case 'page':
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', privateCache)
          .send(renderReportHtml({ report: data, base, sort: parseSort(query.sort, query.dir) }));
      case 'json':
        return reply
          .type('application/json; charset=utf-8')
          .header('cache-control', privateCache)
          .send(JSON.stringify(data));
      case 'csv':
        return reply
          .type('text/csv; charset=utf-8')
          .header('cache-control', privateCache)
          .header('content-disposition', `attachment; filename="pulse-${data.kind}-${data.period.name}.csv"`)
          .send(reportCsv(data));
      case 'chart': {
        const name = target.chart;
        if (!isChartName(name) || !chartSpec(data, name))
          return reply
            .status(404)
            .type('text/html; charset=utf-8')
            .send(badRequestPage('This report has no such chart.'));
        const png = await charts.get(
          `${link.tokenId}|${data.asOf}|${data.period.name}|${name}|${target.dark}`,
          async () => {
            const probabilities =
              name === 'risk' ? await reportChurnProbabilities(db, link.companyId, new Date(data.asOf)) : [];
            return (await renderChart(chartSpec(data, name, probabilities)!, { theme: target.dark ? 'dark' : 'light' }))
              .png;
          },
        );
        return reply.type('image/png').header('cache-control', privateCache).send(png);
      }
    }
  });
};
