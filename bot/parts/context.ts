// Small helpers handlers share for reading their context.
import { NotLinked } from '../../core/errors.ts';
import { data } from '../markup.ts';
import type { Tenant } from '../../core/tenancy/index.ts';
import type { CommandContext } from '../commands/types.ts';

/** The tenant of a command that needs a linked workspace (the dispatcher checked; NotLinked otherwise). */
export function tenantOf(ctx: Pick<CommandContext, 'tenant'>): Tenant {
  if (!ctx.tenant) throw new NotLinked('this workspace is not linked to a Whop company yet');
  return ctx.tenant;
}

/** A string option, trimmed; undefined when absent or empty. */
export function stringOption(ctx: Pick<CommandContext, 'options'>, name: string): string | undefined {
  const v = ctx.options[name];
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/** A member's display name as answer text (data(): escaped, bounded): name, else @username, else a neutral label. */
export function memberName(m: { name: string | null; username: string | null }): string {
  const name = m.name?.trim();
  return name ? data(name) : m.username ? `@${data(m.username)}` : 'unnamed member';
}
