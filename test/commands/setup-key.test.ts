// The setup form's Whop key, verified against the fake Whop (the real @whop/sdk over loopback HTTP): a good
// key is stored sealed and links the workspace; a bad key, a key for another company, or an unreachable Whop
// stores nothing; the key never appears in an answer or a log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitSetupKey } from '../../bot/commands/dispatch.ts';
import { loadConfig } from '../../core/config.ts';
import { findTenant } from '../../core/tenancy/index.ts';
import { openCredentials } from '../../core/whop/credentials.ts';
import { emptyCompany } from '../fakes/whop/dataset.ts';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../fakes/whop/server.ts';
import type { Answer } from '../../bot/answer.ts';
import type { BotDeps } from '../../bot/commands/types.ts';
import type { Actor } from '../../core/tenancy/index.ts';
import { buildWorld, member, recordingLogger, SECRET, type LogEntry, type World } from './world.ts';

const COMPANY_KEY = 'whop_company_key_5e1d0c9a7b3f2e64';
const OTHER_KEY = 'whop_company_key_of_someone_else_77';
const NEW_GUILD = '777777777777777777';

let w: World;
let fake: FakeWhop;
let logs: LogEntry[];
let deps: BotDeps;

beforeAll(async () => {
  w = await buildWorld();
  fake = await startFakeWhop({
    dataset: { companies: [emptyCompany('biz_newco', 'New Co'), emptyCompany('biz_other', 'Other Co')] },
    apiKeys: { [COMPANY_KEY]: 'biz_newco', [OTHER_KEY]: 'biz_other', [defaultFakeApiKey]: '*' },
  });
  logs = [];
  deps = { ...w.deps, config: loadConfig({ DATABASE_URL: w.db.url, PULSE_SECRET: SECRET, WHOP_API_BASE_URL: fake.url }), log: recordingLogger(logs) };
});
afterAll(async () => {
  await fake?.close();
  await w?.close();
});

const owner: Actor = { platform: 'discord', userId: 'u-owner', isAdmin: true, roleIds: [] };
const req = (whopApiKey: string, whopCompanyId?: string, actor: Actor = owner) =>
  ({ platform: 'discord' as const, workspaceId: NEW_GUILD, actor, channelId: 'general', whopApiKey, whopCompanyId });
const answers: Answer[] = [];
async function submit(r: ReturnType<typeof req>): Promise<Answer> {
  const a = await submitSetupKey(deps, r);
  answers.push(a);
  return a;
}

async function companyRows() {
  const { rows } = await w.pool.query<{ whop_company_id: string; name: string; credentials_enc: Buffer | null }>(
    `select whop_company_id, name, credentials_enc from companies where whop_company_id in ('biz_newco', 'biz_other')`);
  return rows;
}

function expectKeyNowhere(text: string): void {
  for (const key of [COMPANY_KEY, OTHER_KEY, 'not-a-real-key-123456']) expect(text).not.toContain(key);
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

  it('never echoes or logs a key', () => {
    expect(logs.length).toBeGreaterThan(0);
    expectKeyNowhere(JSON.stringify(logs));
    expect(answers).toHaveLength(6);
    expectKeyNowhere(JSON.stringify(answers));
  });
});
