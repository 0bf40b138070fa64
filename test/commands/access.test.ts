// Who sees what: an unlinked workspace gets setup guidance, an ordinary member a polite refusal, a role the
// creator allowed gets answers; guild A never sees company B; an unexpected failure gives a reference id and
// no detail; /pulse setup changes settings only for admins; /pulse status and help.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, runAutocomplete, runCommand } from '../../bot/interactions/dispatch.ts';
import { commands, findCommand } from '../../bot/commands/index.ts';
import { findWorkspaceLink } from '../../core/tenancy/index.ts';
import {
  admin,
  buildWorld,
  GUILD_A,
  GUILD_B,
  GUILD_UNLINKED,
  member,
  moderator,
  recordingLogger,
  request,
  type LogEntry,
  type World,
} from './world.ts';

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});
afterAll(async () => {
  await w?.close();
});

describe('tenancy and access', () => {
  it('answers an unlinked workspace with setup guidance, never an error', async () => {
    for (const name of [
      'revenue',
      'engagement',
      'churn',
      'content',
      'ask',
      'report link',
      'report revoke',
      'pulse status',
    ]) {
      const a = await runCommand(w.deps, { ...request(GUILD_UNLINKED), name, options: { question: 'why?' } });
      expect(a.title).toBe('Link Pulse to your Whop company');
      expect(a.visibility).toBe('ephemeral');
      expect(a.components).toEqual([
        [{ type: 'button', id: 'p1:setup:key', label: 'Enter Whop API key', style: 'primary' }],
      ]);
    }
    const notAdmin = await runCommand(w.deps, { ...request(GUILD_UNLINKED, member), name: 'revenue', options: {} });
    expect(notAdmin.summary).toBe(
      'This server is not linked to a Whop company yet. Ask a server admin to run `/pulse setup`.',
    );
    expect(notAdmin.components).toEqual([]);
    const setup = await runCommand(w.deps, { ...request(GUILD_UNLINKED), name: 'pulse setup', options: {} });
    expect(setup.components[0]![0]).toMatchObject({ id: 'p1:setup:key' });
  });

  it('politely refuses an ordinary member, privately', async () => {
    for (const name of ['revenue', 'churn', 'pulse setup', 'pulse status']) {
      const a = await runCommand(w.deps, { ...request(GUILD_A, member), name, options: {} });
      expect(a.title).toBe('Pulse is for the team');
      expect(a.visibility).toBe('ephemeral');
      expect(a.fields).toEqual([]);
    }
    expect(
      await runAutocomplete(w.deps, {
        ...request(GUILD_A, member),
        name: 'content',
        option: 'item',
        typed: 'w',
        options: {},
      }),
    ).toEqual([]);
  });

  it('lets a role the creator allowed use Pulse but not change its setup', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A, moderator), name: 'revenue', options: {} });
    expect(a.fields.find((f) => f.label === 'MRR')?.value).toMatch(/^\$70\n/);
    const setup = await runCommand(w.deps, {
      ...request(GUILD_A, moderator),
      name: 'pulse setup',
      options: { digest_hour: 7 },
    });
    expect(setup.summary).toBe("Only server or workspace admins can change Pulse's setup.");
    expect((await findWorkspaceLink(w.pool, 'discord', GUILD_A))!.digestHour).toBe(9);
  });

  it("shows guild B only company B, and guild A never B's numbers or members", async () => {
    const b = await runCommand(w.deps, { ...request(GUILD_B), name: 'revenue', options: {} });
    // B: one $999 customer since 1 June.
    expect(b.fields.find((f) => f.label === 'MRR')?.value).toBe('$999\n+$999 in the period');
    const a = await runCommand(w.deps, { ...request(GUILD_A), name: 'revenue', options: {} });
    expect(JSON.stringify(a)).not.toContain('999');
    const churnA = await runCommand(w.deps, { ...request(GUILD_A), name: 'churn', options: {} });
    expect(JSON.stringify(churnA)).not.toContain('Zed');
    const churnB = await runCommand(w.deps, { ...request(GUILD_B), name: 'churn', options: {} });
    expect(churnB.tables[0]!.rows.map((r) => r.member)).toEqual(['Zed Secret']);
    const items = await runAutocomplete(w.deps, {
      ...request(GUILD_B),
      name: 'content',
      option: 'item',
      typed: '',
      options: {},
    });
    expect(items).toEqual([]); // A's content is not B's
  });

  it('maps an unexpected failure to a short message with a reference, logged in full', async () => {
    const broken = new pg.Pool({
      connectionString: w.db.url.replace(/\/[^/?]+(\?|$)/, '/pulse_no_such_database$1'),
      max: 1,
    });
    broken.on('error', () => undefined);
    const logs: LogEntry[] = [];
    try {
      const a = await runCommand(
        { ...w.deps, db: broken, log: recordingLogger(logs) },
        { ...request(GUILD_A), name: 'revenue', options: {} },
      );
      expect(a.title).toBe('Something went wrong');
      expect(a.reference).toMatch(/^[0-9a-f]{6}$/);
      expect(a.summary).toContain(a.reference!);
      expect(a.visibility).toBe('ephemeral');
      const text = JSON.stringify(a);
      expect(text).not.toMatch(/pulse_no_such_database|\bat \S+:\d+|Error:/);
      const logged = logs.find((l) => l.level === 'error')!;
      expect(logged.obj).toMatchObject({
        reference: a.reference,
        command: 'revenue',
        err: { message: expect.stringContaining('pulse_no_such_database') },
      });
      expect((logged.obj as { err: { stack: string } }).err.stack).toBeTruthy();
    } finally {
      await broken.end();
    }
  });

  it('treats an unknown command and a stale button the same way: a short answer', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A), name: 'nonsense', options: {} });
    expect(a.reference).toMatch(/^[0-9a-f]{6}$/);
    const b = await runAction(w.deps, { ...request(GUILD_A), actionId: 'x9:whatever' });
    expect(b).toEqual({
      mode: 'reply',
      answer: expect.objectContaining({ summary: 'This button is no longer valid. Run the command again.' }),
    });
  });
});

