// A company whose Whop strings are hostile markup — member names, a username, the company, plan and course
// names — for the escaping suites, and the checks that a rendered Slack or Discord payload holds nothing live
// from them: no Slack <!…>, <@…>, <#…> or <http…|…>, no Discord mention or masked link, no bare link to the
// attacker's host, no data formatting, no name longer than a data string may be.
import { expect } from 'vitest';
import { rollupContent } from '../../core/content/content-rollup.ts';
import { openPool } from '../../core/db/pool.ts';
import { prediction } from '../helpers/activity-fixtures.ts';
import { openFixtures } from '../helpers/fixtures.ts';

export const NOW = new Date('2026-04-15T12:00:00Z');
const SCORED_AT = '2026-04-15T03:00:00Z';

export const HOSTILE = {
  /** A well-formed user-group id: Slack's old reference allow-list let it through as a live ping. */
  subteam: '<!subteam^S0123ABCD> Sub',
  channel: '<!channel> Chan',
  slackLink: '<https://evil.example/pay|Pay here>',
  markdownLink: '[Verify payout](https://evil.example/verify)',
  mixed: '@everyone <@&810000000000000009> <#C0EVIL001> _it_ *b* ~s~ `c`',
  long: 'L'.repeat(400),
  username: 'evil_<!here>',
  company: 'Acme <!here> [Claim](https://evil.example/claim)',
  plan: '<!everyone> [Upgrade](https://evil.example/upgrade)',
  course: '[Lesson 1](https://evil.example/lesson) <@U0ADMIN01>',
} as const;

export interface HostileCompany {
  id: number;
  /** Prediction ids, most urgent first (critical, 0.95 down). */
  predictions: number[];
  /** The member named by a masked link: alone in a churn alert, its name is the alert's title. */
  markdownLinkPrediction: number;
  channelPrediction: number;
  courseId: number;
}

export async function buildHostileCompany(url: string): Promise<HostileCompany> {
  const fx = await openFixtures(url);
  try {
    const co = await fx.company({ name: HOSTILE.company, tier: 'pro' });
    const plan = await co.plan({ price: 1000, periodDays: 30, title: HOSTILE.plan });
    const names = [
      HOSTILE.markdownLink,
      HOSTILE.subteam,
      HOSTILE.channel,
      HOSTILE.slackLink,
      HOSTILE.mixed,
      HOSTILE.long,
    ];
    const predictions: number[] = [];
    for (const [i, name] of names.entries()) {
      const m = await co.member({ name });
      await co.subscribe(m, plan, { at: '2026-02-01T10:00:00Z', payments: 3 });
      predictions.push(
        await prediction(fx.sql, co.id, m.id, { scoredAt: SCORED_AT, risk: 'critical', probability: 0.95 - i * 0.01 }),
      );
    }
    const nameless = await co.member({ username: HOSTILE.username });
    predictions.push(
      await prediction(fx.sql, co.id, nameless.id, { scoredAt: SCORED_AT, risk: 'high', probability: 0.6 }),
    );
    await fx.sql.query(`update churn_predictions set actions = $2 where company_id = $1`, [
      co.id,
      JSON.stringify([{ kind: 're_engagement_message', priority: 'high', text: 'Send a personal message' }]),
    ]);
    const course = await co.content({ kind: 'course', title: HOSTILE.course });
    const first = await co.member({ name: 'Plain Person' });
    await co.events(first, [{ kind: 'visit', content: course, at: '2026-04-10T10:00:00Z' }]);
    const pool = openPool(url, { max: 1 });
    await rollupContent(pool, co.id, '2026-03-16', '2026-04-16').finally(() => pool.end());
    return {
      id: co.id,
      predictions,
      markdownLinkPrediction: predictions[0]!,
      channelPrediction: predictions[2]!,
      courseId: course.id,
    };
  } finally {
    await fx.close();
  }
}

/** Code spans and blocks, which both platforms show literally. */
function withoutCode(text: string): string {
  return text.replace(/```[\s\S]*?```/g, '').replace(/(?<!\\)`[^`]*(?<!\\)`/g, '');
}

/** What would be live in one piece of Slack mrkdwn (a block text or a message's `text`). */
export function slackLive(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/<[!@#][^>]*>|<(?:https?|mailto):[^>]*>/g)) found.push(m[0]);
  if (text.includes('://evil.example')) found.push('bare link to evil.example');
  const prose = withoutCode(text);
  for (const f of ['_it_', '*b*', '~s~', '`c`']) if (prose.includes(f)) found.push(`data formatting ${f}`);
  if (/L{101}/.test(text)) found.push('a name over 100 characters');
  return found;
}

/** What would be live in one piece of Discord markdown (embed title, description, field, content). */
export function discordLive(text: string): string[] {
  const found: string[] = [];
  const prose = withoutCode(text);
  for (const m of prose.matchAll(/(?<!\\)<[@#!:a-z/][^>]*>/g)) found.push(m[0]);
  for (const m of prose.matchAll(/(?<!\\)\[[^\]\n]*\]\([^)\n]*\)/g)) found.push(m[0]);
  for (const m of prose.matchAll(/(?<!\\)@(?:everyone|here)/g)) found.push(m[0]);
  if (prose.includes('://evil.example')) found.push('bare link to evil.example');
  for (const f of ['_it_', '*b*', '~s~']) if (prose.includes(f)) found.push(`data formatting ${f}`);
  if (/L{101}/.test(text)) found.push('a name over 100 characters');
  return found;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON

/** Every markdown text of a Discord message body. */
export function discordTexts(body: Json): string[] {
  const out: string[] = [];
  if (typeof body.content === 'string') out.push(body.content);
  for (const e of (body.embeds ?? []) as Json[]) {
    for (const t of [e.title, e.description, e.author?.name]) if (typeof t === 'string') out.push(t);
    for (const f of (e.fields ?? []) as Json[]) out.push(f.name, f.value);
  }
  return out;
}

/** A Discord message body: nothing live from data (`own`: Pulse's mentions), and no mention allowed to ping. */
export function expectInertDiscord(body: Json, mustShow: RegExp, own: string[] = []): void {
  const texts = discordTexts(body);
  expect(texts.join('\n')).toMatch(mustShow);
  expect(texts.flatMap(discordLive).filter((f) => !own.includes(f))).toEqual([]);
  expect(body.allowed_mentions).toEqual({ parse: [] });
}

/** Every mrkdwn text of Slack blocks (sections, fields, context). */
export function slackMrkdwn(blocks: unknown): string[] {
  const out: string[] = [];
  for (const b of (blocks ?? []) as Json[]) {
    if (b.text?.type === 'mrkdwn') out.push(b.text.text);
    for (const f of b.fields ?? []) out.push(f.text);
    for (const e of b.elements ?? []) if (e.type === 'mrkdwn') out.push(e.text);
  }
  return out;
}

/** A Slack message (its `text` and blocks): nothing live from data (`own`: Pulse's mentions). */
export function expectInertSlack(
  message: { text?: unknown; blocks?: unknown },
  mustShow: RegExp,
  own: string[] = [],
): void {
  const texts = [String(message.text ?? ''), ...slackMrkdwn(message.blocks)];
  expect(texts.join('\n')).toMatch(mustShow);
  expect(texts.flatMap(slackLive).filter((f) => !own.includes(f))).toEqual([]);
}
