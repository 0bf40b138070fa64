// Who may run what, and where an answer may be seen: the dispatcher's and the action router's shared rules.
import { visibilityFor, type AccessLevel, type Tenant } from '../../core/tenancy/index.ts';
import type { Answer } from '../answer.ts';
import type { CommandAccess } from '../commands/types.ts';

/** Whether someone at `level` may run something needing `required`. */
export function allowed(level: AccessLevel, required: CommandAccess): boolean {
  return required === 'admin' ? level === 'admin' : level !== 'none';
}

/** Sets visibility from the answer's member-level flag; never widens an answer a handler made ephemeral. */
export function withVisibility(a: Answer, tenant: Tenant | null, channelId: string | null): Answer {
  if (a.visibility === 'ephemeral') return a;
  const visibility = tenant
    ? visibilityFor(tenant.link, channelId, a.memberLevel)
    : a.memberLevel
      ? 'ephemeral'
      : 'public';
  return { ...a, visibility };
}
