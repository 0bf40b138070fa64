// The tools the model may call, each a zod schema (sent as JSON Schema) and a function over the coach scope.
// Arguments are validated strictly: an unknown key (a `company_id`, say) is refused, and the company always
// comes from the scope — the tenant of the chat workspace — never from what the model wrote.
import { z } from 'zod';
import { contentTypes } from '../content/content-report.ts';
import { buildCoachContext, scopePeriod, type CoachScope } from './coach-context.ts';
import { presentFacts } from './coach-format.ts';
import { coachPeriods, type CoachPeriod } from './coach-periods.ts';
import { comparePeriods } from './compare-facts.ts';
import { contentFacts } from './content-facts.ts';
import { revenueFacts } from './revenue-facts.ts';
import { riskFacts } from './risk-facts.ts';

const period = z.enum(coachPeriods);

interface CoachTool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  schema: S;
  /** Lists members (names when the asker may see them): the answer is member-level. */
  memberLevel: boolean;
  run(scope: CoachScope, args: z.infer<S>): Promise<unknown>;
}

const tool = <S extends z.ZodType>(t: CoachTool<S>): CoachTool => t as unknown as CoachTool;

export const coachTools: CoachTool[] = [
  tool({
    name: 'get_overview',
    memberLevel: true,
    description:
      'Headline figures of the default period: revenue with the previous period, engagement, riskiest members, best and worst content, MRR forecast.',
    schema: z.object({}).strict(),
    run: (scope) => buildCoachContext(scope),
  }),
  tool({
    name: 'get_revenue',
    memberLevel: false,
    description:
      'MRR at start and end, MRR movements (new, reactivation, expansion, contraction, churn), churn rates, ARPU, LTV, cash revenue, failed payments, with the previous period of the same length.',
    schema: z.object({ period: period.describe("Which period, in the company's time zone") }).strict(),
    run: (scope, a: { period: CoachPeriod }) =>
      revenueFacts(scope.db, scope.company, scopePeriod(scope, a.period), scope.asOf),
  }),
  tool({
    name: 'list_at_risk',
    memberLevel: true,
    description:
      'Members most likely to churn (latest churn-model scoring), riskiest first, with reasons and recommended actions, and counts per risk level.',
    schema: z.object({ limit: z.number().int().min(1).max(20).default(5).describe('How many members, 1-20') }).strict(),
    run: (scope, a: { limit: number }) =>
      riskFacts(scope.db, scope.company.id, scope.company.tier, scope.asOf, {
        limit: a.limit,
        names: scope.memberNames,
      }),
  }),
  tool({
    name: 'get_content',
    memberLevel: false,
    description:
      'Content ranked by views: unique viewers, completions, completion rate, drop-off lesson; the best and worst item.',
    schema: z
      .object({
        type: z
          .enum([...contentTypes, 'all'])
          .default('all')
          .describe('course, lesson, post, file, or all'),
        period: period.optional().describe('Default: the last 30 days (last 7 on the free plan)'),
      })
      .strict(),
    run: (scope, a: { type: (typeof contentTypes)[number] | 'all'; period?: CoachPeriod }) =>
      contentFacts(scope.db, scope.company.id, scopePeriod(scope, a.period), scope.asOf, {
        type: a.type === 'all' ? undefined : a.type,
        limit: 10,
      }),
  }),
  tool({
    name: 'compare_periods',
    memberLevel: false,
    description: 'Revenue and engagement of two periods side by side, with the differences (a minus b).',
    schema: z.object({ a: period, b: period }).strict(),
    run: (scope, a: { a: CoachPeriod; b: CoachPeriod }) =>
      comparePeriods(scope, scopePeriod(scope, a.a), scopePeriod(scope, a.b)),
  }),
];

/** The tool list as chat.completions `tools` (JSON Schema parameters). */
export function toolDefinitions(): Array<{
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}> {
  return coachTools.map((t) => {
    const { $schema: _ignored, ...parameters } = z.toJSONSchema(t.schema, { io: 'input' }) as Record<string, unknown>;
    return { type: 'function', function: { name: t.name, description: t.description, parameters } };
  });
}

export interface ToolOutcome {
  /** JSON text for the tool message: the facts with money and rates written out, or an error. */
  content: string;
  memberLevel: boolean;
}

/** Runs one tool call of the model against the scope's company; bad calls come back as an error to the model. */
export async function runCoachTool(scope: CoachScope, name: string, rawArguments: string): Promise<ToolOutcome> {
  const t = coachTools.find((x) => x.name === name);
  if (!t)
    return {
      content: JSON.stringify({
        error: `unknown tool ${JSON.stringify(name)}; tools: ${coachTools.map((x) => x.name).join(', ')}`,
      }),
      memberLevel: false,
    };
  let json: unknown;
  try {
    json = rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
  } catch {
    return { content: JSON.stringify({ error: 'arguments are not valid JSON' }), memberLevel: false };
  }
  const parsed = t.schema.safeParse(json);
  if (!parsed.success) {
    return {
      content: JSON.stringify({
        error: `invalid arguments: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ')}`,
      }),
      memberLevel: false,
    };
  }
  const result = await t.run(scope, parsed.data);
  return {
    content: JSON.stringify(presentFacts(result, scope.company.currency)),
    memberLevel: t.memberLevel && scope.memberNames,
  };
}
