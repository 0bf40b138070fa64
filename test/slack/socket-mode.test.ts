// Socket Mode against the fake: with SLACK_APP_TOKEN set, Pulse opens a connection (apps.connections.open with
// the app-level token, then the WebSocket), and the same listeners answer envelopes sent over it: a slash command
// is acked on the socket and answered at its response_url, app_home_opened publishes Home. (The real Slack was not
// reachable here; this is the protocol as documented, played by the loopback fake.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { linkWorkspace } from '../../core/tenancy/index.ts';
import { startSlackSocketMode } from '../../bot/slack/socket-mode.ts';
import { buildSharedDeps, type SharedDeps } from '../../server/bot-deps.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/server.ts';
import { ADMIN_A, buildCompanies, NOW, TEAM_A } from './fixture.ts';
import { blockTexts } from './harness.ts';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('Slack Socket Mode', () => {
  let db: TestDatabase;
  let fake: FakeSlack;
  let shared: SharedDeps;
  let socket: { stop(): Promise<void> } | null;

  beforeAll(async () => {
    db = await createTestDatabase();
    fake = await startFakeSlack();
    const config = loadConfig({
      DATABASE_URL: db.url,
      PULSE_SECRET: 'slack-test-secret-0123456789abcdef0123456',
      SLACK_BOT_TOKEN: fake.token,
      SLACK_APP_TOKEN: fake.appToken,
      SLACK_API_URL: fake.apiUrl,
    });
    shared = buildSharedDeps(config, log, { now: () => NOW });
    const co = await buildCompanies(db.url);
    await linkWorkspace(shared.db, {
      platform: 'slack',
      externalId: TEAM_A,
      companyId: co.a.id,
      linkedBy: 'slack:owner',
    });
    fake.addUser({ id: ADMIN_A.userId, teamId: TEAM_A, isAdmin: true });
    socket = await startSlackSocketMode(shared, config, log);
  });
  afterAll(async () => {
    await socket?.stop();
    await shared?.close();
    await fake?.close();
    await db?.drop();
  });

  it('connects with the app-level token', async () => {
    expect(socket).not.toBeNull();
    await fake.socketMode.connected();
    const open = fake.callsTo('apps.connections.open');
    expect(open.map((c) => [c.token, c.result?.ok])).toEqual([[fake.appToken, true]]);
  });

  it('acks a slash command on the socket and answers at its response_url', async () => {
    const ack = await fake.socketMode.envelope('slash_commands', {
      token: 'x',
      team_id: TEAM_A,
      team_domain: 'acme',
      channel_id: ADMIN_A.channelId,
      channel_name: 'general',
      user_id: ADMIN_A.userId,
      user_name: 'alice',
      command: '/pulse',
      text: 'revenue last_month',
      api_app_id: 'APULSE',
      is_enterprise_install: 'false',
      response_url: fake.responseUrl('socket-revenue'),
      trigger_id: 'trig.socket',
    });
    expect(ack ?? {}).toEqual({});
    const answer = await fake.waitFor(() => fake.responses.find((r) => r.id === 'socket-revenue'), 10_000);
    expect(answer.body.response_type).toBe('in_channel');
    expect(blockTexts(answer.body.blocks)).toContain('*MRR*\n$30\n$0 (0%) in the period');
  });

  it('publishes App Home for app_home_opened events', async () => {
    await fake.socketMode.envelope('events_api', {
      token: 'x',
      team_id: TEAM_A,
      api_app_id: 'APULSE',
      type: 'event_callback',
      event_id: 'EvSOCKET1',
      event_time: 1776254400,
      authorizations: [{ team_id: TEAM_A, user_id: 'UPULSEBOT', is_bot: true, is_enterprise_install: false }],
      event: {
        type: 'app_home_opened',
        user: ADMIN_A.userId,
        channel: 'DADMIN',
        tab: 'home',
        event_ts: '1776254400.000100',
      },
    });
    const publish = await fake.waitFor(() => fake.calls.find((c) => c.method === 'views.publish'), 10_000);
    expect(publish.body.user_id).toBe(ADMIN_A.userId);
    expect(blockTexts(JSON.parse(publish.body.view!).blocks).join('\n')).toContain('Ann Archer');
  });
});
