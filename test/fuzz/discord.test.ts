// Fuzzing POST /discord/interactions and POST /discord/events through the real app: never a 5xx; absent, stale
// or wrong signatures 401 and broken framing 400/413/415 with not one row moved in any table; correctly signed
// bytes 400 (nothing stored) or a 2xx; signed interaction-shaped JSON 400, or 200 with the interaction remembered
// in the replay table (what a 200 stores first); signed event-shaped JSON 400 or 204. Seed: test/fuzz/settings.ts.
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { linkForTest } from '../helpers/chat-links.ts';
import {
  discordHeaders,
  EVENTS_URL,
  garbledDiscord,
  INTERACTIONS_URL,
  signedDiscordBytes,
  signedInteractions,
  signedWebhookEvents,
} from './discord-requests.ts';
import { badlyFramed, FRAMING_STATUSES } from './framing.ts';
import { startFuzzApp, type FuzzApp, type FuzzRequest } from './fuzz-app.ts';
import { expectNothingStored, RowWatch } from './row-watch.ts';
import { Outcomes } from './outcomes.ts';
import { fuzzParameters } from './settings.ts';

const LINKED_GUILD = '812345678901234567';

describe('fuzz: POST /discord/interactions and /discord/events', () => {
  let db: TestDatabase;
  let fz: FuzzApp;
  let watch: RowWatch;
  beforeAll(async () => {
    db = await createTestDatabase();
    fz = await startFuzzApp(db.url, { keepLogs: true });
    watch = new RowWatch(fz);
    // A server linked to a company, so some interactions run commands rather than stop at "not set up".
    const { rows } = await fz.pool.query<{ id: string }>(
      `insert into companies (whop_company_id, name, tier) values ('biz_fuzzdiscord01', 'Fuzz Co', 'pro') returning id`,
    );
    await linkForTest(fz.pool, 'discord', LINKED_GUILD, Number(rows[0]!.id));
  });
  afterAll(async () => {
    await fz?.close();
    await db?.drop();
  });

  const remembered = async (interactionId: unknown): Promise<boolean> =>
    typeof interactionId === 'string' &&
    (await fz.pool.query('select 1 from chat_request_replays where key = $1', [`discord:${interactionId}`]))
      .rowCount === 1;

  /** What a signed-bytes request may get: 401 only for bytes that are not UTF-8 (the routes verify the text they read). */
  const signedBytesStatuses = (req: FuzzRequest, ok: number) =>
    typeof req.payload === 'string' || isUtf8(req.payload!) ? [ok, 400] : [ok, 400, 401];

  const bothUrls = <T>(arb: (url: string) => fc.Arbitrary<T>) => fc.oneof(arb(INTERACTIONS_URL), arb(EVENTS_URL));

  it('answers 401 to every absent, malformed, stale or wrong signature on either URL, and stores nothing', async () => {
    const rows = await fz.rowCounts();
    await fc.assert(
      fc.asyncProperty(
        bothUrls((url) => garbledDiscord(fz.secrets, url)),
        async (req) => {
          expect((await watch.sendStoringNothing(req, req.garble)).status, `${req.url} ${req.garble}`).toBe(401);
        },
      ),
      fuzzParameters(21),
    );
    expect(await fz.rowCounts()).toEqual(rows);
  });

  it('refuses a correctly signed request with broken framing on either URL, storing nothing', async () => {
    const sign = (body: string) => discordHeaders(fz.secrets.discord.privateKey, body);
    const framed = bothUrls((url) => badlyFramed(url, url === EVENTS_URL ? 64 * 1024 : 256 * 1024, sign));
    await fc.assert(
      fc.asyncProperty(framed, async (req) => {
        expect(FRAMING_STATUSES, `${req.url} ${req.flaw}`).toContain(
          (await watch.sendStoringNothing(req, req.flaw)).status,
        );
      }),
      fuzzParameters(23),
    );
  });

  it('answers correctly signed bytes of any kind on either URL 400 (nothing stored) or a 2xx, never 5xx', async () => {
    const outcomes = new Outcomes();
    await fc.assert(
      fc.asyncProperty(
        bothUrls((url) => signedDiscordBytes(fz.secrets, url)),
        async (req) => {
          const ok = req.url === EVENTS_URL ? 204 : 200;
          const answer = await watch.send(req);
          outcomes.add(answer.status);
          expect(signedBytesStatuses(req, ok), answer.body).toContain(answer.status);
          if (answer.status !== ok) expectNothingStored(answer);
          else watch.fresh();
        },
      ),
      fuzzParameters(25),
    );
    outcomes.expectEach([400]);
  });

  it('answers signed interaction-shaped payloads 400 (not remembered) or 200 (remembered), never 5xx', async () => {
    const outcomes = new Outcomes();
    await fc.assert(
      fc.asyncProperty(signedInteractions(fz.secrets, [LINKED_GUILD]), async (req) => {
        const sent = JSON.parse(String(req.payload)) as { id?: unknown; type?: unknown };
        const before = await remembered(sent.id);
        const { status, body } = await fz.send(req);
        outcomes.add(status);
        expect([200, 400], `${body} for ${String(req.payload).slice(0, 300)}`).toContain(status);
        // A 400 leaves no trace; a 200 other than PING is remembered (so the same interaction never runs twice).
        const after = await remembered(sent.id);
        if (status === 400) expect(after).toBe(before);
        else if (sent.type !== 1) expect(after).toBe(true);
      }),
      fuzzParameters(27),
    );
    outcomes.expectEach([200, 400]);
  });

  it('answers a signed interaction without data, from a member without a user, instead of failing with 500', async () => {
    // The fuzz found this one: the error path itself read member.user.id and threw.
    const body = JSON.stringify({
      id: '100000000000000001',
      application_id: fz.secrets.discordAppId,
      type: 5,
      token: 'tok_fuzz_minimal_0001',
      guild_id: LINKED_GUILD,
      member: { permissions: '0' },
    });
    const r = await fz.send({
      method: 'POST',
      url: INTERACTIONS_URL,
      payload: body,
      headers: { 'content-type': 'application/json', ...discordHeaders(fz.secrets.discord.privateKey, body) },
    });
    expect(r.status, r.body).toBe(200);
  });

  it('answers a signed interaction of a type Pulse does not know (a new one, or not a whole number) instead of failing with 500', async () => {
    // Found by the fuzz bench: no branch of the dispatcher matched, and the route read the outcome of nothing.
    for (const type of [6, 99, 2.5]) {
      const body = JSON.stringify({
        id: `10000000000000010${type === 2.5 ? 0 : type % 10}`,
        application_id: fz.secrets.discordAppId,
        type,
        token: 'tok_fuzz_unknown_type',
        guild_id: LINKED_GUILD,
        member: { user: { id: '700000000000000001' }, permissions: '0' },
      });
      const r = await fz.send({
        method: 'POST',
        url: INTERACTIONS_URL,
        payload: body,
        headers: { 'content-type': 'application/json', ...discordHeaders(fz.secrets.discord.privateKey, body) },
      });
      expect([200, 400], `type ${type}: ${r.body}`).toContain(r.status);
    }
  });

  it('answers signed webhook-event-shaped payloads 400 or 204, never 5xx', async () => {
    const outcomes = new Outcomes();
    await fc.assert(
      fc.asyncProperty(signedWebhookEvents(fz.secrets), async (req) => {
        const { status, body } = await fz.send(req);
        outcomes.add(status);
        expect([204, 400], `${body} for ${String(req.payload).slice(0, 300)}`).toContain(status);
      }),
      fuzzParameters(28),
    );
    outcomes.expectEach([204, 400]);
  });

  it('wrote no secret into its logs while refusing all that', () => {
    const text = fz.logs.join('');
    expect(text).toContain('discord interaction refused');
    for (const secret of [fz.secrets.pulse, fz.secrets.slack, fz.secrets.whop]) expect(text).not.toContain(secret);
  });
});
