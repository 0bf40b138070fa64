// The settings of a linked workspace as answer fields (shown by /pulse setup).
import type { Company } from '../../core/revenue/index.ts';
import type { WorkspaceLinkRow } from '../../core/tenancy/index.ts';
import { data, type AnswerField } from '../answer.ts';
import { channelMention, roleMention } from './mentions.ts';

const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The channel and role mentions settingsFields writes: the answer declares them, so they render as mentions. */
export function settingsReferences(link: WorkspaceLinkRow): string[] {
  const channels = [link.digestChannelId, link.alertChannelId, link.staffChannelId].filter(
    (id): id is string => id !== null,
  );
  return [
    ...channels.map((id) => channelMention(id)),
    ...link.allowedRoleIds.map((r) => roleMention(link.platform, r)),
  ];
}

export function settingsFields(t: { company: Company; link: WorkspaceLinkRow }): AnswerField[] {
  const { company, link } = t;
  const roles = link.allowedRoleIds.length
    ? link.allowedRoleIds.map((r) => roleMention(link.platform, r)).join(', ')
    : 'admins only';
  return [
    { label: 'Company', value: `${data(company.name)} (\`${data(company.whopCompanyId)}\`), ${company.tier} plan` },
    { label: 'Digest channel', value: channelMention(link.digestChannelId), inline: true },
    { label: 'Alert channel', value: channelMention(link.alertChannelId), inline: true },
    {
      label: 'Staff channel',
      value: link.staffChannelId
        ? `${channelMention(link.staffChannelId)} (member names shown there)`
        : 'none (member names only privately)',
      inline: true,
    },
    { label: 'Time zone', value: company.timeZone, inline: true },
    { label: 'Daily digest', value: `${String(link.digestHour).padStart(2, '0')}:00 local time`, inline: true },
    {
      label: 'Weekly digest',
      value: link.weeklyDigestDay === null ? 'off' : (days[link.weeklyDigestDay] ?? '?'),
      inline: true,
    },
    { label: 'Who may use Pulse', value: roles, inline: true },
    { label: 'Activity capture', value: link.captureActivity ? 'on (message counts only)' : 'off', inline: true },
  ];
}
