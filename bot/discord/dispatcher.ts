// The one entry for every Discord interaction, from the HTTP endpoint and from the gateway alike: routes
// slash commands, autocomplete, button/select clicks and modal submissions to the platform-neutral
// functions of bot/interactions/dispatch.ts, and answers through the responder (direct or deferred).
import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIInteraction,
  type APIMessageComponentInteraction,
  type REST,
} from 'discord.js';
import { answer, type Answer } from '../answer.ts';
import { parseActionId, SETUP_KEY_ACTION } from '../parts/action-ids.ts';
import { runAction, runAutocomplete, runCommand, submitSetupKey } from '../interactions/dispatch.ts';
import type { ChatRequest } from '../requests.ts';
import { errorAnswer } from '../interactions/errors.ts';
import { commands, findCommand } from '../commands/index.ts';
import type { BotDeps } from '../deps.ts';
import { chatRequestOf } from './actor.ts';
import { InteractionWebhook } from './interaction-webhook.ts';
import { invocationOf } from './invocation.ts';
import { answerMessage } from './render/message.ts';
import { respond, type InteractionOutcome, type Produced, type ResponsePlan } from './responder.ts';
import { setupKeyModal, setupKeySubmission, SETUP_MODAL_ID } from './setup-modal.ts';
import { openReachOut, reachOf, submitReachOut } from '../interactions/actions/reach-out.ts';
import { reachModal, reachSubmission } from './reach-modal.ts';
import { DeferralVisibility } from './deferral-visibility.ts';

export type { InteractionOutcome } from './responder.ts';

export interface DiscordDispatcherOptions {
  deps: BotDeps;
  rest: REST;
  /** How long an answer may take before Pulse acknowledges and follows up (default 80 ms: first response p99 < 100 ms). */
  answerBudgetMs?: number;
  /**
   * Resolves when the answer budget is spent, instead of the `answerBudgetMs` timer: lets a test decide whether
   * an answer is direct or deferred without racing the machine's speed.
   */
  answerDeadline?: () => Promise<void>;
  /** Autocomplete cannot be deferred: suggestions later than this are dropped (default 2,500 ms). */
  autocompleteBudgetMs?: number;
}

const noFollowUp = async () => undefined;

/** Period selects and page buttons answer a slow command again: acknowledge them at once. */
function rerunsSlowCommand(actionId: string): boolean {
  try {
    const kind = parseActionId(actionId).kind;
    return kind === 'period' || kind === 'page';
  } catch {
    return false;
  }
}

const dmAnswer = answer({
  title: 'Pulse works inside a server',
  summary: "Run Pulse's commands in the server it is set up for.",
  tone: 'info',
  visibility: 'ephemeral',
});

const replayAnswer = answer({
  title: 'Already handled',
  tone: 'info',
  visibility: 'ephemeral',
  summary: 'This exact request reached Pulse before and was answered then; it is not run again.',
});

export class DiscordDispatcher {
  readonly deps: BotDeps;
  readonly rest: REST;
  readonly answerBudgetMs: number;
  readonly autocompleteBudgetMs: number;
  private readonly answerDeadline: (() => Promise<void>) | undefined;
  private readonly visibility: DeferralVisibility;

  constructor(opts: DiscordDispatcherOptions) {
    this.deps = opts.deps;
    this.rest = opts.rest;
    this.answerBudgetMs = opts.answerBudgetMs ?? 80;
    this.autocompleteBudgetMs = opts.autocompleteBudgetMs ?? 2_500;
    this.answerDeadline = opts.answerDeadline;
    const declared = Object.fromEntries(commands.flatMap((c) => (c.answers ? [[c.name, c.answers] as const] : [])));
    this.visibility = new DeferralVisibility(opts.deps, {
      ...declared,
      'modal:setup': 'private',
      'modal:reach': 'private',
    });
  }

  /** The answer to an interaction already taken (the same signed request sent again): nothing is run. */
  replayed(): InteractionOutcome {
    return this.direct(replayAnswer);
  }

  /** The first response to give and the follow-up to run after it; never rejects (one error path). */
  async handle(interaction: APIInteraction, opts: { requestId?: string } = {}): Promise<InteractionOutcome> {
    try {
      return await this.route(interaction, opts.requestId);
    } catch (err) {
      const info = {
        platform: 'discord' as const,
        requestId: opts.requestId,
        workspaceId: interaction.guild_id ?? '',
        actor: { userId: interaction.member?.user?.id ?? interaction.user?.id ?? '', isAdmin: false },
      };
      return this.direct(errorAnswer(this.deps, err, info));
    }
  }

