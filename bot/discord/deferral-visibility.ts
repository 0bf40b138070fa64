// Which visibility to defer with before an answer exists (Discord fixes it with the first response). Each
// command's kind is declared by the command (`answers`) and refined from the answers admins get — member-level (private except in the staff
// channel), private (help, setup, report links) or public — and the staff channel is read from the guild's
// link (cached briefly) when it matters. A wrong guess costs a short public note followed by the private
// answer (responder.ts); the bias is towards public, so an answer meant for the channel is never hidden.
import type { Answer } from '../answer.ts';
import type { ChatRequest } from '../requests.ts';
import type { BotDeps } from '../deps.ts';
import { findWorkspaceLink } from '../../core/tenancy/index.ts';

type Kind = 'member' | 'private' | 'public';

const STAFF_TTL_MS = 30_000;
/** The lookup is on the path of the first response: past this, assume "not the staff channel" (private). */
const STAFF_LOOKUP_MS = 150;

export class DeferralVisibility {
  private readonly deps: BotDeps;
  private readonly kinds = new Map<string, Kind>();
  private readonly staff = new Map<string, { channelId: string | null; until: number }>();

  constructor(deps: BotDeps, defaults: Record<string, Kind> = {}) {
    this.deps = deps;
    for (const [what, kind] of Object.entries(defaults)) this.kinds.set(what, kind);
  }

  private async staffChannel(guildId: string): Promise<string | null> {
    const cached = this.staff.get(guildId);
    if (cached && cached.until > Date.now()) return cached.channelId;
    const link = await findWorkspaceLink(this.deps.db, 'discord', guildId);
    if (this.staff.size > 10_000) this.staff.clear();
    this.staff.set(guildId, { channelId: link?.staffChannelId ?? null, until: Date.now() + STAFF_TTL_MS });
    return link?.staffChannelId ?? null;
  }

  /** True when the answer to `what` will most likely be ephemeral here. */
  async predictEphemeral(req: ChatRequest, what: string): Promise<boolean> {
    const kind = this.kinds.get(what);
    if (kind === 'private') return true;
    if (kind !== 'member') return false;
    if (req.channelId === null) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, STAFF_LOOKUP_MS, undefined);
    });
    try {
      const staff = await Promise.race([this.staffChannel(req.workspaceId), late]);
      return staff === undefined || staff !== req.channelId;
    } catch {
      return true;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Learns from an admin's answer (ordinary members' refusals say nothing about the command). */
  learn(req: ChatRequest, what: string, a: Answer): void {
    if (!req.actor.isAdmin || a.reference) return;
    this.kinds.set(what, a.memberLevel ? 'member' : a.visibility === 'ephemeral' ? 'private' : 'public');
  }
}
