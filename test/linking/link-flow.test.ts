// Link with proof, through the real app (inject) and the fake Whop's real OAuth wire protocol: /pulse setup
// in an unlinked guild hands out a one-time link; the page signs the admin in with Whop (PKCE), offers their
// installed companies, and binds the guild only once Whop says the person is an admin of the company picked.
// Then every refusal: not an admin, a forged, replayed or expired link, a company that did not install Pulse
// (or left), another browser, a declined consent, a replayed callback, a workspace already linked elsewhere;
// each shows a clear page and binds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../bot/interactions/dispatch.ts';
import type { Answer } from '../../bot/answer.ts';
import { createLinkRequest } from '../../core/linking/link-request.service.ts';
import { parseLinkToken, signLinkToken } from '../../core/linking/link-token.ts';
import { linkWorkspace, type Actor } from '../../core/tenancy/index.ts';
import {
  biz,
  callbackPath,
  linkPath,
  people,
  SECRET,
  signInAt,
  startLinkRig,
  workspaceLink,
  type LinkRig,
} from './link-rig.ts';

let rig: LinkRig;
beforeAll(async () => {
  rig = await startLinkRig();
});
afterAll(async () => {
  await rig?.close();
});

const admin = (userId: string): Actor => ({ platform: 'discord', userId, isAdmin: true, roleIds: [] });
let guildSeq = 0;
const nextGuild = () => `90000000000000${String(++guildSeq).padStart(4, '0')}`;

async function setupLink(
  guild: string,
  actor = admin('u-setup'),
): Promise<{ answer: Answer; token: string; path: string }> {
  const answer = await runCommand(rig.app.shared, {
    platform: 'discord',
    workspaceId: guild,
    actor,
    channelId: 'general',
    name: 'pulse setup',
    options: {},
  });
  const button = answer.components[0]?.[0];
  if (button?.type !== 'link') throw new Error(`no link in ${JSON.stringify(answer)}`);
  return { answer, ...linkPath(button.url) };
}

const get = (url: string, cookie?: string) => rig.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const choose = (token: string, company: string, cookie?: string) =>
  rig.app.inject({
    method: 'POST',
    url: `/link/${token}/company`,
    payload: new URLSearchParams({ company }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  });
const requestRow = async (token: string) => {
  const id = parseLinkToken(token)!.requestId;
  return (
    await rig.pool.query('select used_at, company_id, whop_user_id, code_verifier from link_requests where id = $1', [
      id,
    ])
  ).rows[0];
};
const title = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];

describe('linking a guild with Sign in with Whop', () => {
  it('runs the whole flow: link page, Whop consent, company choice, linked, first sync queued', async () => {
    const guild = nextGuild();
    const { answer, token, path } = await setupLink(guild);
    expect(answer.visibility).toBe('ephemeral');
    expect(answer.components[0]![0]).toMatchObject({ type: 'link', label: 'Open link page' });
    expect(path).toMatch(/^\/link\/[A-Za-z0-9_-]{28}\.[A-Za-z0-9_-]{43}$/);

    const page = await get(path);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.headers['content-security-policy']).not.toContain('script');
    expect(page.body).toContain(`href="/link/${token}/start">Sign in with Whop</a>`);
    expect(page.body).toContain(`Discord server ${guild}`);
    expect(page.body).not.toContain('<script');

    const start = await get(`/link/${token}/start`);
    expect(start.statusCode).toBe(303);
    const authorize = new URL(String(start.headers.location));
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${new URL(rig.fake.url).origin}/oauth/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'app_pulse_client',
      redirect_uri: 'http://pulse.test/auth/whop/callback',
      scope: 'openid',
      code_challenge_method: 'S256',
    });
    expect(String(start.headers['set-cookie'])).toMatch(
      /^pulse_link=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=1800; HttpOnly; SameSite=Lax$/,
    );

    const { callback, cookie } = await signInAt(rig, token, people.owner.id);
    const picker = await get(callbackPath(callback), cookie);
    expect(picker.statusCode).toBe(200);
    expect(title(picker.body)).toBe('Choose your Whop company');
    // The owner's own companies that installed Pulse (A, B), not C (never installed) nor D (uninstalled).
    expect(picker.body).toContain('>Link to Company A</button>');
    expect(picker.body).toContain('>Link to B &amp; &lt;Co&gt;</button>');
    expect(picker.body).not.toMatch(/Link to Company [CD]/);
    expect((await requestRow(token)).whop_user_id).toBe(people.owner.id);

    const linked = await choose(token, biz.a, cookie);
    expect(linked.statusCode).toBe(200);
    expect(title(linked.body)).toBe('Linked');
    expect(linked.body).toContain('now answers for <strong>Company A</strong>');
    expect(await workspaceLink(rig.pool, 'discord', guild)).toEqual({
      company_id: String(rig.companies.a),
      linked_by: 'discord:u-setup',
    });
    const row = await requestRow(token);
    expect(row.used_at).not.toBeNull();
    expect(row.company_id).toBe(String(rig.companies.a));
    const jobs = await rig.pool.query(`select name, data from agenda_jobs where name = 'whop:sync-company'`);
    expect(jobs.rows).toEqual([{ name: 'whop:sync-company', data: { companyId: rig.companies.a } }]);

    // The same link again: used.
    expect((await get(path)).statusCode).toBe(410);
    const replay = await choose(token, biz.b, cookie);
    expect(replay.statusCode).toBe(410);
    expect(title(replay.body)).toBe('Link already used');
  });

  it('lets a second guild join a company that already has one, with the proof', async () => {
    const guild = nextGuild();
    const { token } = await setupLink(guild);
    const { callback, cookie } = await signInAt(rig, token, people.owner.id);
    await get(callbackPath(callback), cookie);
    const r = await choose(token, `https://whop.com/dashboard/${biz.a}/`, cookie);
    expect(r.statusCode).toBe(200);
    expect((await workspaceLink(rig.pool, 'discord', guild))?.company_id).toBe(String(rig.companies.a));
  });
});

