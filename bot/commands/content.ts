// `/content [type] [item] [period]`: courses, lessons, forum posts and files ranked by views, with completions,
// completion rate, the drop-off lesson and, for posts, the counts Whop reports (views, likes, comments); with
// `item` (autocompleted over titles) one item's detail. `type` offers only the types that have data.
import { contentReport } from '../../core/content/content.service.ts';
import {
  contentTypes,
  type ContentLine,
  type ContentReport,
  type ContentType,
  type WhopEngagement,
} from '../../core/content/content-report.ts';
import { BadInput } from '../../core/errors.ts';
import type { Tenant } from '../../core/tenancy/index.ts';
import { tierLimitError } from '../../core/tiers/tier-limits.ts';
import { truncate } from '../../charts/index.ts';
import { answer, data, type Answer, type AnswerChart, type AnswerField } from '../answer.ts';
import { contentItemOf, searchContentItems } from '../../core/content/content-items.repository.ts';
import { contentTypesWithData } from '../../core/content/content-engagement.repository.ts';
import { stringOption, tenantOf } from '../parts/context.ts';
import { formatNumber, formatPercent, periodLabel } from '../parts/format.ts';
import { dataFreshness, freshnessLine } from '../parts/freshness.ts';
import {
  parsePeriodChoice,
  periodNames,
  periodOptionChoices,
  resolvePeriod,
  type PeriodChoice,
} from '../parts/periods.ts';
import type { Command } from './types.ts';
import type { BotDeps } from '../deps.ts';

const LISTED = 10;

const rate = (l: ContentLine) => (l.completionRate === null ? '—' : formatPercent(l.completionRate));
const dropOff = (l: ContentLine) =>
  l.dropOff ? `after "${data(l.dropOff.title, 40)}" (${formatPercent(l.dropOff.share)})` : '—';

function contentChart(items: ContentLine[]): AnswerChart {
  const top = items.slice(0, LISTED);
  return {
    spec: {
      kind: 'content',
      data: {
        items: top.map((l) => ({ title: l.title, type: l.kind, views: l.views, completionRate: l.completionRate })),
      },
    },
    filename: 'content.png',
    alt: `Views of the ${top.length} most viewed content items`,
    numbers: top.length
      ? top
          .map((l, i) => `${i + 1}. ${data(l.title, 60)}: ${formatNumber(l.views)} views, completion ${rate(l)}`)
          .join('\n')
      : 'No content viewed in this period',
  };
}

/** "21 views, 2 likes, 0 comments" (what Whop reports for a post; parts it does not report left out). */
function whopCounts(w: WhopEngagement): string {
  const part = (n: number | null, word: string) =>
    n === null ? [] : [`${formatNumber(n)} ${word}${n === 1 ? '' : 's'}`];
  return [...part(w.views, 'view'), ...part(w.likes, 'like'), ...part(w.comments, 'comment')].join(', ') || '—';
}

function itemFields(l: ContentLine): AnswerField[] {
  const whop: AnswerField[] = l.whop ? [{ label: 'On Whop (all time)', value: whopCounts(l.whop), inline: true }] : [];
  const time = l.avgTimeToComplete
    ? `${(l.avgTimeToComplete.seconds / 86_400).toFixed(1)} days (${l.avgTimeToComplete.completers} completers)`
    : '—';
  return [
    { label: 'Views', value: formatNumber(l.views), inline: true },
    { label: 'Unique viewers', value: formatNumber(l.uniqueViewers), inline: true },
    { label: 'Completions', value: formatNumber(l.completions), inline: true },
    { label: 'Completion rate', value: `${rate(l)} (${l.completers} of ${l.starters} who started)`, inline: true },
    { label: 'Average time to complete', value: time, inline: true },
    { label: 'Drop-off', value: dropOff(l), inline: true },
    ...whop,
  ];
}

function parseType(value: string | undefined): ContentType | undefined {
  if (value === undefined) return undefined;
  if ((contentTypes as readonly string[]).includes(value)) return value as ContentType;
  throw new BadInput(`type must be one of ${contentTypes.join(', ')}`);
}

