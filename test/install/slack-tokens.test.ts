// Which bot token speaks for a workspace (bot/slack/oauth/tokens.ts): an installation's own (sealed in
// PostgreSQL, opened only with the same PULSE_SECRET), an org-wide install for its organization's workspaces,
// SLACK_BOT_TOKEN alone for every request (single-workspace installs), and SLACK_BOT_TOKEN beside OAuth only
// for the team auth.test says it belongs to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { SlackTokens } from '../../bot/slack/oauth/tokens.ts';
import { findSlackInstallation, saveSlackInstallation } from '../../core/installations/index.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const SECRET = 'slack-tokens-test-secret-0123456789abcdef01';
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('Slack bot tokens per workspace', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let fake: FakeSlack;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    fake = await startFakeSlack();
    await saveSlackInstallation(pool, SECRET, {
      teamId: 'TWORK0001',
      enterpriseId: null,
      isEnterpriseInstall: false,
      appId: 'APULSE',
      botId: 'B1',
      botUserId: 'U1',
      botScopes: ['chat:write'],
      botToken: 'xoxb-team-one',
      installedBy: 'UINST',
    });
    await saveSlackInstallation(pool, SECRET, {
      teamId: null,
      enterpriseId: 'EORG0001',
      isEnterpriseInstall: true,
      appId: 'APULSE',
      botId: 'B2',
      botUserId: 'U2',
      botScopes: ['chat:write'],
      botToken: 'xoxb-org-wide',
      installedBy: 'UINST',
    });
  });
  afterAll(async () => {
    await fake?.close();
    await pool?.end();
    await db?.drop();
  });

  it("serves a workspace its own installation, and an organization's workspaces the org-wide one", async () => {
    const tokens = new SlackTokens({ db: pool, secret: SECRET, distributed: true, apiUrl: fake.apiUrl, log });
    expect(await tokens.botFor({ teamId: 'TWORK0001' })).toMatchObject({
      botToken: 'xoxb-team-one',
      botUserId: 'U1',
      teamId: 'TWORK0001',
    });
    expect(await tokens.botFor({ teamId: 'TINORG001', enterpriseId: 'EORG0001' })).toMatchObject({
      botToken: 'xoxb-org-wide',
      enterpriseId: 'EORG0001',
    });
    expect(await tokens.botFor({ enterpriseId: 'EORG0001', isEnterpriseInstall: true })).toMatchObject({
      botToken: 'xoxb-org-wide',
    });
    expect(await tokens.botFor({ teamId: 'TSTRANGER' })).toBeNull();
    await expect(
      tokens.authorize()({ teamId: 'TSTRANGER', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow(/not installed/);
  });

  it('does not open a token under another PULSE_SECRET', async () => {
    await expect(
      findSlackInstallation(pool, 'another-secret-0123456789abcdef0123456789', { teamId: 'TWORK0001' }),
    ).rejects.toThrow();
  });

  it('SLACK_BOT_TOKEN alone answers every workspace; beside OAuth only its own team (auth.test)', async () => {
    const single = new SlackTokens({
      db: pool,
      secret: SECRET,
      distributed: false,
      staticToken: fake.token,
      apiUrl: fake.apiUrl,
      log,
    });
    expect(await single.botFor({ teamId: 'TWORK0001' })).toMatchObject({ botToken: fake.token, botId: 'BPULSE' });
    const both = new SlackTokens({
      db: pool,
      secret: SECRET,
      distributed: true,
      staticToken: fake.token,
      apiUrl: fake.apiUrl,
      log,
    });
    expect(await both.botFor({ teamId: 'TWORK0001' })).toMatchObject({ botToken: 'xoxb-team-one' });
    expect(await both.botFor({ teamId: 'T000' })).toMatchObject({ botToken: fake.token });
    expect(await both.botFor({ teamId: 'TSTRANGER' })).toBeNull();
  });
});
