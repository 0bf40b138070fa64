// `/engagement [period]`: active, average score, at-risk and idle members with their change against the
// previous period, the daily score line and activity heat map, and the top and fading members (names:
// member-level, so ephemeral outside the staff channel).
import { engagementReport } from '../../core/engagement/engagement.service.ts';
import type { EngagementReport } from '../../core/engagement/engagement-report.ts';
import type { MemberLine } from '../../core/engagement/engagement-members.repository.ts';
import { tierLimitError } from '../../core/tiers/tier-limits.ts';
import type { Tenant } from '../../core/tenancy/index.ts';
import { answer, type Answer, type AnswerField, type AnswerTable } from '../answer.ts';
import { memberName, tenantOf } from '../parts/context.ts';
import { heatmapChart, scoreChart } from '../parts/engagement-charts.ts';
import { ago, countDelta, formatNumber, periodLabel } from '../parts/format.ts';
import { dataFreshness, freshnessLine } from '../parts/freshness.ts';
import {
  parsePeriodChoice,
  periodNames,
  periodOptionChoices,
  resolvePeriod,
  type PeriodChoice,
} from '../parts/periods.ts';
import { periodSelect } from './revenue.ts';
import type { Command } from './types.ts';
import type { BotDeps } from '../deps.ts';

/** Members listed per table in chat (the report page lists more). */
const LISTED = 10;

export function engagementFields(r: EngagementReport): AnswerField[] {
  const s = r.averageScore;
  const score =
    s.now === null
      ? '—'
      : `${s.now.toFixed(1)}/100${s.change === null ? '' : ` (${s.change >= 0 ? '+' : ''}${s.change.toFixed(1)})`}`;
  return [
    { label: 'Active', value: `${formatNumber(r.active.now)} (${countDelta(r.active.change)})`, inline: true },
    { label: 'Average score', value: score, inline: true },
    {
      label: 'At risk',
      value:
        r.atRisk.source === 'churn-model'
          ? `${formatNumber(r.atRisk.now)} (${countDelta(r.atRisk.change)})`
          : '— (not scored yet)',
      inline: true,
    },
    { label: 'Idle', value: `${formatNumber(r.idle.now)} (${countDelta(r.idle.change)})`, inline: true },
    { label: 'Members', value: `${formatNumber(r.members.now)} (${countDelta(r.members.change)})`, inline: true },
  ];
}

function status(last: Date | null, asOf: Date): string {
  const days = last === null ? Infinity : (asOf.getTime() - last.getTime()) / 86_400_000;
  return days < 7 ? 'active' : days < 30 ? 'idle' : 'dormant';
}

function memberTables(r: EngagementReport): AnswerTable[] {
  const top = (m: MemberLine) => ({
    name: memberName(m),
    score: String(m.score),
    last: m.lastActivityAt ? ago(m.lastActivityAt, r.asOf) : 'never',
    status: status(m.lastActivityAt, r.asOf),
  });
  const fading = (m: MemberLine) => ({
    name: memberName(m),
    from: String(m.startScore),
    to: String(m.score),
    change: String(m.score - m.startScore),
  });
  return [
    {
      title: 'Top members',
      columns: [
        { key: 'name', label: 'Member' },
        { key: 'score', label: 'Score', align: 'right' },
        { key: 'last', label: 'Last active' },
        { key: 'status', label: 'Status' },
      ],
      rows: r.topMembers.slice(0, LISTED).map(top),
    },
    {
      title: 'Fading members',
      columns: [
        { key: 'name', label: 'Member' },
        { key: 'from', label: 'Was', align: 'right' },
        { key: 'to', label: 'Now', align: 'right' },
        { key: 'change', label: 'Change', align: 'right' },
      ],
      rows: r.fadingMembers.slice(0, LISTED).map(fading),
    },
  ];
}

export async function engagementAnswer(deps: BotDeps, tenant: Tenant, choice: PeriodChoice): Promise<Answer> {
  const { company } = tenant;
  const now = deps.now();
  const fresh = await dataFreshness(deps.db, company.id, now);
  const resolved = resolvePeriod(choice, fresh.asOf, company.timeZone, company.tier);
  const limited = await engagementReport(deps.db, company.id, { ...resolved.period, asOf: fresh.asOf, limit: LISTED });
  if (!limited.ok) throw tierLimitError(limited.limit);
  const r = limited.value;
  return answer({
    title: `Engagement · ${periodNames[choice]}`,
    tone: r.active.change > 0 ? 'good' : r.active.change < 0 ? 'warning' : 'neutral',
    fields: engagementFields(r),
    tables: memberTables(r),
    charts: [scoreChart(r), heatmapChart(r)],
    components: [periodSelect('engagement', choice)],
    memberLevel: true,
    footer: { period: periodLabel(r.period, company.timeZone), freshness: freshnessLine(fresh, now, company.timeZone) },
    notices: [...(resolved.notice ? [resolved.notice] : []), ...r.notes],
  });
}

export const engagementCommand: Command = {
  name: 'engagement',
  description: 'Active, idle and at-risk members, average score, activity heat map, top and fading members',
  options: [
    { name: 'period', description: 'Which days (default: last 30 days)', type: 'string', choices: periodOptionChoices },
  ],
  access: 'granted',
  answers: 'member',
  slow: true,
  handle: (ctx) => engagementAnswer(ctx.deps, tenantOf(ctx), parsePeriodChoice(ctx.options.period)),
};