describe('/pulse setup and /pulse status', () => {
  it('applies the options given, checks them first, and shows the settings', async () => {
    const bad = await runCommand(w.deps, {
      ...request(GUILD_A),
      name: 'pulse setup',
      options: { timezone: 'Mars/Olympus', digest_hour: 8 },
    });
    expect(bad.summary).toBe('unknown time zone "Mars/Olympus"');
    expect((await findWorkspaceLink(w.pool, 'discord', GUILD_A))!.digestHour).toBe(9);
    const a = await runCommand(w.deps, {
      ...request(GUILD_A),
      name: 'pulse setup',
      options: {
        digest_channel: '<#444444444444444444>',
        digest_hour: 8,
        weekly_day: 'monday',
        role: '<@&555555555555555555>',
        capture_activity: true,
        timezone: 'europe/berlin',
      },
    });
    expect(a.title).toBe('Pulse settings saved');
    expect(a.visibility).toBe('ephemeral');
    const link = (await findWorkspaceLink(w.pool, 'discord', GUILD_A))!;
    expect(link).toMatchObject({
      digestChannelId: '444444444444444444',
      digestHour: 8,
      weeklyDigestDay: 1,
      captureActivity: true,
      allowedRoleIds: ['role-moderators', '555555555555555555'],
    });
    expect(a.fields.find((f) => f.label === 'Time zone')?.value).toBe('Europe/Berlin');
    expect(a.fields.find((f) => f.label === 'Who may use Pulse')?.value).toBe(
      '<@&role-moderators>, <@&555555555555555555>',
    );
    // Discord hides the commands from the new role until the admin allows it in Integrations: the answer says so.
    expect(a.notices.some((n) => n.includes('Server Settings → Integrations → Pulse'))).toBe(true);
    const { rows } = await w.pool.query<{ time_zone: string }>('select time_zone from companies where id = $1', [
      w.a.id,
    ]);
    expect(rows[0]!.time_zone).toBe('Europe/Berlin');
    await w.pool.query(`update companies set time_zone = 'UTC' where id = $1`, [w.a.id]);
  });

  it('suggests IANA time zones as you type', async () => {
    const zones = await runAutocomplete(w.deps, {
      ...request(GUILD_A),
      name: 'pulse setup',
      option: 'timezone',
      typed: 'berl',
      options: {},
    });
    expect(zones).toEqual([{ name: 'Europe/Berlin', value: 'Europe/Berlin' }]);
  });

  it('reports sync, digests, failed deliveries, model, members analysed, plan and coach usage', async () => {
    await w.pool.query(
      `insert into sync_state (company_id, resource, status, finished_at) values ($1, 'memberships', 'done', '2026-06-15T11:50:00Z')`,
      [w.a.id],
    );
    await w.pool.query(
      `insert into deliveries (company_id, dedupe_key, platform, channel_id, kind, status, posted_at, created_at)
      values ($1, 'daily_digest:2026-06-15:discord:digest-a', 'discord', 'digest-a', 'daily_digest', 'posted', '2026-06-15T07:00:00Z', '2026-06-15T07:00:00Z'),
             ($1, 'churn_alert:20260615T080000Z:discord:gone', 'discord', 'gone', 'churn_alert', 'failed', null, '2026-06-15T08:00:00Z'),
             ($1, 'churn_alert:20260501T080000Z:discord:old', 'discord', 'old', 'churn_alert', 'failed', null, '2026-05-01T08:00:00Z')`,
      [w.a.id],
    );
    await w.pool.query(`update deliveries set error = 'Unknown Channel (10003)' where status = 'failed'`);
    await w.pool.query(
      `insert into coach_usage (company_id, month, questions, tokens) values ($1, '2026-06-01', 12, 3400)`,
      [w.a.id],
    );
    const a = await runCommand(w.deps, { ...request(GUILD_A), name: 'pulse status', options: {} });
    const f = (label: string) => a.fields.find((x) => x.label === label)?.value;
    expect(f('Whop sync')).toBe('memberships: synced 10 min ago');
    expect(f('Last digest')).toBe('daily digest in <#digest-a>, 5 h ago');
    expect(f('Failed deliveries (14 days)')).toMatch(
      /^churn alert to <#gone> \(discord\), 15 Jun 2026 08:00 UTC: channel not found \(ref d\d+\)$/,
    );
    expect(f('Churn model')).toBe('model AUC n/a on the last 90 days (fixture, trained on this community)');
    expect(f('Members analysed')).toBe('2 scored 33 h ago');
    expect(f('Plan')).toBe('pro');
    expect(f('AI coach this month')).toBe('12 of 500 questions, 3,400 tokens');
    expect(a.tone).toBe('warning');
  });

  it('help lists every command', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A), name: 'help', options: {} });
    for (const c of commands) expect(a.summary).toContain(`\`/${c.name}`);
    expect(findCommand(' Report   LINK ')?.name).toBe('report link');
  });

  it('help speaks Slack syntax on Slack: one /pulse command with subcommands', async () => {
    const a = await runCommand(w.deps, {
      ...request(GUILD_A),
      platform: 'slack',
      actor: { ...admin, platform: 'slack' },
      workspaceId: 'T-unlinked',
      name: 'help',
      options: {},
    });
    expect(a.summary).toContain('`/pulse revenue [period] [by]`');
    expect(a.summary).toContain('`/pulse setup');
    expect(a.summary).not.toContain('`/pulse pulse');
    expect(a.summary).not.toMatch(/`\/revenue/);
  });
});
