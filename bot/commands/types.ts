// The contract every command file fulfils (one file per command under bot/commands/, docs/style.md#layering): a
// platform-neutral definition and a handler returning an Answer. bot/discord turns definitions into
// discord.js builders and answers into embeds; bot/slack parses `/pulse <name> …` and renders Block Kit.
import type { Actor, Tenant } from '../../core/tenancy/index.ts';
import type { Answer } from '../answer.ts';
import type { BotDeps } from '../deps.ts';

export type OptionValue = string | number | boolean;

export interface CommandOption {
  name: string;
  description: string;
  /**
   * `channel` / `role`: Discord's channel and role pickers (the value is the id, as a string); Slack passes the
   * typed text (`<#C123|name>`, `<!subteam^S123|@team>`, `<@U123>` or a bare id) as a string, and the handler
   * reads the id from it.
   */
  type: 'string' | 'integer' | 'boolean' | 'channel' | 'role';
  required?: boolean;
  choices?: { name: string; value: string | number }[];
  /** Values are looked up as the user types (Discord autocomplete; Slack: free text matched by the handler). */
  autocomplete?: boolean;
  /** One word, never free text running over several (Slack's positional parsing): a kind, a code, an id. */
  oneWord?: boolean;
  min?: number;
  max?: number;
}

/** Who may run it: `admin` (Manage Server / workspace admin), `granted` (admins and the roles the creator allowed). */
export type CommandAccess = 'admin' | 'granted';

export interface CommandContext {
  deps: BotDeps;
  /** Null only for commands with `needsLink: false` (setup, help) in a workspace not linked yet. */
  tenant: Tenant | null;
  actor: Actor;
  /** Where it was asked (decides visibility of member-level answers: staff channel or ephemeral). */
  channelId: string | null;
  options: Record<string, OptionValue | undefined>;
  /** Guild id (Discord) or team id (Slack) asked from (setup binds a link request to it). */
  workspaceId?: string;
}

export interface Command {
  /** `revenue`, or a path for subcommands: `report link`, `report revoke`, `pulse setup`, `pulse status`. */
  name: string;
  description: string;
  options: CommandOption[];
  access: CommandAccess;
  /** False for setup/help, which must answer in a workspace that is not linked yet. Default true. */
  needsLink?: boolean;
  /**
   * What its answer usually is: `member` (names members: private except in the staff channel), `private`
   * (help, setup, links) or `public`. Lets Discord defer with the right visibility before the answer exists.
   */
  answers?: 'member' | 'private' | 'public';
  /** Usually slower than Discord's 3 s: adapters defer at once instead of racing the deadline. */
  slow?: boolean;
  handle(ctx: CommandContext): Promise<Answer>;
  /** Suggestions for an option being typed (content items, members). */
  autocomplete?(ctx: CommandContext, option: string, typed: string): Promise<{ name: string; value: string }[]>;
}
