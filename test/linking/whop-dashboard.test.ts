// Pulse inside Whop's dashboard: the x-whop-user-token (ES256, verified against the fake Whop's JWKS with
// jose) and Whop's admin check decide. An admin sees the overview, the tier with an upgrade link, and
// Discord/Slack buttons each carrying a single-use install grant for this company; a customer, an admin of
// another company, and forged, wrong-audience, wrong-issuer or expired tokens get a refusal and no data.
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redeemInstallGrant } from '../../core/linking/install-grant.ts';
import { APP_ID, biz, people, SECRET, startLinkRig, type LinkRig } from './link-rig.ts';

let rig: LinkRig;
beforeAll(async () => {
  rig = await startLinkRig({
    env: {
      DISCORD_APP_ID: '123456789012345678',
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'slack-client-secret',
      PULSE_PLAN_PRO: 'plan_pulsePro01',
    },
  });
});
afterAll(async () => {
  await rig?.close();
});

const seconds = () => Math.floor(rig.clock.now.getTime() / 1000);
const mint = (userId: string, extra: Partial<Parameters<LinkRig['fake']['identity']['mintUserToken']>[0]> = {}) =>
  rig.fake.identity.mintUserToken({ userId, appId: APP_ID, issuedAt: seconds(), ...extra });
const view = (companyId: string, token?: string) =>
  rig.app.inject({
    method: 'GET',
    url: `/whop/dashboard/${companyId}`,
    headers: token ? { 'x-whop-user-token': token } : {},
  });
const title = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
const hrefs = (html: string, pattern: RegExp) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')).filter((h) => pattern.test(h));

describe('the Whop dashboard view', () => {
  it('shows an admin the overview, the tier, an upgrade link and install buttons with single-use grants', async () => {
    const r = await view(biz.a, await mint(people.owner.id));
    expect(r.statusCode).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain('frame-ancestors https://whop.com https://*.whop.com');
    expect(csp).not.toContain('script');
    expect(r.headers['x-frame-options']).toBeUndefined();
    expect(r.body).not.toContain('<script');
    expect(title(r.body)).toBe('Pulse · Company A');
    expect(r.body).toContain('data-tier="free"');
    expect(r.body).toContain('data-figure="mrrEndMinor"');
    const [upgrade] = hrefs(r.body, /\/checkout\//);
    expect(upgrade).toBe(`${new URL(rig.fake.url).origin}/checkout/${[...rig.fake.app.checkouts.keys()][0]}`);
    expect([...rig.fake.app.checkouts.values()][0]!.metadata).toEqual({
      pulse_company_id: String(rig.companies.a),
      whop_company_id: biz.a,
    });

    const discord = hrefs(r.body, /^http:\/\/pulse\.test\/discord\/install\?grant=/);
    const slack = hrefs(r.body, /^http:\/\/pulse\.test\/slack\/install\?grant=/);
    expect(discord).toHaveLength(1);
    expect(slack).toHaveLength(1);
    const grantOf = (url: string) => new URL(url).searchParams.get('grant')!;
    expect(grantOf(discord[0]!)).not.toBe(grantOf(slack[0]!));
    const expected = { companyId: rig.companies.a, whopUserId: people.owner.id };
    expect(await redeemInstallGrant(rig.pool, SECRET, grantOf(discord[0]!), rig.clock.now)).toEqual(expected);
    expect(await redeemInstallGrant(rig.pool, SECRET, grantOf(discord[0]!), rig.clock.now)).toBeNull();
    expect(
      await redeemInstallGrant(rig.pool, SECRET, grantOf(slack[0]!), new Date(rig.clock.now.getTime() + 15 * 60_000)),
    ).toBeNull();

    // The full report it links to opens; a second view reuses the same report link.
    const [full] = hrefs(r.body, /^\/r\/[^./]+\.[^./]+$/);
    expect((await rig.app.inject({ method: 'GET', url: full! })).statusCode).toBe(200);
    await view(biz.a, await mint(people.owner.id));
    const links = await rig.pool.query(`select created_by from report_links where company_id = $1`, [rig.companies.a]);
    expect(links.rows).toEqual([{ created_by: `whop:${people.owner.id}` }]);
  });

  it('refuses a customer and an admin of another company, politely and without data', async () => {
    for (const who of [people.customer.id, people.stranger.id]) {
      const r = await view(biz.a, await mint(who));
      expect(r.statusCode).toBe(403);
      expect(title(r.body)).toBe('For the company&#39;s admins');
      expect(r.body).not.toContain('data-figure');
      expect(r.body).not.toContain('grant=');
      expect(r.body).not.toContain('Company A');
    }
  });

  it('refuses forged, wrong-audience, wrong-issuer, expired and missing tokens', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const hs = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('urn:whopcom:exp-proxy')
      .setAudience(APP_ID)
      .setSubject(people.owner.id)
      .setIssuedAt(seconds())
      .setExpirationTime(seconds() + 300)
      .sign(new TextEncoder().encode('x'.repeat(32)));
    const tokens = {
      forged: await mint(people.owner.id, { key: privateKey }),
      audience: await mint(people.owner.id, { appId: 'app_someone_else' }),
      issuer: await mint(people.owner.id, { issuer: 'urn:whopcom:other' }),
      expired: await mint(people.owner.id, { issuedAt: seconds() - 600, expiresInS: 300 }),
      hs256: hs,
      garbage: 'not.a.jwt',
    };
    for (const [kind, token] of Object.entries(tokens)) {
      const r = await view(biz.a, token);
      expect([kind, r.statusCode]).toEqual([kind, 401]);
      expect(r.body).not.toContain('data-figure');
    }
    expect((await view(biz.a)).statusCode).toBe(401);
  });

  it('tells an admin when Pulse is not installed for the company, and refuses a malformed company id', async () => {
    const r = await view(biz.c, await mint(people.owner.id));
    expect(r.statusCode).toBe(404);
    expect(title(r.body)).toBe('Pulse is not set up here yet');
    expect((await view('biz_<script>', await mint(people.owner.id))).statusCode).toBe(403);
  });

  it('escapes the company name from Whop', async () => {
    const r = await view(biz.b, await mint(people.owner.id));
    expect(r.statusCode).toBe(200);
    expect(title(r.body)).toBe('Pulse · B &amp; &lt;Co&gt;');
  });
});
