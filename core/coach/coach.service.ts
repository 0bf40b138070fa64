// The AI coach behind /ask: checks the per-user rate limit and the tier's monthly quota, answers from the
// company's own figures — with the configured model (any OpenAI-compatible endpoint) or, with no key or when
// the model fails, the offline analyst — and remembers the turn (last 5 + a summary) and the tokens spent.
import OpenAI from 'openai';
import type pg from 'pg';
import type { Config } from '../config.ts';
import { BadInput } from '../errors.ts';
import { addMonths, localDay } from '../period.ts';
import { companyById } from '../companies/company.repository.ts';
import { buildCoachContext, type CoachScope } from './coach-context.ts';
import { presentFacts } from './coach-format.ts';
import {
  CoachRateLimited,
  MAX_QUESTION_LENGTH,
  QUESTIONS_PER_MONTH,
  quotaExhausted,
  USER_RATE_LIMIT,
} from './coach-limits.ts';
import type { CoachMemory } from './conversation-memory.ts';
import { admitQuestion, loadMemory, saveTurn, withUserLock, type ConversationKey } from './conversation.repository.ts';
import { askModel, ModelFailure, type ModelSettings } from './model-answerer.ts';
import { modelMessages } from './model-prompt.ts';
import { offlineAnswer } from './offline-analyst.ts';
import { addTokens, releaseQuestion, reserveQuestion, usageMonth } from './usage.repository.ts';

export interface CoachLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface CoachDeps {
  db: pg.Pool;
  config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_MODEL'>;
  now: () => Date;
  log: CoachLogger;
  /** Overall model deadline per question (default 20 s). */
  modelTimeoutMs?: number;
  /** Model requests per question at most (default 4). */
  maxRounds?: number;
}

export interface CoachQuestion {
  companyId: number;
  workspaceLinkId: number | null;
  userRef: string;
  question: string;
  asOf: Date;
  /** The channel asked in; conversations are kept per channel when given. */
  channelId?: string | null;
  /** The asker may see member-level data (names): admins. Default false: names are left out. */
  memberNames?: boolean;
}

export interface CoachReply {
  text: string;
  /** 'model <name>' or 'offline analyst'. */
  answeredBy: string;
  tokens: number;
  /** Member names are in the answer: show it only ephemerally or in the staff channel. */
  memberLevel: boolean;
}

export interface PulseCoach {
  ask(input: CoachQuestion): Promise<CoachReply>;
}

const OFFLINE = 'offline analyst';
/** Longest answer kept and returned (chat embeds take 4,096 characters). */
const MAX_ANSWER_LENGTH = 3_000;

const clipAnswer = (text: string) =>
  text.length > MAX_ANSWER_LENGTH ? `${text.slice(0, MAX_ANSWER_LENGTH - 1)}…` : text;

function modelSettings(deps: CoachDeps): ModelSettings | null {
  const apiKey = deps.config.OPENAI_API_KEY;
  if (!apiKey) return null;
  // maxRetries 1: one quick retry of a 429/5xx, still inside the overall deadline.
  const client = new OpenAI({
    apiKey,
    baseURL: deps.config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    maxRetries: 1,
  });
  return {
    client,
    model: deps.config.OPENAI_MODEL,
    timeoutMs: deps.modelTimeoutMs ?? 20_000,
    maxRounds: deps.maxRounds ?? 4,
  };
}

function checkQuestion(input: CoachQuestion): string {
  const question = input.question.trim();
  if (question === '')
    throw new BadInput('Ask a question about your numbers, e.g. "Why is my revenue down this month?"');
  if (question.length > MAX_QUESTION_LENGTH)
    throw new BadInput(`Questions can be at most ${MAX_QUESTION_LENGTH} characters; yours has ${question.length}.`);
  if (!(input.asOf instanceof Date) || Number.isNaN(input.asOf.getTime()))
    throw new BadInput('asOf must be a valid instant');
  return question;
}

export function createCoach(deps: CoachDeps): PulseCoach {
  const model = modelSettings(deps);

  async function answer(scope: CoachScope, question: string, memory: CoachMemory, today: string): Promise<CoachReply> {
    let lead = `_Offline analyst: no AI model is set up, so Pulse's built-in analyst answered from your numbers._`;
    let tokens = 0;
    if (model) {
      // Built outside the model's try: a database failure is not the model's, and is not hidden by a fallback.
      const context = await buildCoachContext(scope);
      const overview = JSON.stringify(
        presentFacts({ ...context, earlierConversation: memory.summary || null }, scope.company.currency),
      );
      try {
        const reply = await askModel(model, scope, modelMessages({ today, memory, question, overview }));
        const named = scope.memberNames && context.risks.members.length > 0;
        return {
          text: clipAnswer(reply.text),
          answeredBy: `model ${model.model}`,
          tokens: reply.tokens,
          memberLevel: reply.memberLevel || named,
        };
      } catch (err) {
        const failure = err instanceof ModelFailure ? err : new ModelFailure('no usable answer', 0, err);
        tokens = failure.tokens;
        deps.log.warn(
          { companyId: scope.company.id, model: model.model, reason: failure.reason },
          'coach model failed; the offline analyst answered',
        );
        lead = `_Offline analyst: the AI model (${model.model}) did not answer (${failure.reason}), so Pulse's built-in analyst answered from your numbers._`;
      }
    }
    const offline = await offlineAnswer(scope, question);
    return { text: `${lead}\n\n${offline.text}`, answeredBy: OFFLINE, tokens, memberLevel: offline.memberLevel };
  }

  return {
    async ask(input) {
      const question = checkQuestion(input);
      const company = await companyById(deps.db, input.companyId);
      const key: ConversationKey = {
        companyId: company.id,
        workspaceLinkId: input.workspaceLinkId,
        userRef: input.userRef,
        channelRef: input.channelId ?? '',
      };
      const askedAt = deps.now();
      const month = usageMonth(askedAt, company.timeZone);
      const limit = QUESTIONS_PER_MONTH[company.tier];
      await withUserLock(deps.db, key, async (tx) => {
        const waitMs = await admitQuestion(tx, key, askedAt, USER_RATE_LIMIT);
        if (waitMs !== null) throw new CoachRateLimited(Math.max(1, Math.ceil(waitMs / 1000)));
        if ((await reserveQuestion(tx, company.id, month, limit)) === null)
          throw quotaExhausted(company.tier, limit ?? 0, addMonths(month, 1));
      });
      const scope: CoachScope = { db: deps.db, company, asOf: input.asOf, memberNames: input.memberNames === true };
      let reply: CoachReply;
      try {
        const memory = await loadMemory(deps.db, key);
        reply = await answer(scope, question, memory, localDay(input.asOf, company.timeZone));
      } catch (err) {
        await releaseQuestion(deps.db, company.id, month).catch(() => undefined);
        throw err;
      }
      const answeredAt = deps.now();
      await withUserLock(deps.db, key, async (tx) => {
        await saveTurn(
          tx,
          key,
          { at: answeredAt.toISOString(), question, answer: reply.text, answeredBy: reply.answeredBy },
          answeredAt,
        );
        await addTokens(tx, company.id, month, reply.tokens);
      });
      return reply;
    },
  };
}
