// The demo's Whop app install link: Whop's own (`https://whop.com/apps/<WHOP_APP_ID>/install`) when the app id
// is set, else the fake Whop's stand-in page, whose install event is sent, signed, to the demo server's webhook.
import type { Config } from '../../core/config.ts';
import type { FakeWhop } from '../fake-whop/server.ts';

export function demoInstallLink(config: Config, fake: FakeWhop, serverUrl: string | undefined): string {
  if (config.WHOP_APP_ID && !config.WHOP_API_BASE_URL.includes('127.0.0.1'))
    return `https://whop.com/apps/${encodeURIComponent(config.WHOP_APP_ID)}/install`;
  if (serverUrl && config.WHOP_WEBHOOK_SECRET)
    fake.mutations.target = { url: `${serverUrl}/webhooks/whop`, secret: config.WHOP_WEBHOOK_SECRET };
  return `${fake.app.baseUrl}/apps/${fake.app.appId}/install`;
}
