// `/pulse setup [...]` (admins): in a workspace not linked yet, the way to link it — with Sign in with Whop
// configured, a one-time link page (setup.service.ts linkPageFor); on a self-hosted server without it, the
// button that opens the Whop-key form (action id p1:setup:key, handled by the adapters with submitSetupKey);
// once linked, applies the options given (channels, staff channel, time zone, digest hour, weekly day,
// allowed roles, activity capture) and shows the settings.
import { BadInput } from '../../core/errors.ts';
import { signInConfigured } from '../../core/linking/whop-oauth.ts';
import { assertTimeZone } from '../../core/period.ts';
import { updateWorkspaceSettings, type Tenant, type WorkspaceSettingsPatch } from '../../core/tenancy/index.ts';
import { companyById } from '../../core/revenue/index.ts';
import { answer, type Answer } from '../answer.ts';
import { stringOption } from '../parts/context.ts';
import { channelIdOf, roleIdOf } from '../parts/mentions.ts';
import { linkPageFor, setCompanyTimeZone } from '../parts/setup.service.ts';
import { setupGuidance } from '../parts/setup-guidance.ts';
import { settingsFields, settingsReferences } from '../parts/setup-settings.ts';
import type { Command, CommandContext } from './types.ts';
import type { BotDeps } from '../deps.ts';

export const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const clearable = {
  digest_channel: 'digestChannelId',
  alert_channel: 'alertChannelId',
  staff_channel: 'staffChannelId',
} as const;

/** The settings patch the options ask for (BadInput for a bad value: nothing is changed then). */
export function settingsPatch(ctx: Pick<CommandContext, 'options'>, current: Tenant['link']): WorkspaceSettingsPatch {
  const patch: WorkspaceSettingsPatch = {};
  const channel = (name: keyof typeof clearable) => {
    const v = stringOption(ctx, name);
    if (v === undefined) return;
    patch[clearable[name]] = ['none', 'off', 'clear'].includes(v.toLowerCase()) ? null : channelIdOf(v);
  };
  channel('digest_channel');
  channel('alert_channel');
  channel('staff_channel');
  const hour = ctx.options.digest_hour;
  if (hour !== undefined) {
    const h = Number(hour);
    if (!Number.isInteger(h) || h < 0 || h > 23) throw new BadInput('digest_hour must be a whole hour from 0 to 23');
    patch.digestHour = h;
  }
  const day = stringOption(ctx, 'weekly_day')?.toLowerCase();
  if (day !== undefined) {
    const i = (weekdays as readonly string[]).indexOf(day);
    if (i < 0 && day !== 'none') throw new BadInput('weekly_day must be a day of the week, or none');
    patch.weeklyDigestDay = i < 0 ? null : i;
  }
  const roles = new Set(current.allowedRoleIds);
  const add = stringOption(ctx, 'role');
  const remove = stringOption(ctx, 'remove_role');
  if (add !== undefined) roles.add(roleIdOf(add));
  if (remove !== undefined) roles.delete(roleIdOf(remove));
  if (add !== undefined || remove !== undefined) patch.allowedRoleIds = [...roles];
  const capture = ctx.options.capture_activity;
  if (capture !== undefined) patch.captureActivity = capture === true || capture === 'true';
  return patch;
}

async function applySetup(deps: BotDeps, tenant: Tenant, ctx: CommandContext): Promise<Answer> {
  const patch = settingsPatch(ctx, tenant.link);
  const zone = stringOption(ctx, 'timezone');
  const changed = Object.keys(patch).length > 0 || zone !== undefined;
  // Everything is checked before anything is written.
  if (zone !== undefined) assertTimeZone(zone);
  if (zone !== undefined) await setCompanyTimeZone(deps.db, tenant.company.id, zone);
  const link = Object.keys(patch).length
    ? await updateWorkspaceSettings(deps.db, tenant.company.id, tenant.link.id, patch)
    : tenant.link;
  const company = zone !== undefined ? await companyById(deps.db, tenant.company.id) : tenant.company;
  const notices =
    zone !== undefined ? ['Figures follow the new time zone from the next data refresh (within 15 minutes).'] : [];
  // Discord shows Pulse's commands to Manage Server holders by default: a role given access here needs them too.
  if (ctx.actor.platform === 'discord' && stringOption(ctx, 'role') !== undefined) {
    notices.push(
      "Discord shows Pulse's commands to people with Manage Server by default: to let this role use them, open Server Settings → Integrations → Pulse and allow the role there too.",
    );
  }
  return answer({
    title: changed ? 'Pulse settings saved' : 'Pulse settings',
    summary: changed ? undefined : 'Set any option of `/pulse setup` to change it (channels: `none` clears one).',
    tone: changed ? 'good' : 'info',
    visibility: 'ephemeral',
    notices,
    fields: settingsFields({ company, link }),
    references: settingsReferences(link),
  });
}

export const pulseSetupCommand: Command = {
  name: 'pulse setup',
  description: 'Link Pulse to your Whop company and choose channels, time zone, digest hour and access',
  options: [
    { name: 'digest_channel', description: 'Where the daily and weekly digest is posted', type: 'channel' },
    { name: 'alert_channel', description: 'Where churn and anomaly alerts are posted', type: 'channel' },
    {
      name: 'staff_channel',
      description: 'A private channel where member names may be shown to everyone in it',
      type: 'channel',
    },
    { name: 'timezone', description: 'Your time zone, e.g. Europe/Berlin', type: 'string', autocomplete: true },
    { name: 'digest_hour', description: 'Local hour of the daily digest (0-23)', type: 'integer', min: 0, max: 23 },
    {
      name: 'weekly_day',
      description: 'Day of the weekly digest',
      type: 'string',
      choices: [...weekdays, 'none'].map((d) => ({ name: d, value: d })),
    },
    { name: 'role', description: 'Give a role access to Pulse', type: 'role' },
    { name: 'remove_role', description: "Take a role's access away", type: 'role' },
    {
      name: 'capture_activity',
      description: 'Count messages per member per day as engagement (no content stored)',
      type: 'boolean',
    },
  ],
  access: 'admin',
  answers: 'private',
  needsLink: false,
  async handle(ctx) {
    if (!ctx.tenant) {
      if (ctx.actor.isAdmin && ctx.workspaceId && signInConfigured(ctx.deps.config))
        return linkPageFor(ctx.deps, ctx.actor, { workspaceId: ctx.workspaceId, channelId: ctx.channelId });
      return setupGuidance(ctx.actor.platform, ctx.actor.isAdmin, signInConfigured(ctx.deps.config));
    }
    return applySetup(ctx.deps, ctx.tenant, ctx);
  },
  async autocomplete(_ctx, option, typed) {
    if (option !== 'timezone') return [];
    const q = typed.trim().toLowerCase().replace(/\s+/g, '_');
    return Intl.supportedValuesOf('timeZone')
      .filter((z) => z.toLowerCase().includes(q))
      .slice(0, 25)
      .map((z) => ({ name: z, value: z }));
  },
};
