// The model loop: chat.completions with the coach's tools on any OpenAI-compatible endpoint, running the
// tool calls against the asking company and feeding the results back, for a few rounds at most, under one
// overall deadline. Any failure (HTTP error, timeout, no answer) is a ModelFailure carrying the tokens spent.
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CoachScope } from './coach-context.ts';
import { runCoachTool, toolDefinitions } from './coach-tools.ts';

/** Tool calls run per model turn; any more are answered with an error. */
const MAX_CALLS_PER_ROUND = 6;

export interface ModelSettings {
  client: OpenAI;
  model: string;
  /** Overall deadline for the whole exchange. */
  timeoutMs: number;
  /** Requests to the model at most (the last one may not call tools). */
  maxRounds: number;
}

export interface ModelAnswer {
  text: string;
  tokens: number;
  memberLevel: boolean;
}

export class ModelFailure extends Error {
  readonly tokens: number;
  /** Short reason for the answer's lead-in and the log: 'timed out', 'HTTP 500', ... */
  readonly reason: string;
  constructor(reason: string, tokens: number, cause?: unknown) {
    super(`model failed: ${reason}`, { cause });
    this.name = 'ModelFailure';
    this.reason = reason;
    this.tokens = tokens;
  }
}

function reasonOf(err: unknown, timedOut: boolean): string {
  if (timedOut) return 'timed out';
  const e = err as { status?: unknown; name?: unknown };
  if (typeof e?.status === 'number') return `HTTP ${e.status}`;
  return typeof e?.name === 'string' && e.name !== 'Error' ? e.name : 'no usable answer';
}

export async function askModel(
  settings: ModelSettings,
  scope: CoachScope,
  messages: ChatCompletionMessageParam[],
): Promise<ModelAnswer> {
  const controller = new AbortController();
  const deadline = Date.now() + settings.timeoutMs;
  const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
  const tools = toolDefinitions();
  let tokens = 0;
  let memberLevel = false;
  try {
    for (let round = 0; round < settings.maxRounds; round++) {
      const last = round === settings.maxRounds - 1;
      const res = await settings.client.chat.completions.create(
        { model: settings.model, messages, tools, tool_choice: last ? 'none' : 'auto' },
        { signal: controller.signal, timeout: Math.max(1, deadline - Date.now()) },
      );
      tokens += res.usage?.total_tokens ?? 0;
      const message = res.choices[0]?.message;
      if (!message) throw new Error('no choice in the response');
      const calls = (message.tool_calls ?? []).filter((c) => c.type === 'function');
      if (calls.length > 0 && !last) {
        messages.push({ role: 'assistant', content: message.content ?? null, tool_calls: calls });
        for (const [i, call] of calls.entries()) {
          const outcome =
            i < MAX_CALLS_PER_ROUND
              ? await runCoachTool(scope, call.function.name, call.function.arguments)
              : {
                  content: JSON.stringify({ error: `at most ${MAX_CALLS_PER_ROUND} tool calls at a time` }),
                  memberLevel: false,
                };
          memberLevel ||= outcome.memberLevel;
          messages.push({ role: 'tool', tool_call_id: call.id, content: outcome.content });
        }
        continue;
      }
      const text = message.content?.trim() ?? '';
      if (text === '') throw new Error('empty answer');
      return { text, tokens, memberLevel };
    }
    throw new Error(`no answer after ${settings.maxRounds} rounds`);
  } catch (err) {
    throw new ModelFailure(reasonOf(err, controller.signal.aborted || Date.now() >= deadline), tokens, err);
  } finally {
    clearTimeout(timer);
  }
}
