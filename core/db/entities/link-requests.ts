// link_requests: a pending "link this workspace" request from /pulse setup (one /link/<token> page), and
// install_grant_redemptions: the install grants already spent. Both are short-lived proofs of who asked and
// who signed in with Whop; rows past their expiry are pruned when new ones are written.
import { defineEntity, p } from '@mikro-orm/core';
import { Company } from './companies.ts';
import { createdAt } from './columns.ts';
import { chatPlatforms } from './workspace-links.ts';

export const LinkRequest = defineEntity({
  name: 'LinkRequest',
  tableName: 'link_requests',
  properties: {
    /** The nonce the signed /link token names. */
    id: p.uuid().primary(),
    platform: p.enum(chatPlatforms),
    /** Guild id (Discord) or team id (Slack) that asked to be linked. */
    externalId: p.text(),
    /** Actor ref of the person who ran /pulse setup. */
    requestedBy: p.text(),
    /** The channel /pulse setup was run in (recorded as the workspace's setup channel when it binds). */
    channelId: p.text().nullable(),
    /** PKCE code_verifier, set when "Sign in with Whop" starts; cleared once the code is exchanged. */
    codeVerifier: p.text().nullable(),
    /** SHA-256 of the browser-binding cookie set when sign-in started: the callback must come from that browser. */
    browserHash: p.text().nullable(),
    /** The Whop user who signed in (OpenID `sub`). */
    whopUserId: p.text().nullable(),
    /** The company the workspace was bound to. */
    company: p.manyToOne(Company).ref().nullable().deleteRule('cascade'),
    createdAt: createdAt(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['expiresAt'] }],
});

export const InstallGrantRedemption = defineEntity({
  name: 'InstallGrantRedemption',
  tableName: 'install_grant_redemptions',
  properties: {
    /** The grant id inside the signed token: a second redemption collides here. */
    grantId: p.uuid().primary(),
    company: p.manyToOne(Company).ref().deleteRule('cascade'),
    whopUserId: p.text(),
    expiresAt: p.datetime(),
    redeemedAt: p.datetime(),
  },
  indexes: [{ properties: ['expiresAt'] }],
});