  private async route(interaction: APIInteraction, requestId: string | undefined): Promise<InteractionOutcome> {
    if (interaction.type === InteractionType.Ping)
      return { initial: { type: InteractionResponseType.Pong }, finish: noFollowUp };
    const found = chatRequestOf(interaction);
    const req = found && requestId ? { ...found, requestId } : found;
    if (!req) return this.direct(dmAnswer);
    switch (interaction.type) {
      case InteractionType.ApplicationCommand: {
        if (interaction.data.type !== ApplicationCommandType.ChatInput)
          return this.direct(this.unknown('This command'));
        const { name, options } = invocationOf(interaction.data);
        const work = this.safe(
          runCommand(this.deps, { ...req, name, options }).then((a) => ({ answer: a, mode: 'reply' as const })),
          req,
          name,
        );
        return this.respond(interaction, req, work, {
          component: false,
          what: name,
          deferAtOnce: findCommand(name)?.slow === true,
        });
      }
      case InteractionType.ApplicationCommandAutocomplete: {
        const { name, options, focused } = invocationOf(interaction.data);
        const choices = focused
          ? await this.suggestions(
              runAutocomplete(this.deps, { ...req, name, options, option: focused.option, typed: focused.typed }),
            )
          : [];
        return {
          initial: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } },
          finish: noFollowUp,
        };
      }
      case InteractionType.MessageComponent: {
        const actionId = interaction.data.custom_id;
        if (actionId === SETUP_KEY_ACTION) return { initial: setupKeyModal(), finish: noFollowUp };
        const reach = reachOf(actionId);
        if (reach) {
          // A modal must be the first response: the form is built at once (a few indexed reads), never deferred.
          const opened = await openReachOut(
            this.deps,
            req,
            reach.predictionId,
            reach.confirmed,
            `discord:${interaction.id}`,
          );
          return opened.kind === 'form'
            ? { initial: reachModal(opened.form, interaction.id), finish: noFollowUp }
            : this.direct(opened.answer);
        }
        const values = 'values' in interaction.data ? interaction.data.values : undefined;
        const work = this.safe(
          runAction(this.deps, { ...req, actionId, ...(values ? { values } : {}) }),
          req,
          actionId,
        );
        return this.respond(interaction, req, work, {
          component: true,
          what: 'action',
          deferAtOnce: rerunsSlowCommand(actionId),
        });
      }
      case InteractionType.ModalSubmit: {
        const reach = reachSubmission(interaction.data);
        if (reach) {
          const work = this.safe(
            submitReachOut(this.deps, req, reach).then((a) => ({ answer: a, mode: 'reply' as const })),
            req,
            'reach out',
          );
          return this.respond(interaction, req, work, { component: false, what: 'modal:reach', deferAtOnce: false });
        }
        if (interaction.data.custom_id !== SETUP_MODAL_ID) return this.direct(this.unknown('This form'));
        const work = this.safe(
          submitSetupKey(this.deps, { ...req, ...setupKeySubmission(interaction.data) }).then((a) => ({
            answer: a,
            mode: 'reply' as const,
          })),
          req,
          'pulse setup',
        );
        return this.respond(interaction, req, work, { component: false, what: 'modal:setup', deferAtOnce: false });
      }
      // A type Discord added after this code (or one that is not a type at all): answered, not failed.
      default:
        return this.direct(this.unknown('This interaction'));
    }
  }

  private async respond(
    interaction: APIInteraction,
    req: ChatRequest,
    work: Promise<Produced>,
    o: { component: boolean; what: string; deferAtOnce: boolean },
  ): Promise<InteractionOutcome> {
    const message =
      interaction.type === InteractionType.MessageComponent
        ? (interaction as APIMessageComponentInteraction).message
        : undefined;
    const plan: ResponsePlan = {
      component: o.component,
      messageEphemeral: ((message?.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
      // Clicks defer with type 6, which shows nothing: no visibility to choose.
      predictedEphemeral: o.component ? false : await this.visibility.predictEphemeral(req, o.what),
      deferAtOnce: o.deferAtOnce,
    };
    return respond(work, plan, {
      webhook: new InteractionWebhook(this.rest, interaction.application_id, interaction.token),
      budgetMs: this.answerBudgetMs,
      ...(this.answerDeadline ? { deadline: this.answerDeadline } : {}),
      log: this.deps.log,
      failure: (err) => errorAnswer(this.deps, err, { ...req, name: o.what }),
      learned: (a) => {
        if (!o.component) this.visibility.learn(req, o.what, a);
      },
    });
  }

  /** The neutral functions map their own errors; anything escaping them still gets the one error path. */
  private safe(work: Promise<Produced>, req: ChatRequest, name: string): Promise<Produced> {
    return work.catch((err: unknown) => ({
      answer: errorAnswer(this.deps, err, { ...req, name }),
      mode: 'reply' as const,
    }));
  }

  private async suggestions(
    work: Promise<{ name: string; value: string }[]>,
  ): Promise<{ name: string; value: string }[]> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<[]>((resolve) => {
      timer = setTimeout(resolve, this.autocompleteBudgetMs, []);
    });
    try {
      const list = await Promise.race([work.catch(() => []), late]);
      return list
        .slice(0, 25)
        .map((c) => ({ name: c.name.slice(0, 100) || c.value.slice(0, 100), value: c.value.slice(0, 100) }));
    } finally {
      clearTimeout(timer);
    }
  }

  private direct(a: Answer): InteractionOutcome {
    return {
      initial: { type: InteractionResponseType.ChannelMessageWithSource, data: answerMessage(a).body },
      finish: noFollowUp,
    };
  }

  private unknown(what: string): Answer {
    return answer({
      title: `${what} is no longer available`,
      summary: 'Run `/help` to see what Pulse can do.',
      tone: 'info',
      visibility: 'ephemeral',
    });
  }
}
