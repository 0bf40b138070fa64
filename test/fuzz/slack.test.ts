// Fuzzing POST /slack/events through the real app (Bolt behind Pulse's receiver): never a 5xx; absent, stale or
// wrong signatures 401 and broken framing 400/413/415 with not one row moved in any table; correctly signed bytes
// 400 (nothing stored) or 200; signed slash commands, interactivity payloads and Events API callbacks with random
// fields 400 (no trace) or 200, with the request remembered in the replay table unless it was a URL check.
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { linkForTest } from '../helpers/chat-links.ts';
import { badlyFramed, FRAMING_STATUSES } from './framing.ts';
import { startFuzzApp, type FuzzApp } from './fuzz-app.ts';
import { expectNothingStored, RowWatch } from './row-watch.ts';
import { Outcomes } from './outcomes.ts';
import { fuzzParameters } from './settings.ts';
import { garbledSlack, signedSlackBytes, signedSlackShapes, slackHeaders, SLACK_URL } from './slack-requests.ts';

const LINKED_TEAM = 'TFUZZ0001';

describe('fuzz: POST /slack/events', () => {
  let db: TestDatabase;
  let fz: FuzzApp;
  let watch: RowWatch;
  beforeAll(async () => {
    db = await createTestDatabase();
    fz = await startFuzzApp(db.url, { keepLogs: true });
    watch = new RowWatch(fz);
    const { rows } = await fz.pool.query<{ id: string }>(
      `insert into companies (whop_company_id, name, tier) values ('biz_fuzzslack001', 'Fuzz Co', 'pro') returning id`,
    );
    await linkForTest(fz.pool, 'slack', LINKED_TEAM, Number(rows[0]!.id));
  });
  afterAll(async () => {
    await fz?.close();
    await db?.drop();
  });

  const remembered = async (headers: Record<string, string>): Promise<boolean> =>
    (
      await fz.pool.query('select 1 from chat_request_replays where key = $1', [
        `slack:${headers['x-slack-request-timestamp']}:${headers['x-slack-signature']}`,
      ])
    ).rowCount === 1;

  it('answers 401 to every absent, malformed, stale or wrong signature, and stores nothing', async () => {
    const rows = await fz.rowCounts();
    await fc.assert(
      fc.asyncProperty(garbledSlack(fz.secrets), async (req) => {
        expect((await watch.sendStoringNothing(req, req.garble)).status, req.garble).toBe(401);
      }),
      fuzzParameters(31),
    );
    expect(await fz.rowCounts()).toEqual(rows);
  });

  it('refuses a correctly signed request with broken framing, storing nothing', async () => {
    const sign = (body: string) => slackHeaders(fz.secrets.slack, body, 'application/json');
    await fc.assert(
      fc.asyncProperty(badlyFramed(SLACK_URL, 512 * 1024, sign), async (req) => {
        expect(FRAMING_STATUSES, req.flaw).toContain((await watch.sendStoringNothing(req, req.flaw)).status);
      }),
      fuzzParameters(32),
    );
  });

  it('answers correctly signed bytes of any kind 400 (nothing stored) or 200, never 5xx', async () => {
    const outcomes = new Outcomes();
    await fc.assert(
      fc.asyncProperty(signedSlackBytes(fz.secrets), async (req) => {
        const answer = await watch.send(req);
        outcomes.add(answer.status);
        // The route verifies the UTF-8 text it read: bytes that are not UTF-8 no longer match what was signed.
        const textual = typeof req.payload === 'string' || isUtf8(req.payload!);
        expect(textual ? [200, 400] : [200, 400, 401], answer.body).toContain(answer.status);
        if (answer.status !== 200) expectNothingStored(answer);
      }),
      fuzzParameters(33),
    );
    outcomes.expectEach([200, 400]);
  });

  it('answers signed Slack-shaped requests with random fields 400 (no trace) or 200 (remembered), never 5xx', async () => {
    const outcomes = new Outcomes();
    await fc.assert(
      fc.asyncProperty(signedSlackShapes(fz.secrets, [LINKED_TEAM]), async (req) => {
        const before = await remembered(req.headers);
        const { status, body } = await fz.send(req);
        outcomes.add(status);
        expect([200, 400], `${body} for ${String(req.payload).slice(0, 300)}`).toContain(status);
        const after = await remembered(req.headers);
        if (status === 400) expect(after).toBe(before);
        else if (!/"type":"url_verification"|"ssl_check"/.test(String(req.payload))) expect(after).toBe(true);
      }),
      fuzzParameters(34),
    );
    outcomes.expectEach([200, 400]);
  });

  it('answers 400, not 500, to signed payloads missing what Bolt reads before any listener runs', async () => {
    // Found by the fuzz: Bolt dereferences these fields while typing a request, before its error handler applies.
    const form = (payload: unknown) => ({
      body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      type: 'application/x-www-form-urlencoded',
    });
    const cases = [
      form({ type: 'block_actions', actions: [{ action_id: 'p1:x' }] }), // no user
      form({ type: 'block_actions', user: { id: 'U1' }, actions: {} }), // actions not a list
      form({ type: 'block_actions', user: { id: 'U1' }, channel: null, actions: [] }),
      form({ type: 'view_submission', user: { id: 'U1' } }), // no view
      form({ type: 'shortcut' }),
      form({ type: 'block_suggestion', user: null }),
      { body: JSON.stringify({ type: 'event_callback', event: 5 }), type: 'application/json' },
      {
        body: JSON.stringify({ type: 'event_callback', event: { type: 'message', channel: null } }),
        type: 'application/json',
      },
      { body: JSON.stringify({ type: 'event_callback', event: { type: 'x', item: 1 } }), type: 'application/json' },
      // Ids Bolt looks up in a plain object: a name Object.prototype already has found a function, not a client.
      {
        body: new URLSearchParams({ command: '/pulse', text: 'help', team_id: 'valueOf', user_id: 'U1' }).toString(),
        type: 'application/x-www-form-urlencoded',
      },
      {
        body: new URLSearchParams({ command: '/pulse', text: 'help', team_id: '__proto__', user_id: 'U1' }).toString(),
        type: 'application/x-www-form-urlencoded',
      },
      form({ type: 'block_actions', user: { id: 'U1', team_id: 'constructor' }, actions: [{ action_id: 'p1:x' }] }),
      form({
        type: 'block_actions',
        user: { id: 'U1' },
        team: { id: 'T1', enterprise_id: 'toString' },
        actions: [{ action_id: 'p1:x' }],
      }),
      {
        body: JSON.stringify({
          type: 'event_callback',
          team_id: 'T1',
          authorizations: [{ team_id: 'hasOwnProperty' }],
          event: { type: 'app_home_opened', user: 'U1' },
        }),
        type: 'application/json',
      },
    ];
    for (const c of cases) {
      const r = await fz.send({
        method: 'POST',
        url: SLACK_URL,
        payload: c.body,
        headers: slackHeaders(fz.secrets.slack, c.body, c.type),
      });
      expect(r.status, `${c.body} answered ${r.body}`).toBe(400);
    }
  });

  it('wrote no secret into its logs while refusing all that', async () => {
    await fz.app.close(); // waits for every acknowledged request's work, so the logs are complete
    const text = fz.logs.join('');
    expect(text).toContain('slack request refused');
    for (const secret of [fz.secrets.slack, fz.secrets.pulse, fz.secrets.whop, fz.fakes.slack.token])
      expect(text).not.toContain(secret);
  });
});
