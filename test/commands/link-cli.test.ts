// `pulse link`: attaches a guild or Slack team to a company by Whop id or numeric id; bad input is one clear
// UsageError and changes nothing. (The verb's handler is called in-process, loaded as the CLI loads it.)
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, type Config } from '../../core/config.ts';
import { findTenant } from '../../core/tenancy/index.ts';
import { verbs } from '../../server/cli/verbs.ts';
import { UsageError } from '../../server/runtime.ts';
import { buildWorld, GUILD_A, type World } from './world.ts';

let w: World;
let config: Config;
beforeAll(async () => {
  w = await buildWorld();
  config = loadConfig({ DATABASE_URL: w.db.url }, { needSecret: false });
});
afterAll(async () => {
  await w?.close();
});

async function run(values: Record<string, string>): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await (await verbs.link!.load())(config, values, [], verbs.link!);
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

describe('pulse link', () => {
  it('links a Discord guild by Whop company id and a Slack team by numeric id', async () => {
    expect(await run({ company: w.b.whopId, discord: '123456789012345678' })).toBe(
      `linked Discord guild 123456789012345678 to Beta Builders (${w.b.whopId}, id ${w.b.id})\nfirst sync queued\n`,
    );
    // The company had never synced: its first sync is queued at once.
    expect(
      (
        await w.pool.query(`select 1 from agenda_jobs where name = 'whop:sync-company' and data->>'companyId' = $1`, [
          String(w.b.id),
        ])
      ).rowCount,
    ).toBe(1);
    expect((await findTenant(w.pool, 'discord', '123456789012345678'))!.company.id).toBe(w.b.id);
    await run({ company: String(w.a.id), slack: 'T0123ABCD' });
    expect((await findTenant(w.pool, 'slack', 'T0123ABCD'))!.link.linkedBy).toBe('cli');
  });

  it('moves a guild to another company, resetting its channels', async () => {
    await run({ company: w.c.whopId, discord: GUILD_A });
    const t = (await findTenant(w.pool, 'discord', GUILD_A))!;
    expect(t.company.id).toBe(w.c.id);
    expect(t.link.staffChannelId).toBeNull();
  });

  it('refuses bad input with one clear line', async () => {
    await expect(run({ discord: '123456789012345678' })).rejects.toThrow(
      new UsageError('--company <id or biz_ id> is required'),
    );
    await expect(run({ company: w.a.whopId })).rejects.toThrow(
      'give exactly one of --discord <guild id> or --slack <team id>',
    );
    await expect(run({ company: w.a.whopId, discord: '1', slack: 'T0123ABCD' })).rejects.toThrow('give exactly one of');
    await expect(run({ company: w.a.whopId, discord: 'general' })).rejects.toThrow('--discord must be a guild id');
    await expect(run({ company: 'biz_nobody', slack: 'T9999ZZZZ' })).rejects.toThrow(
      new UsageError('unknown company "biz_nobody"'),
    );
    expect(await findTenant(w.pool, 'slack', 'T9999ZZZZ')).toBeNull();
  });
});
