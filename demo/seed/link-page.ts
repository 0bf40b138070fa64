// The demo's "Sign in with Whop": when the demo runs on its fake Whop and no OAuth client is configured, the
// fake gets Pulse's OAuth client (redirect URL on this server) and a demo owner, admin of the demo company and
// signed in at the fake's consent page; the server is configured to use them. Plus one link page for a demo
// Discord server, so the whole link flow can be clicked through in a browser.
import { randomBytes } from 'node:crypto';
import type { Config } from '../../core/config.ts';
import type { Queryable } from '../../core/db/queryable.ts';
import { createLinkRequest } from '../../core/linking/link-request.service.ts';
import { redirectUri } from '../../core/linking/whop-oauth.ts';
import { defaultFakeApiKey, type FakeWhop } from '../fake-whop/server.ts';

/** The guild the demo's link page links (no real Discord server: it only shows the flow). */
export const DEMO_GUILD = '100000000000000001';
const DEMO_OWNER = { id: 'user_demoOwner', name: 'Demo Owner', username: 'demo-owner' };

/** Config for sign-in against the fake (unchanged when an OAuth client is configured or Whop is real). */
export function demoSignInConfig(config: Config, fake: FakeWhop, whopCompanyId: string): Config {
  if (config.WHOP_CLIENT_ID || new URL(config.WHOP_API_BASE_URL).origin !== new URL(fake.url).origin) return config;
  const client = { id: 'app_pulse_demo', secret: randomBytes(24).toString('base64url') };
  fake.identity.registerClient({ id: client.id, secret: client.secret, redirectUris: [redirectUri(config)] });
  fake.identity.addUser(DEMO_OWNER, { adminOf: [whopCompanyId] });
  fake.identity.sessionUserId = DEMO_OWNER.id;
  return {
    ...config,
    WHOP_CLIENT_ID: client.id,
    WHOP_CLIENT_SECRET: client.secret,
    WHOP_OAUTH_BASE_URL: `${new URL(fake.url).origin}/oauth`,
    WHOP_API_KEY: config.WHOP_API_KEY ?? defaultFakeApiKey,
  };
}

/** A link page for the demo guild (15 minutes, once), or null when sign-in is off. */
export async function demoLinkPage(db: Queryable, config: Config): Promise<string | null> {
  if (!config.WHOP_CLIENT_ID) return null;
  const link = await createLinkRequest(
    { db, config, now: () => new Date() },
    { platform: 'discord', externalId: DEMO_GUILD, requestedBy: 'demo' },
  );
  return link.url;
}
