// The one entry point the Discord and Slack adapters call: runs a command, a button/select click, an
// autocomplete lookup or the setup modal's Whop key. It resolves the tenant, checks access, runs the
// handler, sets visibility, and maps every error in one place (errors.ts) — adapters only render.
import { accessLevel, findTenant, type Tenant } from '../../core/tenancy/index.ts';
import type { Answer } from '../answer.ts';
import type { ActionRequest, AutocompleteRequest, CommandRequest, SetupKeyRequest } from '../requests.ts';
import { runClick } from './actions/index.ts';
import { errorAnswer, refusalAnswer } from './errors.ts';
import { findCommand } from '../commands/index.ts';
import { setupGuidance } from '../parts/setup-guidance.ts';
import { linkWithWhopKey } from '../parts/setup.service.ts';
import { signInConfigured } from '../../core/linking/whop-oauth.ts';
import type { CommandContext } from '../commands/types.ts';
import type { BotDeps } from '../deps.ts';
import { withUpgradeLinks } from '../parts/upgrade-links.ts';
import { allowed, withVisibility } from './visibility.ts';

export async function runCommand(deps: BotDeps, req: CommandRequest): Promise<Answer> {
  let tenant: Tenant | null = null;
  try {
    const command = findCommand(req.name);
    if (!command) return errorAnswer(deps, new UnknownCommand(req.name), req);
    tenant = await findTenant(deps.db, req.platform, req.workspaceId);
    if (!tenant && command.needsLink !== false)
      return setupGuidance(req.platform, req.actor.isAdmin, signInConfigured(deps.config));
    if (!allowed(accessLevel(tenant?.link ?? null, req.actor), command.access)) return refusalAnswer(command.access);
    const ctx: CommandContext = {
      deps,
      tenant,
      actor: req.actor,
      channelId: req.channelId,
      options: req.options,
      workspaceId: req.workspaceId,
    };
    // A tier limit mentioned in the answer comes with the way to upgrade (upgrade-links.ts).
    return withUpgradeLinks(deps, tenant, withVisibility(await command.handle(ctx), tenant, req.channelId));
  } catch (err) {
    return withUpgradeLinks(deps, tenant, errorAnswer(deps, err, req));
  }
}

export async function runAction(
  deps: BotDeps,
  req: ActionRequest,
): Promise<{ answer: Answer; mode: 'update' | 'reply' }> {
  try {
    return await runClick(deps, req);
  } catch (err) {
    return { answer: errorAnswer(deps, err, req), mode: 'reply' };
  }
}

/** Suggestions while typing; an empty list (never an error) when not linked, not allowed or on failure. */
export async function runAutocomplete(
  deps: BotDeps,
  req: AutocompleteRequest,
): Promise<{ name: string; value: string }[]> {
  try {
    const command = findCommand(req.name);
    if (!command?.autocomplete) return [];
    const tenant = await findTenant(deps.db, req.platform, req.workspaceId);
    if (!tenant && command.needsLink !== false) return [];
    if (!allowed(accessLevel(tenant?.link ?? null, req.actor), command.access)) return [];
    const ctx: CommandContext = {
      deps,
      tenant,
      actor: req.actor,
      channelId: req.channelId,
      options: req.options,
      workspaceId: req.workspaceId,
    };
    return (await command.autocomplete(ctx, req.option, req.typed)).slice(0, 25);
  } catch (err) {
    deps.log.warn(
      { err: err instanceof Error ? err.message : String(err), command: req.name, option: req.option },
      'autocomplete failed',
    );
    return [];
  }
}

/** The setup modal's submission: verifies the Whop key, stores it sealed, links this workspace. Admin only. */
export async function submitSetupKey(deps: BotDeps, req: SetupKeyRequest): Promise<Answer> {
  try {
    if (!req.actor.isAdmin) return refusalAnswer('admin');
    return await linkWithWhopKey(deps, req);
  } catch (err) {
    return errorAnswer(deps, err, {
      platform: req.platform,
      workspaceId: req.workspaceId,
      actor: req.actor,
      name: 'pulse setup',
    });
  }
}

class UnknownCommand extends Error {
  constructor(name: string) {
    super(`unknown command ${JSON.stringify(name)}`);
    this.name = 'UnknownCommand';
  }
}
