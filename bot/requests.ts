// What an adapter hands the dispatcher (bot/interactions/dispatch.ts): who asked, where, and what — a command
// with its options, a button or select click, an autocomplete lookup or the setup form's Whop key. Plain data,
// the same for Discord and Slack, so the adapters, the dispatcher and the handlers agree on one shape.
import type { Actor } from '../core/tenancy/index.ts';
import type { OptionValue } from './commands/types.ts';

export interface ChatRequest {
  platform: 'discord' | 'slack';
  /** The HTTP request's id (x-request-id) when it came over HTTP: error answers show it as their reference. */
  requestId?: string;
  /** Guild id (Discord) or team id (Slack). */
  workspaceId: string;
  actor: Actor;
  channelId: string | null;
}

export type CommandRequest = ChatRequest & { name: string; options: Record<string, OptionValue | undefined> };
export type ActionRequest = ChatRequest & { actionId: string; values?: string[] };
export type AutocompleteRequest = ChatRequest & {
  name: string;
  option: string;
  typed: string;
  options: Record<string, OptionValue | undefined>;
};
export type SetupKeyRequest = ChatRequest & { whopApiKey: string; whopCompanyId?: string };
