// Slack's OAuth v2 install through @slack/oauth's InstallProvider (Bolt's built-in OAuth serves only Bolt's own
// receivers): `handleInstallPath` sets the state cookie and redirects to Slack's authorize page at once (the
// "Add to Slack" button is on Pulse's link page); `handleCallback` checks the cookie against the returned state,
// consumes the state (state-store.ts), exchanges the code with oauth.v2.access at SLACK_API_URL, stores the
// installation (installation-store.ts) and hands it, with the options the install started with (the install
// grant in `metadata`), to the caller's success callback.
import { InstallProvider, type InstallURLOptions } from '@slack/oauth';
import type { Queryable } from '../../../core/db/queryable.ts';
import type { BotLogger } from '../../deps.ts';
import { boltLogger } from '../bolt-logger.ts';
import { PulseInstallationStore } from './installation-store.ts';
import { SLACK_BOT_SCOPES, SLACK_STATE_TTL_S, slackRedirectUri } from './scopes.ts';
import { PulseStateStore } from './state-store.ts';

export interface SlackInstallerOptions {
  clientId: string;
  clientSecret: string;
  publicUrl: string;
  /** SLACK_API_URL (oauth.v2.access and auth.test go there). */
  apiUrl?: string;
  db: Queryable;
  secret: string;
  log: BotLogger;
}

/** Longest install grant carried (a grant is ~200 characters). */
export const MAX_GRANT_LENGTH = 600;

export function createSlackInstaller(o: SlackInstallerOptions): InstallProvider {
  return new InstallProvider({
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    stateStore: new PulseStateStore(o.db, o.secret),
    installationStore: new PulseInstallationStore(o.db, o.secret),
    stateCookieExpirationSeconds: SLACK_STATE_TTL_S,
    directInstall: true,
    logger: boltLogger(o.log),
    clientOptions: { ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}), retryConfig: { retries: 1 }, timeout: 10_000 },
  });
}

/** What one install asks for: the bot scopes, the redirect back, and the install grant it should redeem. */
export function slackInstallOptions(publicUrl: string, grant: string | undefined): InstallURLOptions {
  const carried = grant && grant.length <= MAX_GRANT_LENGTH ? grant : undefined;
  return {
    scopes: [...SLACK_BOT_SCOPES],
    redirectUri: slackRedirectUri(publicUrl),
    ...(carried ? { metadata: carried } : {}),
  };
}