export async function contentAnswer(
  deps: BotDeps,
  tenant: Tenant,
  opts: { type?: ContentType; itemId?: number; choice: PeriodChoice },
): Promise<Answer> {
  const { company } = tenant;
  const now = deps.now();
  const fresh = await dataFreshness(deps.db, company.id, now);
  const resolved = resolvePeriod(opts.choice, fresh.asOf, company.timeZone, company.tier);
  const limited = await contentReport(deps.db, company.id, { ...resolved.period, asOf: fresh.asOf, type: opts.type });
  if (!limited.ok) throw tierLimitError(limited.limit);
  const r: ContentReport = limited.value;
  const withData = await contentTypesWithData(deps.db, company.id);
  const typesNote = withData.length
    ? `Types with data: ${withData.join(', ')}.`
    : 'No content has data yet: courses, lessons and forum posts appear once members use them.';
  const footer = {
    period: periodLabel(r.period, company.timeZone),
    freshness: freshnessLine(fresh, now, company.timeZone),
  };
  const notices = [
    ...(resolved.notice ? [resolved.notice] : []),
    ...r.notes,
    ...(opts.type && !withData.includes(opts.type) ? [`No ${opts.type}s have data here yet. ${typesNote}`] : []),
  ];
  if (opts.itemId !== undefined) {
    const item = await contentItemOf(deps.db, company.id, opts.itemId);
    if (!item) throw new BadInput('No such content item here: pick one from the suggestions.');
    const line = r.items.find((l) => l.itemId === item.id);
    return answer({
      title: `${data(item.title)} (${item.kind})`,
      tone: 'info',
      footer,
      notices,
      summary: line
        ? `#${r.items.indexOf(line) + 1} of ${r.items.length} items by views in ${periodNames[opts.choice].toLowerCase()}.`
        : 'No views in this period.',
      fields: line ? itemFields(line) : [],
    });
  }
  const top = r.items.slice(0, LISTED);
  const showWhop = top.some((l) => l.whop);
  return answer({
    title: `Content · ${opts.type ? `${opts.type}s` : 'all'} · ${periodNames[opts.choice]}`,
    tone: 'info',
    footer,
    notices,
    summary: `${formatNumber(r.items.filter((l) => l.views > 0).length)} items viewed, ${formatNumber(r.items.reduce((s, l) => s + l.views, 0))} views in all. ${typesNote}`,
    tables: [
      {
        title: 'Ranked by views',
        columns: [
          { key: 'n', label: '#', align: 'right' },
          { key: 'title', label: 'Title' },
          { key: 'kind', label: 'Type' },
          { key: 'views', label: 'Views', align: 'right' },
          { key: 'completions', label: 'Completions', align: 'right' },
          { key: 'rate', label: 'Completion', align: 'right' },
          { key: 'drop', label: 'Drop-off' },
          ...(showWhop ? [{ key: 'whop', label: 'On Whop (all time)' }] : []),
        ],
        rows: top.map((l, i) => ({
          n: String(i + 1),
          title: data(l.title, 60),
          kind: l.kind,
          views: formatNumber(l.views),
          completions: formatNumber(l.completions),
          rate: rate(l),
          drop: dropOff(l),
          ...(showWhop ? { whop: l.whop ? whopCounts(l.whop) : '—' } : {}),
        })),
      },
    ],
    charts: [contentChart(r.items)],
  });
}

/**
 * The item an `item` option names: Discord's autocomplete sends the id; Slack sends what the user typed, matched
 * here by title (an exact title first, else the best match).
 */
async function itemIdOf(deps: BotDeps, tenant: Tenant, item: string | undefined): Promise<number | undefined> {
  if (item === undefined) return undefined;
  if (/^\d{1,15}$/.test(item) && (await contentItemOf(deps.db, tenant.company.id, Number(item)))) return Number(item);
  const found = await searchContentItems(deps.db, tenant.company.id, item, 25);
  const best = found.find((i) => i.title.toLowerCase() === item.toLowerCase()) ?? found[0];
  if (!best) throw new BadInput(`No content item here matches "${truncate(item, 60)}".`);
  return best.id;
}

export const contentCommand: Command = {
  name: 'content',
  description: 'Courses, lessons and posts ranked by views, completions and drop-off',
  options: [
    {
      name: 'type',
      description: 'Only this kind of content (those with data)',
      type: 'string',
      autocomplete: true,
      oneWord: true,
    },
    { name: 'item', description: 'One item in detail (start typing its title)', type: 'string', autocomplete: true },
    { name: 'period', description: 'Which days (default: last 30 days)', type: 'string', choices: periodOptionChoices },
  ],
  access: 'granted',
  answers: 'public',
  slow: true,
  async handle(ctx) {
    const tenant = tenantOf(ctx);
    return contentAnswer(ctx.deps, tenant, {
      type: parseType(stringOption(ctx, 'type')),
      itemId: await itemIdOf(ctx.deps, tenant, stringOption(ctx, 'item')),
      choice: parsePeriodChoice(ctx.options.period),
    });
  },
  async autocomplete(ctx, option, typed) {
    if (option === 'type') {
      const q = typed.trim().toLowerCase();
      return (await contentTypesWithData(ctx.deps.db, tenantOf(ctx).company.id))
        .filter((t) => t.includes(q))
        .map((t) => ({ name: t, value: t }));
    }
    if (option !== 'item') return [];
    const items = await searchContentItems(ctx.deps.db, tenantOf(ctx).company.id, typed);
    return items.map((i) => ({ name: truncate(`${i.title} (${i.kind})`, 100), value: String(i.id) }));
  },
};
