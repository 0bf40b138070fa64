// `/ask <question>`: the AI coach's answer grounded in this company's numbers (core/coach, through
// deps.coach). People who may use Pulse may see member names; an answer naming members is member-level.
import { actorRef } from '../../core/tenancy/index.ts';
import { BadInput } from '../../core/errors.ts';
import { answer, data, prose } from '../answer.ts';
import { commandMentionsToRefs, commandRef } from '../command-ref.ts';
import { stringOption, tenantOf } from '../parts/context.ts';
import { dataFreshness } from '../parts/freshness.ts';
import type { Command } from './types.ts';

const MAX_QUESTION = 1000;

export const askCommand: Command = {
  name: 'ask',
  description: 'Ask the AI coach about your numbers',
  options: [
    { name: 'question', description: 'e.g. "Why is my revenue down this month?"', type: 'string', required: true },
  ],
  access: 'granted',
  slow: true,
  async handle(ctx) {
    const tenant = tenantOf(ctx);
    const question = stringOption(ctx, 'question');
    if (!question) throw new BadInput('Ask a question, e.g. "How can I reduce churn?"');
    if (question.length > MAX_QUESTION) throw new BadInput(`Keep the question under ${MAX_QUESTION} characters.`);
    const coach = ctx.deps.coach;
    if (!coach) {
      return answer({
        title: 'The coach is not configured',
        summary: `This Pulse install has no AI coach yet. The numbers are all in ${commandRef('revenue')}, ${commandRef('engagement')}, ${commandRef('churn')} and ${commandRef('content')}.`,
        tone: 'info',
        visibility: 'ephemeral',
      });
    }
    // The same instant as the other commands' figures (the rollup's own, when fresh): the coach's numbers
    // agree with /revenue's, and a question never rebuilds the rollup (seconds at 100,000 members).
    const { asOf } = await dataFreshness(ctx.deps.db, tenant.company.id, ctx.deps.now());
    const reply = await coach.ask({
      companyId: tenant.company.id,
      workspaceLinkId: tenant.link.id,
      userRef: actorRef(ctx.actor),
      question,
      asOf,
      channelId: ctx.channelId,
      memberNames: true,
    });
    return answer({
      title: data(question, 200),
      // The coach's words may quote member names or be steered by them: no link, mention or markup of theirs.
      // Commands it names (`/churn`) are spelled for the platform it is read on.
      summary: commandMentionsToRefs(prose(reply.text, 3500)),
      tone: 'info',
      memberLevel: reply.memberLevel ?? true,
      footer: { model: `answered by ${reply.answeredBy}` },
    });
  },
};
