// The link page: GET /link/:token (what is being linked, "Sign in with Whop"), GET /link/:token/start (PKCE
// and the browser cookie, then Whop's authorize page), GET /auth/whop/callback (code exchanged, the Whop user
// read, the company choice shown) and POST /link/:token/company (admin check, workspace bound, first sync
// queued). Strict headers, no script, a per-IP rate limit in this scope; logged at warn level because the
// URLs carry tokens and codes.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { LinkFlowDeps } from '../../core/linking/link-flow.ts';
import { chooseCompany } from '../../core/linking/link-choice.ts';
import { browserIdOr, completeSignIn, startSignIn } from '../../core/linking/link-sign-in.ts';
import { openLink } from '../../core/linking/link-flow.ts';
import { CALLBACK_PATH } from '../../core/linking/whop-oauth.ts';
import type { SharedDeps } from '../bot-deps.ts';
import { limitRequests } from '../link/rate-limit.ts';
import { browserCookieName, readCookie, setBrowserCookie } from '../link/cookies.ts';
import { agendaFirstSync, type QueueFirstSync } from '../link/first-sync.ts';
import { setLinkHeaders } from '../link/layout.ts';
import { linkedPage, pickerPage, refusalPage, startPage } from '../link/pages.ts';

export interface LinkRouteOptions {
  shared: SharedDeps;
  /** Queues a newly linked company's first sync (default: an Agenda job when it has never synced). */
  queueFirstSync?: QueueFirstSync;
  rateLimit?: { max: number; timeWindowMs: number };
}

const tokenPattern = /^[A-Za-z0-9_-]{28}\.[A-Za-z0-9_-]{43}$/;
const html = (reply: FastifyReply, status: number, body: string) =>
  reply.status(status).type('text/html; charset=utf-8').send(body);

export const linkRoutes: FastifyPluginAsync<LinkRouteOptions> = async (app, opts) => {
  const { db, config, now, log } = opts.shared;
  const deps: LinkFlowDeps = { db, config, now };
  const queueFirstSync = opts.queueFirstSync ?? opts.shared.queueFirstSync ?? agendaFirstSync(config.DATABASE_URL, db);
  const cookie = browserCookieName(config.PUBLIC_URL);

  app.addHook('onRequest', async (_req, reply) => setLinkHeaders(reply));
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  await limitRequests(app, { max: opts.rateLimit?.max ?? 60, timeWindowMs: opts.rateLimit?.timeWindowMs ?? 60_000 });

  const refused = (reply: FastifyReply, refusal: Parameters<typeof refusalPage>[0], retryToken?: string) => {
    const page = refusalPage(refusal, retryToken);
    return html(reply, page.status, page.body);
  };
  const tokenOf = (params: unknown) => {
    const token = (params as { token?: string }).token ?? '';
    return tokenPattern.test(token) ? token : '';
  };

  app.get('/link/:token', { logLevel: 'warn' }, async (req, reply) => {
    const opened = await openLink(deps, tokenOf(req.params));
    if (!opened.ok) return refused(reply, opened.refusal);
    return html(reply, 200, startPage(opened.request, opened.token));
  });

  app.get('/link/:token/start', { logLevel: 'warn' }, async (req, reply) => {
    const token = tokenOf(req.params);
    const browserId = browserIdOr(readCookie(req, cookie));
    const started = await startSignIn(deps, token, browserId);
    if (!started.ok) return refused(reply, started.refusal);
    setBrowserCookie(reply, config.PUBLIC_URL, browserId);
    return reply.redirect(started.redirect, 303);
  });

  app.get(CALLBACK_PATH, { logLevel: 'warn' }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const signedIn = await completeSignIn(deps, {
      state: text(q.state),
      code: text(q.code),
      error: text(q.error),
      browserId: readCookie(req, cookie),
    });
    if (!signedIn.ok) {
      log.warn({ refusal: signedIn.refusal }, 'whop sign-in for a link refused');
      return refused(reply, signedIn.refusal);
    }
    return html(reply, 200, pickerPage(signedIn.request, signedIn.token, signedIn.whopUserId, signedIn.candidates));
  });

  app.post('/link/:token/company', { logLevel: 'warn' }, async (req, reply) => {
    const token = tokenOf(req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const company = typeof body.company === 'string' ? body.company : '';
    const linked = await chooseCompany(deps, { token, browserId: readCookie(req, cookie), company });
    if (!linked.ok) {
      log.warn({ refusal: linked.refusal }, 'workspace link refused');
      return refused(reply, linked.refusal, token);
    }
    const { link } = linked;
    log.info(
      {
        platform: link.platform,
        workspaceId: link.externalId,
        companyId: link.companyId,
        whopUserId: linked.whopUserId,
      },
      'workspace linked with a whop sign-in',
    );
    await queueFirstSync(link.companyId).catch((err: unknown) =>
      log.warn(
        { companyId: link.companyId, err: err instanceof Error ? err.message : String(err) },
        'could not queue the first sync; the scheduler will',
      ),
    );
    return html(reply, 200, linkedPage(link, linked.company));
  });
};
