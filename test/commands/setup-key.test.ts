// The setup form's Whop key (self-hosted servers, no Sign in with Whop), verified against the fake Whop (the
// real @whop/sdk over loopback HTTP): a good key is stored sealed and links the workspace; a bad key, a key for
// another company, a key missing a permission a sync needs, or a second workspace claiming a company already
// linked stores nothing and changes no stored key; with sign-in configured no key is taken at all; the key
// never appears in an answer or a log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitSetupKey } from '../../bot/interactions/dispatch.ts';
import { loadConfig } from '../../core/config.ts';
import { findTenant } from '../../core/tenancy/index.ts';
import { openCredentials } from '../../core/whop/credentials.ts';
import { emptyCompany } from '../../demo/fake-whop/dataset.ts';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import type { Answer } from '../../bot/answer.ts';
import type { BotDeps } from '../../bot/deps.ts';
import type { Actor } from '../../core/tenancy/index.ts';
import { buildWorld, member, recordingLogger, SECRET, type LogEntry, type World } from './world.ts';

const COMPANY_KEY = 'whop_company_key_5e1d0c9a7b3f2e64';
const OTHER_KEY = 'whop_company_key_of_someone_else_77';
const NEW_GUILD = '777777777777777777';
const SECOND_GUILD = '777777777777777778';
/** Another genuine key of biz_newco (a second admin, or whoever got hold of one). */
const SECOND_KEY = 'whop_company_key_second_of_newco_91';
/** Reads members but Whop refuses it payments (no payment:basic:read). */
const NO_PAYMENTS_KEY = 'whop_company_key_without_payments_3';

let w: World;
let fake: FakeWhop;
let logs: LogEntry[];
let deps: BotDeps;

beforeAll(async () => {
  w = await buildWorld();
  fake = await startFakeWhop({
    dataset: {
      companies: [
        emptyCompany('biz_newco', 'New Co'),
        emptyCompany('biz_other', 'Other Co'),
        emptyCompany('biz_nopay', 'No Pay Co'),
      ],
    },
    apiKeys: {
      [COMPANY_KEY]: 'biz_newco',
      [SECOND_KEY]: 'biz_newco',
      [OTHER_KEY]: 'biz_other',
      [NO_PAYMENTS_KEY]: 'biz_nopay',
      [defaultFakeApiKey]: '*',
    },
    identity: { deniedPaths: { [NO_PAYMENTS_KEY]: ['/payments'] } },
  });
  logs = [];
  deps = {
    ...w.deps,
    config: loadConfig({ DATABASE_URL: w.db.url, PULSE_SECRET: SECRET, WHOP_API_BASE_URL: fake.url }),
    log: recordingLogger(logs),
  };
});
afterAll(async () => {
  await fake?.close();
  await w?.close();
});

const owner: Actor = { platform: 'discord', userId: 'u-owner', isAdmin: true, roleIds: [] };
const req = (whopApiKey: string, whopCompanyId?: string, actor: Actor = owner, workspaceId = NEW_GUILD) => ({
  platform: 'discord' as const,
  workspaceId,
  actor,
  channelId: 'general',
  whopApiKey,
  whopCompanyId,
});
const answers: Answer[] = [];
async function submit(r: ReturnType<typeof req>): Promise<Answer> {
  const a = await submitSetupKey(deps, r);
  answers.push(a);
  return a;
}

async function companyRows() {
  const { rows } = await w.pool.query<{ whop_company_id: string; name: string; credentials_enc: Buffer | null }>(
    `select whop_company_id, name, credentials_enc from companies where whop_company_id in ('biz_newco', 'biz_other', 'biz_nopay') order by whop_company_id`,
  );
  return rows;
}

function expectKeyNowhere(text: string): void {
  for (const key of [COMPANY_KEY, OTHER_KEY, SECOND_KEY, NO_PAYMENTS_KEY, 'not-a-real-key-123456'])
    expect(text).not.toContain(key);
}

