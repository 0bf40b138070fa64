// `/pulse …` through POST /slack/events on the real app: the ack comes first (an empty 200 while the answer is
// still being worked out), then the answer at the response_url with the figures worked out by hand in
// fixture.ts; member-level answers are ephemeral outside the staff channel; a team sees only its own company;
// bad input gets a usage answer; public answers bring their chart through files.uploadV2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionIds, blockTexts, startSlackRig, type SlackRig } from './harness.ts';
import { ADMIN_A, ADMIN_B, buildCompanies, MEMBER_A, NOW, TEAM_A, TEAM_B, type SlackCompanies } from './fixture.ts';
import { formContentType, slashCommandBody } from '../fakes/slack/requests.ts';

describe('/pulse slash commands', () => {
  let rig: SlackRig;
  let co: SlackCompanies;
  beforeAll(async () => {
    rig = await startSlackRig({ now: () => NOW });
    co = await buildCompanies(rig.db.url);
    // Coaches (a user group) and one person by user id were given access by the creator.
    await rig.link(TEAM_A, co.a.id, { staffChannelId: 'CSTAFFA01', allowedRoleIds: ['SCOACHES1', 'UHELPER01'] });
    rig.fake.addUserGroup(TEAM_A, 'SCOACHES1', ['UCOACH001']);
    rig.fake.addUser({ id: 'UCOACH001', teamId: TEAM_A });
    rig.fake.addUser({ id: 'UHELPER01', teamId: TEAM_A });
    await rig.link(TEAM_B, co.b.id);
    rig.fake.addUser({ id: ADMIN_A.userId, teamId: TEAM_A, name: 'Alice', isAdmin: true });
    rig.fake.addUser({ id: MEMBER_A.userId, teamId: TEAM_A, name: 'Mo' });
    rig.fake.addUser({ id: ADMIN_B.userId, teamId: TEAM_B, name: 'Bea', isOwner: true });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('acks with an empty 200 before the answer exists, then answers at the response_url', async () => {
    // users.info is held: the answer cannot be ready, yet the ack must come back.
    const release = rig.fake.faults.hold('users.info');
    const ack = await rig.command(ADMIN_A, 'revenue last_month', 'ack-order');
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    expect(rig.fake.responses.filter((r) => r.id === 'ack-order')).toHaveLength(0);
    release();
    const [answer] = await rig.responses('ack-order');
    expect(answer!.at).toBeGreaterThan(ack.at);
  });

  it("answers /pulse revenue last_month with March's figures, in the channel", async () => {
    await rig.command(ADMIN_A, 'revenue last_month', 'rev-a');
    const [r] = await rig.responses('rev-a');
    expect(r!.body.response_type).toBe('in_channel');
    expect(r!.body.replace_original).toBe(false);
    const blocks = r!.body.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]).toMatchObject({
      type: 'header',
      text: { text: expect.stringContaining('Revenue · Last month') },
    });
    const texts = blockTexts(blocks);
    expect(texts).toContain('*MRR*\n$30\n$0 (0%) in the period');
    expect(texts).toContain('*ARR*\n$360');
    // February: Ben new (+$10), nobody left.
    expect(texts).toContain('*Net new MRR*\n$0\nprevious period +$10');
    expect(texts).toContain(
      '*MRR movements*\nNew +$10 · Expansion $0 · Reactivated $0 · Contraction $0 · Churned −$10',
    );
    expect(texts).toContain('*Customers*\n3 (±0)');
    expect(texts).toContain('*Customer churn*\n33.3% (previous 0%)');
    // (churn $10 + contraction $0) / MRR at start $30.
    expect(texts).toContain('*Revenue churn*\n33.3% (previous 0%)');
    expect(texts).toContain('*ARPU*\n$10');
    // ARPU / trailing monthly customer churn: February 0%, March 33.3% (January had no customers at its start) => $10 / 16.7%.
    expect(texts).toContain('*LTV*\n$60');
    expect(texts).toContain('*Quick ratio*\n1.00');
    // The chart's numbers as text: $20 on Mar 2, after Dan left and before Cat came.
    expect(texts).toContain(':bar_chart: MRR 28 Feb 2026: $30\nMRR 31 Mar 2026: $30\nLowest $20, highest $30');
    // Footer: the period and the data's freshness in a context block.
    expect(texts.at(-1)).toBe(
      '1 Mar 2026 – 31 Mar 2026 (UTC) · data as of 15 Apr 2026 12:00 UTC, not synced from Whop yet',
    );
    // Ten fields: nine side by side and MRR movements full width, so three sections.
    expect(blocks.filter((b) => b.type === 'section' && 'fields' in b)).toHaveLength(2);
    // Period select with last_month chosen.
    const select = (
      blocks as unknown as {
        type: string;
        elements?: { type: string; action_id: string; initial_option?: { value: string } }[];
      }[]
    ).find((b) => b.type === 'actions')!.elements![0]!;
    expect(select).toMatchObject({
      type: 'static_select',
      action_id: 'p1:period:revenue',
      initial_option: { value: 'last_month' },
    });
    // The numbers Bolt sent are in the plain text fallback too.
    expect(String(r!.body.text)).toContain('Revenue');
  });

  it('uploads the MRR chart to the channel with files.uploadV2 (URL, bytes, completion with alt text)', async () => {
    const before = rig.fake.calls.length;
    await rig.command({ ...ADMIN_A, channelId: 'CCHARTS01' }, 'revenue last_month', 'rev-chart');
    await rig.responses('rev-chart');
    const complete = await rig.fake.waitFor(
      () =>
        rig.fake.calls
          .slice(before)
          .find((c) => c.method === 'files.completeUploadExternal' && c.body.channel_id === 'CCHARTS01'),
      10_000,
    );
    const fileId = JSON.parse(complete.body.files!)[0].id as string;
    const getUrl = rig.fake.calls.find(
      (c) => c.method === 'files.getUploadURLExternal' && c.result?.file_id === fileId,
    )!;
    expect(getUrl.token).toBe(rig.fake.token);
    expect(getUrl.body.filename).toBe('mrr.png');
    expect(getUrl.body.alt_text).toMatch(/MRR/);
    const upload = rig.fake.uploads.get(fileId)!;
    expect(upload.bytes!.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(upload.bytes!.length).toBe(Number(getUrl.body.length));
    expect(complete.result?.ok).toBe(true);
  });

  it('shows member-level answers only to the asker, with no chart posted in the channel', async () => {
    await rig.command({ ...ADMIN_A, channelId: 'CPRIVATE1' }, 'churn critical', 'churn-general');
    const [r] = await rig.responses('churn-general');
    expect(r!.body.response_type).toBe('ephemeral');
    const texts = blockTexts(r!.body.blocks).join('\n');
    expect(texts).toContain('Ann Archer');
    expect(texts).toContain('80%');
    expect(texts).not.toContain('Ben Baker'); // high, not critical
    expect(actionIds(r!.body.blocks)).toContain(`p1:churn:contacted:${co.a.predictions.ann}`);
  });

  it("never uploads a private answer's chart to the channel (checked once every answer has finished)", async () => {
    // A rig of its own: closing it waits for what each request does after its ack, so "nothing was uploaded" is
    // read when nothing more can come, not after a guessed pause.
    const own = await startSlackRig({ now: () => NOW });
    try {
      const c = await buildCompanies(own.db.url);
      await own.link(TEAM_A, c.a.id, { staffChannelId: 'CSTAFFA01' });
      own.fake.addUser({ id: ADMIN_A.userId, teamId: TEAM_A, name: 'Alice', isAdmin: true });
      await own.command({ ...ADMIN_A, channelId: 'CPRIVATE1' }, 'churn critical', 'drain-private');
      await own.command({ ...ADMIN_A, channelId: 'CSTAFFA01' }, 'churn', 'drain-staff');
      await own.drained();
      const inChannel = (channel: string) =>
        own.fake.calls.filter((x) => x.body.channel_id === channel || x.body.channel === channel);
      expect(own.fake.responses.filter((x) => x.id === 'drain-private').map((x) => x.body.response_type)).toEqual([
        'ephemeral',
      ]);
      expect(inChannel('CPRIVATE1')).toEqual([]);
      // The same answer in the staff channel is public and does bring its chart: the check above can see one.
      expect(inChannel('CSTAFFA01').map((x) => x.method)).toContain('files.completeUploadExternal');
    } finally {
      await own.close();
    }
  });

  it("posts member-level answers publicly in the workspace's staff channel", async () => {
    await rig.command({ ...ADMIN_A, channelId: 'CSTAFFA01' }, 'churn', 'churn-staff');
    const [r] = await rig.responses('churn-staff');
    expect(r!.body.response_type).toBe('in_channel');
    const texts = blockTexts(r!.body.blocks).join('\n');
    expect(texts).toContain('Ann Archer');
    expect(texts).toContain('Ben Baker');
  });

  it('team A never sees company B, and team B never sees company A', async () => {
    await rig.command(ADMIN_A, 'churn', 'iso-a');
    await rig.command(ADMIN_B, 'churn', 'iso-b');
    await rig.command(ADMIN_B, 'revenue last_month', 'iso-b-rev');
    const a = JSON.stringify((await rig.responses('iso-a'))[0]!.body);
    const b = JSON.stringify((await rig.responses('iso-b'))[0]!.body);
    const bRev = JSON.stringify((await rig.responses('iso-b-rev'))[0]!.body);
    expect(a).toContain('Ann Archer');
    expect(a).not.toContain('Zed Zimmer');
    expect(b).toContain('Zed Zimmer');
    expect(b).not.toMatch(/Ann Archer|Ben Baker/);
    expect(bRev).toContain('$99');
    expect(bRev).not.toContain('$30');
  });

  it('refuses an ordinary member politely and privately', async () => {
    await rig.command(MEMBER_A, 'revenue', 'member-refused');
    const [r] = await rig.responses('member-refused');
    expect(r!.body.response_type).toBe('ephemeral');
    expect(blockTexts(r!.body.blocks).join('\n')).toContain('Pulse is for the team');
    expect(JSON.stringify(r!.body)).not.toContain('$30');
  });

  it('lets people the creator allowed in, by user group or by user id', async () => {
    await rig.command({ ...MEMBER_A, userId: 'UCOACH001' }, 'revenue last_month', 'coach');
    await rig.command({ ...MEMBER_A, userId: 'UHELPER01' }, 'revenue last_month', 'helper');
    for (const id of ['coach', 'helper']) {
      const [r] = await rig.responses(id);
      expect(blockTexts(r!.body.blocks)).toContain('*ARR*\n$360');
    }
    expect(rig.fake.callsTo('usergroups.list').every((c) => c.body.include_users === 'true')).toBe(true);
  });

  it('answers bad input with how to use /pulse, privately', async () => {
    await rig.command(ADMIN_A, 'revenue yesterday-ish', 'bad-choice');
    await rig.command(ADMIN_A, 'frobnicate', 'bad-command');
    await rig.command(ADMIN_A, '', 'empty');
    const [choice] = await rig.responses('bad-choice');
    expect(choice!.body.response_type).toBe('ephemeral');
    expect(blockTexts(choice!.body.blocks).join('\n')).toContain(
      '`period` must be one of `last_7_days`, `last_30_days`, `last_90_days`, `this_month`, `last_month`, `this_year`',
    );
    const [unknown] = await rig.responses('bad-command');
    expect(blockTexts(unknown!.body.blocks).join('\n')).toContain('Pulse has no command `frobnicate`.');
    const [usage] = await rig.responses('empty');
    const lines = blockTexts(usage!.body.blocks).join('\n');
    expect(lines).toContain('`/pulse revenue [period] [by]`');
    expect(lines).toContain('`/pulse report link');
    expect(lines).toContain('`/pulse setup');
  });

  it('gives an unlinked workspace setup guidance with the button that opens the setup form', async () => {
    rig.fake.addUser({ id: 'UNEWADMIN', teamId: 'TNEW00003', isAdmin: true });
    await rig.command({ teamId: 'TNEW00003', userId: 'UNEWADMIN' }, 'setup', 'unlinked');
    const [r] = await rig.responses('unlinked');
    expect(r!.body.response_type).toBe('ephemeral');
    expect(actionIds(r!.body.blocks)).toEqual(['p1:setup:key']);
  });

  it("does not let a person from another organisation count as this team's admin", async () => {
    // An admin of team B running /pulse in team A's request (a shared channel): not A's admin.
    rig.fake.addUser({ id: 'UEXTADMIN', teamId: TEAM_B, isAdmin: true });
    await rig.command({ teamId: TEAM_A, userId: 'UEXTADMIN', channelId: 'CSHARED01' }, 'revenue', 'external');
    const [r] = await rig.responses('external');
    expect(blockTexts(r!.body.blocks).join('\n')).toContain('Pulse is for the team');
  });

  it('answers a failure after the ack with a short message and a reference id that the log line carries', async () => {
    rig.fake.addUser({ id: 'UFLAKY001', teamId: TEAM_A, isAdmin: true });
    rig.fake.faults.error('users.info', 'fatal_error', { when: (b) => b.user === 'UFLAKY001' });
    await rig.post(
      slashCommandBody({
        ...ADMIN_A,
        userId: 'UFLAKY001',
        text: 'revenue',
        responseUrl: rig.fake.responseUrl('failure'),
      }),
      formContentType,
      { headers: { 'x-request-id': 'req-51ac4e' } },
    );
    const [r] = await rig.responses('failure');
    expect(r!.body.response_type).toBe('ephemeral');
    const text = blockTexts(r!.body.blocks).join('\n');
    // The reference is the HTTP request's id, which every log line of the request carries.
    const reference = /reference to support: `([^`]+)`/.exec(text)?.[1];
    expect(reference).toBe('req-51ac4e');
    expect(text).not.toContain('fatal_error');
    const line = rig.logs.find((l) => l.includes('slack listener failed'));
    expect(JSON.parse(line!)).toMatchObject({ reference: 'req-51ac4e' });
    expect(line).toContain('fatal_error');
    // The request's own log lines carry the same id.
    expect(rig.logs.some((l) => l.includes('incoming request') && JSON.parse(l).reqId === 'req-51ac4e')).toBe(true);
  });
});
