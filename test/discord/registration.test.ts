// Slash command registration: the platform-neutral commands become discord.js builders (grouped into
// subcommands by first word, Manage Server by default, guild-only), PUT in bulk to the fake Discord by
// `registerCommands` and by the `pulse register-commands` verb; invocations map back to neutral names.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { answer } from '../../bot/answer.ts';
import { commands } from '../../bot/commands/index.ts';
import type { Command } from '../../bot/commands/types.ts';
import { slashCommandBodies } from '../../bot/discord/command-data.ts';
import { invocationOf } from '../../bot/discord/invocation.ts';
import { registerCommands } from '../../bot/discord/register.ts';
import { loadConfig } from '../../core/config.ts';
import { verbs } from '../../server/cli/verbs.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { BOT_TOKEN } from './harness.ts';
import { APP_ID } from './interactions.ts';

/** `pulse register-commands`'s handler, loaded as the CLI loads it; called in-process with its declaration. */
const registerCommandsVerb = async () => {
  const verb = verbs['register-commands']!;
  const run = await verb.load();
  return (config: Parameters<typeof run>[0], values: Parameters<typeof run>[1]) => run(config, values, [], verb);
};

const handle = async () => answer({ title: 'x' });
const sample: Command[] = [
  {
    name: 'revenue',
    description: 'Revenue',
    access: 'granted',
    handle,
    options: [
      {
        name: 'period',
        description: 'Which period',
        type: 'string',
        choices: [
          { name: 'Last 30 days', value: '30d' },
          { name: 'This month', value: 'mtd' },
        ],
      },
    ],
  },
  {
    name: 'report link',
    description: 'A signed report link',
    access: 'admin',
    handle,
    options: [
      { name: 'expires', description: 'Days', type: 'integer', min: 1, max: 90 },
      { name: 'kind', description: 'Report', type: 'string', required: true, autocomplete: true },
    ],
  },
  {
    name: 'report revoke',
    description: 'Revoke links',
    access: 'admin',
    handle,
    options: [{ name: 'all', description: 'Every link', type: 'boolean' }],
  },
];

describe('slash command bodies', () => {
  const bodies = slashCommandBodies(sample);

  it('groups paths by first word into subcommands; single names keep their options', () => {
    expect(bodies.map((b) => b.name)).toEqual(['revenue', 'report']);
    expect(bodies[0]!.options).toEqual([
      {
        type: ApplicationCommandOptionType.String,
        name: 'period',
        description: 'Which period',
        required: false,
        choices: [
          { name: 'Last 30 days', value: '30d' },
          { name: 'This month', value: 'mtd' },
        ],
      },
    ]);
    const subs = bodies[1]!.options!;
    expect(subs.map((s) => [s.type, s.name])).toEqual([
      [ApplicationCommandOptionType.Subcommand, 'link'],
      [ApplicationCommandOptionType.Subcommand, 'revoke'],
    ]);
    // Required options first, as Discord demands; integer bounds and autocomplete carried over.
    const link = subs[0] as unknown as { options: Record<string, unknown>[] };
    expect(link.options.map((o) => o.name)).toEqual(['kind', 'expires']);
    expect(link.options[0]).toMatchObject({ autocomplete: true, required: true });
    expect(link.options[1]).toMatchObject({ type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 90 });
  });

  it('needs Manage Server by default and works only in servers', () => {
    for (const b of bodies) {
      expect(b.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
      expect(b.contexts).toEqual([InteractionContextType.Guild]);
    }
  });

  it('maps an invocation back to the neutral name and options', () => {
    const data = {
      name: 'report',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'link',
          options: [
            { type: ApplicationCommandOptionType.String, name: 'kind', value: 'rev', focused: true },
            { type: ApplicationCommandOptionType.Integer, name: 'expires', value: 7 },
          ],
        },
      ],
    };
    expect(invocationOf(data as never)).toEqual({
      name: 'report link',
      options: { expires: 7 },
      focused: { option: 'kind', typed: 'rev' },
    });
  });

  it('refuses a group that mixes a bare command with subcommands', () => {
    expect(() =>
      slashCommandBodies([...sample, { name: 'report', description: 'Bare', access: 'admin', handle, options: [] }]),
    ).toThrow(/options and subcommands/);
  });

  it('builds every registered command without a Discord validation error', () => {
    expect(slashCommandBodies(commands).length).toBeGreaterThan(0);
  });
});

describe('registering with Discord', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ token: BOT_TOKEN, appId: APP_ID });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('bulk-overwrites global commands with the bot token', async () => {
    const saved = await registerCommands({ token: BOT_TOKEN, appId: APP_ID, apiBase: fake.api, commands: sample });
    expect(saved.map((c) => c.name)).toEqual(['revenue', 'report']);
    const put = fake.requests.at(-1)!;
    expect([put.method, put.path, put.headers.authorization]).toEqual([
      'PUT',
      `/applications/${APP_ID}/commands`,
      `Bot ${BOT_TOKEN}`,
    ]);
    expect(put.json).toEqual(slashCommandBodies(sample));
  });

  it('`pulse register-commands --guild` registers every command in one guild', async () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://localhost/unused',
        DISCORD_TOKEN: BOT_TOKEN,
        DISCORD_APP_ID: APP_ID,
        DISCORD_API_BASE_URL: `${fake.api}/v10`,
      },
      { needSecret: false },
    );
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let printed = '';
    try {
      await (await registerCommandsVerb())(config, { guild: '800000000000000009' });
      printed = String(out.mock.calls[0]?.[0]);
    } finally {
      out.mockRestore();
    }
    const put = fake.requests.at(-1)!;
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/800000000000000009/commands`);
    expect(put.json).toEqual(slashCommandBodies(commands));
    expect(printed).toMatch(/^registered \d+ Discord commands in guild 800000000000000009: \//);
  });

  it('the verb refuses without credentials or with a bad guild id', async () => {
    const bare = loadConfig({ DATABASE_URL: 'postgres://localhost/unused' }, { needSecret: false });
    await expect((await registerCommandsVerb())(bare, {})).rejects.toThrow(
      'DISCORD_TOKEN and DISCORD_APP_ID must be set',
    );
    const withCreds = loadConfig(
      { DATABASE_URL: 'postgres://localhost/unused', DISCORD_TOKEN: BOT_TOKEN, DISCORD_APP_ID: APP_ID },
      { needSecret: false },
    );
    await expect((await registerCommandsVerb())(withCreds, { guild: 'general' })).rejects.toThrow(
      '--guild must be a Discord guild id',
    );
  });
});
