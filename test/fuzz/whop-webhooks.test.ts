// Fuzzing POST /webhooks/whop through the real app: whatever arrives, the answer is never a 5xx; nothing is stored
// unless the signature is right (garbled signatures 401, broken framing 400/413/415, and not one row moves in any
// table); a correctly signed body is either refused as malformed (400, nothing stored) or stored and acknowledged
// (200, its webhook-id in the inbox). Seed and runs: test/fuzz/settings.ts.
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { badlyFramed, FRAMING_STATUSES } from './framing.ts';
import { startFuzzApp, type FuzzApp } from './fuzz-app.ts';
import { expectNothingStored, RowWatch } from './row-watch.ts';
import { Outcomes } from './outcomes.ts';
import { fuzzParameters } from './settings.ts';
import { garbledWhop, signedWhopBytes, signedWhopEnvelopes, whopSignature, WHOP_URL } from './whop-requests.ts';
import { nowSeconds } from './arbitraries.ts';

const KNOWN_COMPANY = 'biz_fuzzknown0001';

describe('fuzz: POST /webhooks/whop', () => {
  let db: TestDatabase;
  let fz: FuzzApp;
  let watch: RowWatch;
  beforeAll(async () => {
    db = await createTestDatabase();
    fz = await startFuzzApp(db.url, { keepLogs: true });
    watch = new RowWatch(fz);
    // A company Pulse knows, so some signed events are applied rather than only stored.
    await fz.pool.query(`insert into companies (whop_company_id, name, tier) values ($1, 'Fuzz Co', 'pro')`, [
      KNOWN_COMPANY,
    ]);
  });
  afterAll(async () => {
    await fz?.close();
    await db?.drop();
  });

  const inInbox = async (webhookId: string): Promise<boolean> =>
    (await fz.pool.query('select 1 from webhook_inbox where webhook_id = $1', [webhookId])).rowCount === 1;

  it('answers 401 to every absent, malformed, stale or wrong signature, and stores nothing', async () => {
    const rows = await fz.rowCounts();
    await fc.assert(
      fc.asyncProperty(garbledWhop(fz.secrets), async (req) => {
        expect((await watch.sendStoringNothing(req, req.garble)).status, req.garble).toBe(401);
      }),
      fuzzParameters(11),
    );
    expect(await fz.rowCounts()).toEqual(rows);
  });

  it('refuses a correctly signed request with broken framing (length, limit, content type), storing nothing', async () => {
    const sign = (body: string) => {
      const ts = String(nowSeconds());
      return {
        'webhook-id': 'msg_framing',
        'webhook-timestamp': ts,
        'webhook-signature': whopSignature(fz.secrets.whop, 'msg_framing', ts, body),
      };
    };
    const rows = await fz.rowCounts();
    await fc.assert(
      fc.asyncProperty(badlyFramed(WHOP_URL, 256 * 1024, sign), async (req) => {
        expect(FRAMING_STATUSES, req.flaw).toContain((await watch.sendStoringNothing(req, req.flaw)).status);
      }),
      fuzzParameters(12),
    );
    expect(await fz.rowCounts()).toEqual(rows);
  });

  it('answers correctly signed bytes of any kind 400 (nothing stored) or 200 (stored), never 5xx', async () => {
    const outcomes = new Outcomes();
    await fc.assert(
      fc.asyncProperty(signedWhopBytes(fz.secrets), async (req) => {
        const answer = await watch.send(req);
        const { status, body } = answer;
        outcomes.add(status);
        // The route reads the body as UTF-8 text: bytes that are not UTF-8 no longer match what was signed.
        const textual = typeof req.payload === 'string' || isUtf8(req.payload!);
        expect(textual ? [200, 400] : [200, 400, 401], body).toContain(status);
        if (status === 200) expect(await inInbox(req.webhookId)).toBe(true);
        else expectNothingStored(answer);
      }),
      fuzzParameters(13),
    );
    outcomes.expectEach([400]);
  });

  it('answers signed Whop-shaped envelopes with random fields 400 (nothing stored) or 200 (stored), never 5xx', async () => {
    const outcomes = new Outcomes();
    const writesAtStart = await fz.writes();
    await fc.assert(
      fc.asyncProperty(signedWhopEnvelopes(fz.secrets, [KNOWN_COMPANY]), async (req) => {
        const answer = await watch.send(req);
        const { status, body } = answer;
        outcomes.add(status);
        expect([200, 400], `${body} for ${String(req.payload).slice(0, 300)}`).toContain(status);
        if (status === 200) {
          expect(await inInbox(req.webhookId)).toBe(true);
        } else expectNothingStored(answer);
      }),
      fuzzParameters(14),
    );
    // The write counter that proves "nothing stored" above did see what the 200s stored.
    expect(await fz.writes()).toBeGreaterThan(writesAtStart);
    outcomes.expectEach([200, 400]);
  });

  it('stores a signed install event that names no account or installation as not applied, and answers 200, not 500', async () => {
    // Found by the fuzz: such an event can never apply, so a 500 only made Whop deliver it again and again.
    for (const [type, data] of [
      ['app_installation.created', {}],
      ['app_installation.created', { id: 'ins_1' }],
      ['app_installation.deleted', { id: 7 }],
    ] as const) {
      const id = `msg_noaccount_${type}_${JSON.stringify(data).length}`;
      const body = JSON.stringify({
        id: `evt_${id}`,
        api_version: 'v1',
        type,
        timestamp: new Date().toISOString(),
        data,
      });
      const ts = String(nowSeconds());
      const r = await fz.send({
        method: 'POST',
        url: WHOP_URL,
        payload: body,
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': ts,
          'webhook-signature': whopSignature(fz.secrets.whop, id, ts, body),
        },
      });
      expect(r.status, `${type} ${r.body}`).toBe(200);
      const { rows } = await fz.pool.query<{ state: string; error: string | null }>(
        'select state, error from webhook_inbox where webhook_id = $1',
        [id],
      );
      expect(rows).toEqual([{ state: 'ignored', error: expect.stringContaining('without its account') }]);
    }
  });

  it('wrote no secret into its logs while refusing all that', () => {
    const text = fz.logs.join('');
    expect(fz.logs.length).toBeGreaterThan(0);
    for (const secret of [fz.secrets.whop, fz.secrets.pulse, fz.secrets.slack]) expect(text).not.toContain(secret);
  });
});
