// @slack/oauth's InstallationStore over PostgreSQL (core/installations): the OAuth callback stores each install
// here (bot token sealed), and Bolt's per-request authorize (tokens.ts) reads it back. Only the bot matters to
// Pulse: user tokens are never asked for, so none is kept.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import {
  deleteSlackInstallation,
  findSlackInstallation,
  saveSlackInstallation,
  slackInstallationKey,
} from '../../../core/installations/index.ts';
import type { Queryable } from '../../../core/db/queryable.ts';

export class PulseInstallationStore implements InstallationStore {
  private readonly db: Queryable;
  private readonly secret: string;

  constructor(db: Queryable, secret: string) {
    this.db = db;
    this.secret = secret;
  }

  async storeInstallation(installation: Installation<'v1' | 'v2', boolean>): Promise<void> {
    const bot = installation.bot;
    if (!bot) throw new Error('the Slack installation has no bot token (the bot scopes were not granted)');
    await saveSlackInstallation(this.db, this.secret, {
      teamId: installation.team?.id ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      isEnterpriseInstall: installation.isEnterpriseInstall === true,
      appId: installation.appId ?? null,
      botId: bot.id ?? null,
      botUserId: bot.userId,
      botScopes: bot.scopes,
      botToken: bot.token,
      installedBy: installation.user.id || null,
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const row = await findSlackInstallation(this.db, this.secret, query);
    if (!row) throw new Error('Pulse is not installed in this Slack workspace');
    return {
      team: row.teamId ? { id: row.teamId } : undefined,
      enterprise: row.enterpriseId ? { id: row.enterpriseId } : undefined,
      user: { token: undefined, scopes: undefined, id: row.installedBy ?? '' },
      bot: { token: row.botToken, scopes: row.botScopes, id: row.botId ?? '', userId: row.botUserId },
      isEnterpriseInstall: row.isEnterpriseInstall,
      authVersion: 'v2',
      ...(row.appId ? { appId: row.appId } : {}),
    } as Installation<'v1' | 'v2', boolean>;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await deleteSlackInstallation(
      this.db,
      slackInstallationKey({
        teamId: query.teamId ?? null,
        enterpriseId: query.enterpriseId ?? null,
        isEnterpriseInstall: query.isEnterpriseInstall,
      }),
    );
  }
}
