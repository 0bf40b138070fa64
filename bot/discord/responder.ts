// Deferral: Discord wants a first response within 3 s. The answer is raced against a short budget; a ready
// answer without charts goes out directly (type 4, or 7 to update a clicked message). Otherwise Pulse
// acknowledges at once — type 5 "thinking" (ephemeral when the answer will be) for commands and modals,
// type 6 for clicks — and then renders the charts and edits @original / posts a follow-up with the files.
// Visibility is never widened: an ephemeral answer never replaces a public message's content.
import { InteractionResponseType, MessageFlags, type APIInteractionResponse } from 'discord.js';
import { answer, type Answer } from '../answer.ts';
import type { BotLogger } from '../deps.ts';
import type { InteractionWebhook } from './interaction-webhook.ts';
import { answerMessage, renderAnswer } from './render/message.ts';

export interface Produced {
  answer: Answer;
  mode: 'reply' | 'update';
}

export interface ResponsePlan {
  /** A button/select click: deferral is type 6 and mode 'update' edits the clicked message. */
  component: boolean;
  /** The clicked message is itself ephemeral (only then may an ephemeral answer update it). */
  messageEphemeral: boolean;
  /** Visibility to defer with when the answer is not ready yet. */
  predictedEphemeral: boolean;
  /** Slow commands: acknowledge at once instead of racing the budget. */
  deferAtOnce: boolean;
}

export interface InteractionOutcome {
  /** The HTTP reply (interactions endpoint) or the callback body (gateway). */
  initial: APIInteractionResponse;
  /** Work after the initial response was delivered (render, follow up); never rejects. */
  finish(): Promise<void>;
}

export interface ResponderContext {
  webhook: InteractionWebhook;
  /** How long to wait for an answer before acknowledging. */
  budgetMs: number;
  /** When given, the budget is spent when this resolves (not after `budgetMs`). */
  deadline?: () => Promise<void>;
  log: BotLogger;
  /** The error path's answer (logged with a reference id). */
  failure(err: unknown): Answer;
  /** Told each answer (to predict the visibility of the next deferral). */
  learned?(a: Answer): void;
}

const done = async () => undefined;

/** Resolves with the value if it settles before the budget is spent, else undefined; leaves no timer behind. */
async function within<T>(work: Promise<T>, ms: number, deadline?: () => Promise<void>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = deadline
    ? deadline().then(() => undefined)
    : new Promise<undefined>((resolve) => {
        timer = setTimeout(resolve, ms, undefined);
      });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

const mayUpdate = (p: Produced, plan: ResponsePlan) =>
  plan.component && p.mode === 'update' && (p.answer.visibility === 'public' || plan.messageEphemeral);

function immediate(p: Produced, plan: ResponsePlan): APIInteractionResponse {
  const { body } = answerMessage(p.answer);
  if (mayUpdate(p, plan)) {
    const { flags: _flags, ...data } = body;
    return { type: InteractionResponseType.UpdateMessage, data };
  }
  return { type: InteractionResponseType.ChannelMessageWithSource, data: body };
}

const privateNote = answer({ title: 'Sent to you privately', summary: 'Only you can see this answer.', tone: 'info' });

async function complete(
  work: Promise<Produced>,
  plan: ResponsePlan,
  deferredEphemeral: boolean,
  ctx: ResponderContext,
): Promise<void> {
  const p = await work;
  const message = await renderAnswer(p.answer, (err) =>
    ctx.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'chart not rendered'),
  );
  if (plan.component) {
    await (mayUpdate(p, plan) ? ctx.webhook.editOriginal(message) : ctx.webhook.followUp(message));
  } else if (p.answer.visibility === 'ephemeral' && !deferredEphemeral) {
    // Deferred in public but the answer is private: resolve the public placeholder, then answer privately.
    await ctx.webhook.editOriginal(answerMessage(privateNote));
    await ctx.webhook.followUp(message);
  } else {
    await ctx.webhook.editOriginal(message);
  }
}

async function finishSafely(
  work: Promise<Produced>,
  plan: ResponsePlan,
  deferredEphemeral: boolean,
  ctx: ResponderContext,
): Promise<void> {
  try {
    await complete(work, plan, deferredEphemeral, ctx);
  } catch (err) {
    const fallback = answerMessage(ctx.failure(err));
    try {
      await (plan.component ? ctx.webhook.followUp(fallback) : ctx.webhook.editOriginal(fallback));
    } catch (again) {
      ctx.log.error({ err: again instanceof Error ? again.message : String(again) }, 'discord follow-up failed twice');
    }
  }
}

/** The first response for `work` and the follow-up to run once it is delivered. `work` must not reject. */
export async function respond(
  work: Promise<Produced>,
  plan: ResponsePlan,
  ctx: ResponderContext,
): Promise<InteractionOutcome> {
  void work.then(
    (p) => ctx.learned?.(p.answer),
    () => undefined,
  );
  const ready = plan.deferAtOnce ? undefined : await within(work, ctx.budgetMs, ctx.deadline);
  if (ready && ready.answer.charts.length === 0) return { initial: immediate(ready, plan), finish: done };
  if (plan.component) {
    return {
      initial: { type: InteractionResponseType.DeferredMessageUpdate },
      finish: () => finishSafely(work, plan, false, ctx),
    };
  }
  const ephemeral = ready ? ready.answer.visibility === 'ephemeral' : plan.predictedEphemeral;
  return {
    initial: {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      ...(ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}),
    },
    finish: () => finishSafely(work, plan, ephemeral, ctx),
  };
}