describe('refusals bind nothing', () => {
  it('refuses a signed-in customer (not an admin) and keeps the link usable', async () => {
    const guild = nextGuild();
    const { token } = await setupLink(guild);
    const { callback, cookie } = await signInAt(rig, token, people.customer.id);
    const picker = await get(callbackPath(callback), cookie);
    expect(picker.body).toContain('did not list any company of yours');
    const r = await choose(token, biz.a, cookie);
    expect(r.statusCode).toBe(403);
    expect(title(r.body)).toBe('Not an admin of that company');
    expect(r.body).toContain(`href="/link/${token}">Start again</a>`);
    expect(await workspaceLink(rig.pool, 'discord', guild)).toBeUndefined();
    expect((await requestRow(token)).used_at).toBeNull();
  });

  it('refuses an admin of another company picking company A', async () => {
    const guild = nextGuild();
    const { token } = await setupLink(guild);
    const { callback, cookie } = await signInAt(rig, token, people.stranger.id);
    await get(callbackPath(callback), cookie);
    const r = await choose(token, biz.a, cookie);
    expect(r.statusCode).toBe(403);
    expect(await workspaceLink(rig.pool, 'discord', guild)).toBeUndefined();
  });

  it('refuses a company that did not install Pulse, or uninstalled it', async () => {
    const guild = nextGuild();
    const { token } = await setupLink(guild);
    const { callback, cookie } = await signInAt(rig, token, people.owner.id);
    await get(callbackPath(callback), cookie);
    for (const company of [biz.c, biz.d]) {
      const r = await choose(token, company, cookie);
      expect(r.statusCode).toBe(409);
      expect(title(r.body)).toBe('Pulse is not installed there');
    }
    const bad = await choose(token, 'not a company', cookie);
    expect(bad.statusCode).toBe(422);
    expect(await workspaceLink(rig.pool, 'discord', guild)).toBeUndefined();
  });

  it('refuses a forged or tampered link on every step', async () => {
    const guild = nextGuild();
    const { token } = await setupLink(guild);
    const [body, mac] = token.split('.') as [string, string];
    const named = parseLinkToken(token)!;
    // The same request re-signed (with the real secret) for another guild or another asker: the MAC covers the
    // row's binding, so neither verifies; nor does one signed with another secret.
    const otherGuild = signLinkToken(SECRET, {
      ...named,
      platform: 'discord',
      externalId: '900000000000009999',
      requestedBy: 'discord:u-setup',
    });
    const otherAsker = signLinkToken(SECRET, {
      ...named,
      platform: 'discord',
      externalId: guild,
      requestedBy: 'discord:u-intruder',
    });
    const otherSecret = signLinkToken(`${SECRET}-x`, {
      ...named,
      platform: 'discord',
      externalId: guild,
      requestedBy: 'discord:u-setup',
    });
    expect(
      signLinkToken(SECRET, { ...named, platform: 'discord', externalId: guild, requestedBy: 'discord:u-setup' }),
    ).toBe(token);
    const bytes = Buffer.from(body, 'base64url');
    bytes[20] = bytes[20]! ^ 1; // the expiry's last byte
    const tampered = `${bytes.toString('base64url')}.${mac}`;
    const flipped = `${body}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const t of [otherGuild, otherAsker, otherSecret, tampered, flipped, 'garbage', `${body}.`]) {
      const page = await get(`/link/${t}`);
      expect(page.statusCode).toBe(404);
      expect(title(page.body)).toBe('Link not valid');
      expect((await get(`/link/${t}/start`)).statusCode).toBe(404);
      expect((await choose(t, biz.a)).statusCode).toBe(404);
    }
    expect(await workspaceLink(rig.pool, 'discord', guild)).toBeUndefined();
  });

  it('refuses an expired link, even after a sign-in that finished in time', async () => {
    const guild = nextGuild();
    const { token, path } = await setupLink(guild);
    const { callback, cookie } = await signInAt(rig, token, people.owner.id);
    await get(callbackPath(callback), cookie);
    const before = rig.clock.now;
    rig.clock.now = new Date(before.getTime() + 15 * 60_000);
    try {
      const page = await get(path);
      expect(page.statusCode).toBe(410);
      expect(title(page.body)).toBe('Link expired');
      expect((await choose(token, biz.a, cookie)).statusCode).toBe(410);
    } finally {
      rig.clock.now = before;
    }
    expect(await workspaceLink(rig.pool, 'discord', guild)).toBeUndefined();
  });

  it('refuses a choice or callback from another browser, a declined consent and a replayed callback', async () => {
    const guild = nextGuild();
    const { token } = await setupLink(guild);
    const first = await signInAt(rig, token, people.owner.id);
    const elsewhere = await get(callbackPath(first.callback), 'pulse_link=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(elsewhere.statusCode).toBe(403);
    expect(title(elsewhere.body)).toBe('Finish in the same browser');
    expect((await get(callbackPath(first.callback))).statusCode).toBe(403);

    const picker = await get(callbackPath(first.callback), first.cookie);
    expect(picker.statusCode).toBe(200);
    const refusedBefore = rig.fake.identity.stats.tokenRequests;
    const replayed = await get(callbackPath(first.callback), first.cookie);
    expect(replayed.statusCode).toBe(502);
    expect(rig.fake.identity.stats.tokenRequests).toBe(refusedBefore); // the verifier went with the first exchange
    expect((await choose(token, biz.a, 'pulse_link=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB')).statusCode).toBe(403);

    const denied = await signInAt(rig, token, people.owner.id, 'deny', first.cookie);
    const r = await get(callbackPath(denied.callback), denied.cookie);
    expect(r.statusCode).toBe(403);
    expect(title(r.body)).toBe('Sign-in cancelled');
    expect(await workspaceLink(rig.pool, 'discord', guild)).toBeUndefined();
  });

  it('refuses to move a workspace already linked to another company', async () => {
    const guild = nextGuild();
    await linkWorkspace(rig.pool, {
      platform: 'discord',
      externalId: guild,
      companyId: rig.companies.b,
      linkedBy: 'operator',
    });
    const link = await createLinkRequest(rig.app.shared, {
      platform: 'discord',
      externalId: guild,
      requestedBy: 'discord:u-setup',
    });
    const { token } = linkPath(link.url);
    const { callback, cookie } = await signInAt(rig, token, people.owner.id);
    await get(callbackPath(callback), cookie);
    const r = await choose(token, biz.a, cookie);
    expect(r.statusCode).toBe(409);
    expect(title(r.body)).toBe('Already linked to another company');
    expect((await workspaceLink(rig.pool, 'discord', guild))?.company_id).toBe(String(rig.companies.b));
    expect((await requestRow(token)).used_at).toBeNull();
  });

  it('answers members with guidance, not a link', async () => {
    const a = await runCommand(rig.app.shared, {
      platform: 'discord',
      workspaceId: nextGuild(),
      actor: { platform: 'discord', userId: 'u-member', isAdmin: false, roleIds: [] },
      channelId: 'general',
      name: 'pulse setup',
      options: {},
    });
    expect(a.title).toBe('Pulse is for the team');
    expect(a.components).toEqual([]);
  });
});
