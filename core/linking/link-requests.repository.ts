// link_requests rows: one per /pulse setup in an unlinked workspace. Each step of the link page moves the
// row on with a single guarded statement (unused and unexpired, else nothing happens), so a replayed or late
// request finds nothing to act on.
import type { Queryable } from '../db/queryable.ts';
import type { ChatPlatform } from '../tenancy/index.ts';

export interface LinkRequestRow {
  id: string;
  platform: ChatPlatform;
  externalId: string;
  requestedBy: string;
  /** The channel /pulse setup was run in (null from a DM or when the platform did not say). */
  channelId: string | null;
  browserHash: string | null;
  whopUserId: string | null;
  companyId: number | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

interface Raw extends Record<string, unknown> {
  id: string;
  platform: ChatPlatform;
  external_id: string;
  requested_by: string;
  channel_id: string | null;
  browser_hash: string | null;
  whop_user_id: string | null;
  company_id: string | null;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

const columns =
  'id, platform, external_id, requested_by, channel_id, browser_hash, whop_user_id, company_id, created_at, expires_at, used_at';
/** Rows kept this long past their expiry (for a look at what happened), then pruned. */
const KEEP_EXPIRED = '1 day';

function toRow(r: Raw): LinkRequestRow {
  return {
    id: r.id,
    platform: r.platform,
    externalId: r.external_id,
    requestedBy: r.requested_by,
    channelId: r.channel_id,
    browserHash: r.browser_hash,
    whopUserId: r.whop_user_id,
    companyId: r.company_id === null ? null : Number(r.company_id),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
  };
}

export async function insertLinkRequest(
  db: Queryable,
  input: {
    id: string;
    platform: ChatPlatform;
    externalId: string;
    requestedBy: string;
    channelId?: string | null;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<LinkRequestRow> {
  await db.query(`delete from link_requests where expires_at < $1::timestamptz - interval '${KEEP_EXPIRED}'`, [
    input.createdAt,
  ]);
  const { rows } = await db.query<Raw>(
    `insert into link_requests (id, platform, external_id, requested_by, channel_id, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning ${columns}`,
    [
      input.id,
      input.platform,
      input.externalId,
      input.requestedBy,
      input.channelId ?? null,
      input.createdAt,
      input.expiresAt,
    ],
  );
  return toRow(rows[0]!);
}

export async function findLinkRequest(db: Queryable, id: string): Promise<LinkRequestRow | null> {
  const { rows } = await db.query<Raw>(`select ${columns} from link_requests where id = $1::uuid`, [id]);
  return rows[0] ? toRow(rows[0]) : null;
}

const live = 'used_at is null and expires_at > $2';

/** Sign-in starts: a fresh PKCE verifier and the browser it started in (a restart replaces both). */
export async function startLinkSignIn(
  db: Queryable,
  id: string,
  now: Date,
  codeVerifier: string,
  browserHash: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `update link_requests set code_verifier = $3, browser_hash = $4, whop_user_id = null
     where id = $1::uuid and ${live} returning id`,
    [id, now, codeVerifier, browserHash],
  );
  return rows.length === 1;
}

/** The verifier, handed out once (cleared in the same statement) to the browser that started sign-in. */
export async function takeCodeVerifier(
  db: Queryable,
  id: string,
  now: Date,
  browserHash: string,
): Promise<string | null> {
  const { rows } = await db.query<{ code_verifier: string }>(
    `update link_requests r set code_verifier = null
     from (select id, code_verifier from link_requests where id = $1::uuid for update) old
     where r.id = old.id and r.used_at is null and r.expires_at > $2 and r.code_verifier is not null and r.browser_hash = $3
     returning old.code_verifier`,
    [id, now, browserHash],
  );
  return rows[0]?.code_verifier ?? null;
}

export async function setLinkWhopUser(db: Queryable, id: string, now: Date, whopUserId: string): Promise<boolean> {
  const { rows } = await db.query(
    `update link_requests set whop_user_id = $3 where id = $1::uuid and ${live} returning id`,
    [id, now, whopUserId],
  );
  return rows.length === 1;
}

/** Marks the request used with the company bound; false when it was used (or expired) meanwhile. */
export async function markLinkRequestUsed(db: Queryable, id: string, now: Date, companyId: number): Promise<boolean> {
  const { rows } = await db.query(
    `update link_requests set used_at = $2, company_id = $3, code_verifier = null where id = $1::uuid and ${live} returning id`,
    [id, now, companyId],
  );
  return rows.length === 1;
}