describe('submitSetupKey', () => {
  it('stores nothing for a key Whop rejects', async () => {
    const a = await submit(req('not-a-real-key-123456', 'biz_newco'));
    expect(a.title).toBe('The Whop key was not saved');
    expect(a.summary).toMatch(/^Whop did not accept this API key/);
    expect(await companyRows()).toEqual([]);
    expect(await findTenant(w.pool, 'discord', NEW_GUILD)).toBeNull();
  });

  it('stores nothing for a key that cannot read the company named', async () => {
    const a = await submit(req(OTHER_KEY, 'biz_newco'));
    expect(a.summary).toMatch(/^This key cannot read that company's members/);
    expect(await companyRows()).toEqual([]);
  });

  it('asks for the company id when Whop cannot say which company a key belongs to', async () => {
    const a = await submit(req(COMPANY_KEY));
    expect(a.summary).toMatch(/^Pulse could not tell which company this key belongs to/);
    expect(await companyRows()).toEqual([]);
  });

  it('refuses input that cannot be a key without calling Whop', async () => {
    const before = fake.stats().byPath['/members'] ?? 0;
    const a = await submit(req('short'));
    expect(a.summary).toBe('That does not look like a Whop API key: paste the whole key, without spaces.');
    expect(fake.stats().byPath['/members'] ?? 0).toBe(before);
  });

  it('stores nothing for a key that reads members but not payments', async () => {
    const a = await submit(req(NO_PAYMENTS_KEY, 'biz_nopay'));
    expect(a.title).toBe('The Whop key was not saved');
    expect(a.summary).toMatch(
      /^This key can read the company's members but not everything Pulse syncs: Whop refused to list its payments\./,
    );
    expect(await companyRows()).toEqual([]);
    expect(await findTenant(w.pool, 'discord', NEW_GUILD)).toBeNull();
  });

  it('refuses non-admins', async () => {
    const a = await submit(req(COMPANY_KEY, 'biz_newco', member));
    expect(a.title).toBe('Pulse is for the team');
    expect(await companyRows()).toEqual([]);
  });

  it('stores a good key sealed, creates the company and links the workspace', async () => {
    const a = await submit(req(COMPANY_KEY, 'biz_newco'));
    expect(a.title).toBe('Linked to biz_newco');
    expect(a.tone).toBe('good');
    const [row] = await companyRows();
    expect(row!.whop_company_id).toBe('biz_newco');
    expect(row!.credentials_enc!.includes(Buffer.from(COMPANY_KEY))).toBe(false);
    expect(openCredentials(SECRET, 'biz_newco', row!.credentials_enc!)).toEqual({ apiKey: COMPANY_KEY });
    const tenant = await findTenant(w.pool, 'discord', NEW_GUILD);
    expect(tenant!.company.whopCompanyId).toBe('biz_newco');
    expect(tenant!.link.linkedBy).toBe('discord:u-owner');
    expect(tenant!.link.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a second guild with another valid key of a company already linked, and keeps the stored key', async () => {
    const a = await submit(req(SECOND_KEY, 'biz_newco', { ...owner, userId: 'u-stranger' }, SECOND_GUILD));
    expect(a.title).toBe('The Whop key was not saved');
    expect(a.summary).toMatch(/^That Whop company is already linked to another server or workspace/);
    expect(await findTenant(w.pool, 'discord', SECOND_GUILD)).toBeNull();
    const [row] = await companyRows();
    expect(openCredentials(SECRET, 'biz_newco', row!.credentials_enc!)).toEqual({ apiKey: COMPANY_KEY });
    expect((await findTenant(w.pool, 'discord', NEW_GUILD))!.company.whopCompanyId).toBe('biz_newco');
  });

  it('lets the linked guild itself replace its key', async () => {
    const a = await submit(req(SECOND_KEY, 'biz_newco'));
    expect(a.tone).toBe('good');
    const [row] = await companyRows();
    expect(openCredentials(SECRET, 'biz_newco', row!.credentials_enc!)).toEqual({ apiKey: SECOND_KEY });
  });

  it('takes no key at all when Sign in with Whop is configured: the answer is a link page', async () => {
    const signIn = {
      ...deps,
      config: { ...deps.config, WHOP_CLIENT_ID: 'app_client_setup', WHOP_CLIENT_SECRET: 'client-secret-setup' },
    };
    const a = await submitSetupKey(signIn, req(OTHER_KEY, 'biz_other', owner, SECOND_GUILD));
    answers.push(a);
    expect(a.title).toBe('Link Pulse to your Whop company');
    expect(a.notices).toEqual(['This Pulse server links with Sign in with Whop: the key was not used or stored.']);
    expect(a.components[0]![0]).toMatchObject({ type: 'link', label: 'Open link page' });
    expect((a.components[0]![0] as { url: string }).url).toMatch(
      /^http:\/\/127\.0\.0\.1:3000\/link\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/,
    );
    expect((await companyRows()).map((r) => r.whop_company_id)).toEqual(['biz_newco']);
    expect(await findTenant(w.pool, 'discord', SECOND_GUILD)).toBeNull();
  });

  it('never echoes or logs a key', () => {
    expect(logs.length).toBeGreaterThan(0);
    expectKeyNowhere(JSON.stringify(logs));
    expect(answers).toHaveLength(10);
    expectKeyNowhere(JSON.stringify(answers));
  });
});
