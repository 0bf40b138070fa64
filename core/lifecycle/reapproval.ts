// Whop refusing a read for a permission the creator has not approved (403, or `insufficient_scope`): retrying
// the same call cannot succeed, so the company is marked as needing re-approval and its syncs stop until the
// next install event (the creator approved again) or an operator clears it. The reason is Whop's message,
// bounded: it is shown to operators and admins.
import { APIError } from '@whop/sdk';
import type { Queryable } from '../db/queryable.ts';

function errorType(err: APIError): string | undefined {
  const body = err.error as { error?: { type?: unknown }; type?: unknown } | undefined;
  const type = body?.error?.type ?? body?.type;
  return typeof type === 'string' ? type : undefined;
}

/** True for Whop's "you may not read this" answers: 403, or any answer typed insufficient_scope. */
export function isPermissionRefusal(err: unknown): err is APIError {
  if (!(err instanceof APIError)) return false;
  return err.status === 403 || errorType(err) === 'insufficient_scope';
}

/** What to show: the refused operation and Whop's own words, one line, at most 300 characters. */
export function refusalReason(err: APIError, operation?: string): string {
  const body = err.error as { error?: { message?: unknown }; message?: unknown } | undefined;
  const said = body?.error?.message ?? body?.message;
  const message = typeof said === 'string' ? said : err.message;
  const text = `${operation ? `${operation}: ` : ''}${errorType(err) ?? `HTTP ${err.status}`} - ${message}`;
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

export async function markNeedsReapproval(db: Queryable, companyId: number, reason: string, at: Date): Promise<void> {
  await db.query(
    `update companies set needs_reapproval_at = coalesce(needs_reapproval_at, $2), needs_reapproval_reason = $3, updated_at = now() where id = $1`,
    [companyId, at, reason.slice(0, 300)],
  );
}

/** Clears a re-approval wait (an operator after fixing it; an install event clears it by itself). True when one was set. */
export async function clearReapproval(db: Queryable, companyId: number): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(
    `update companies set needs_reapproval_at = null, needs_reapproval_reason = null, updated_at = now()
     where id = $1 and needs_reapproval_at is not null returning id`,
    [companyId],
  );
  return rows.length > 0;
}
