// slack_installations: Pulse installed in a Slack workspace (or across an Enterprise Grid organization), keyed
// `team:<T…>` or `enterprise:<E…>`, with its bot token sealed (AES-256-GCM under an HKDF sub-key of PULSE_SECRET,
// bound to the key). Not tenant-owned: which company a workspace answers for is workspace_links' business, and an
// installed workspace may not be linked yet. slack_oauth_states: installs in progress, each state usable once.
import { defineEntity, p } from '@mikro-orm/core';
import { createdAt, updatedAt } from './columns.ts';

export const SlackInstallation = defineEntity({
  name: 'SlackInstallation',
  tableName: 'slack_installations',
  properties: {
    /** `enterprise:<id>` for an org-wide install, else `team:<id>`. */
    installationKey: p.text().primary(),
    teamId: p.text().nullable(),
    enterpriseId: p.text().nullable().index(),
    isEnterpriseInstall: p.boolean().default(false),
    appId: p.text().nullable(),
    botId: p.text().nullable(),
    botUserId: p.text(),
    botScopes: p.array().defaultRaw(`'{}'`),
    /** iv ‖ tag ‖ ciphertext of the xoxb- token. */
    botTokenEnc: p.blob(),
    /** Slack user id of the person who installed. */
    installedBy: p.text().nullable(),
    installedAt: createdAt(),
    updatedAt: updatedAt(),
  },
});

export const SlackOAuthState = defineEntity({
  name: 'SlackOAuthState',
  tableName: 'slack_oauth_states',
  properties: {
    /** SHA-256 (hex) of the state value: the value itself lives only in the URL and the browser's cookie. */
    id: p.text().primary(),
    /** The install's options (scopes, redirect URI, the install grant), sealed. */
    optionsEnc: p.blob(),
    createdAt: createdAt(),
    expiresAt: p.datetime().index(),
  },
});
