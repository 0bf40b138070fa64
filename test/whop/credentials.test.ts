// Stored Whop credentials: AES-256-GCM under an HKDF sub-key of PULSE_SECRET, bound to the company; and the
// client chosen per company (its own key, else the app key) reading only what that key may read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt, hkdfKey } from '../../core/crypto.ts';
import { createWhopClient, WhopApi } from '../../core/whop/client.ts';
import {
  CredentialsUnreadable,
  openCredentials,
  sealCredentials,
  storeCompanyCredentials,
  whopApiForCompany,
} from '../../core/whop/credentials.ts';
import { syncCompany } from '../../core/whop/sync.ts';
import { startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import { actualFigures, expectedFigures } from './expected.ts';
import { registerCompany, simCompany, testRetryPolicy, whopWorld, type WhopWorld } from './world.ts';

const SECRET = 'pulse-secret-for-tests-0123456789-abcdef';
const API_KEY = 'whop_company_key_7d3f9a21c4b8e6f0';

describe('credentials', () => {
  it('hkdfKey derives distinct, stable 32-byte keys per purpose and refuses short secrets', () => {
    const a = hkdfKey(SECRET, 'whop-credentials');
    expect(a).toHaveLength(32);
    expect(hkdfKey(SECRET, 'whop-credentials').equals(a)).toBe(true);
    expect(hkdfKey(SECRET, 'report-links').equals(a)).toBe(false);
    expect(hkdfKey(SECRET + 'x', 'whop-credentials').equals(a)).toBe(false);
    expect(() => hkdfKey('short', 'x')).toThrow();
  });

  it('round-trips, hides the key and the secret, and refuses another company, secret or a flipped byte', () => {
    const sealed = sealCredentials(SECRET, 'biz_a', { apiKey: API_KEY });
    expect(openCredentials(SECRET, 'biz_a', sealed)).toEqual({ apiKey: API_KEY });
    for (const needle of [
      API_KEY,
      SECRET,
      Buffer.from(API_KEY).toString('base64'),
      Buffer.from(API_KEY).toString('hex'),
    ]) {
      expect(sealed.includes(Buffer.from(needle))).toBe(false);
    }
    expect(sealed.includes(hkdfKey(SECRET, 'whop-credentials'))).toBe(false);
    expect(sealCredentials(SECRET, 'biz_a', { apiKey: API_KEY }).equals(sealed)).toBe(false);
    expect(() => openCredentials(SECRET, 'biz_b', sealed)).toThrow();
    expect(() => openCredentials(SECRET.replace('0', '1'), 'biz_a', sealed)).toThrow(CredentialsUnreadable);
    expect(() => openCredentials(SECRET.replace('0', '1'), 'biz_a', sealed)).toThrow(
      /^the stored Whop key of biz_a cannot be decrypted with this PULSE_SECRET/,
    );
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => openCredentials(SECRET, 'biz_a', flipped)).toThrow();
    const key = hkdfKey(SECRET, 'other');
    expect(decrypt(key, encrypt(key, 'héllo ✓', 'ctx'), 'ctx')).toBe('héllo ✓');
  });

  describe('per-company client', () => {
    let w: WhopWorld;
    let fake: FakeWhop;
    beforeAll(async () => {
      w = await whopWorld({ members: 20 });
      const other = simCompany(9, 10, 'biz_someone_else');
      fake = await startFakeWhop({
        dataset: { companies: [w.data, other] },
        apiKeys: { [API_KEY]: w.data.company.id, app_key_everywhere: '*' },
      });
    });
    afterAll(async () => {
      await fake?.close();
      await w?.close();
    });

    it('stores the key encrypted in companies.credentials_enc and syncs with it', async () => {
      await storeCompanyCredentials(w.pool, SECRET, w.company.id, { apiKey: API_KEY });
      const { rows } = await w.pool.query<{ credentials_enc: Buffer }>(
        'select credentials_enc from companies where id = $1',
        [w.company.id],
      );
      expect(rows[0]!.credentials_enc.includes(Buffer.from(API_KEY))).toBe(false);
      const config = {
        PULSE_SECRET: SECRET,
        WHOP_API_KEY: undefined,
        WHOP_API_BASE_URL: fake.url,
        WHOP_WEBHOOK_SECRET: undefined,
      };
      const api = await whopApiForCompany(w.pool, config, w.company, testRetryPolicy);
      await syncCompany(w.pool, api, w.company, { mode: 'full' });
      expect(await actualFigures(w.pool, w.company.id)).toEqual(expectedFigures(w.data));
    });

    it('a company key cannot read another company; without stored credentials the app key is used', async () => {
      const stranger = await registerCompany(w.pool, 'biz_someone_else');
      const scoped = new WhopApi(createWhopClient({ apiKey: API_KEY, baseURL: fake.url }), testRetryPolicy);
      await expect(syncCompany(w.pool, scoped, stranger, { mode: 'full' })).rejects.toMatchObject({ status: 403 });
      expect(
        (await w.pool.query('select count(*)::int as n from payments where company_id = $1', [stranger.id])).rows[0].n,
      ).toBe(0);
      const config = {
        PULSE_SECRET: SECRET,
        WHOP_API_KEY: 'app_key_everywhere',
        WHOP_API_BASE_URL: fake.url,
        WHOP_WEBHOOK_SECRET: undefined,
      };
      const api = await whopApiForCompany(w.pool, config, stranger, testRetryPolicy);
      await syncCompany(w.pool, api, stranger, { mode: 'full' });
      expect(
        (await w.pool.query('select count(*)::int as n from memberships where company_id = $1', [stranger.id])).rows[0]
          .n,
      ).toBeGreaterThan(0);
    });
  });
});
