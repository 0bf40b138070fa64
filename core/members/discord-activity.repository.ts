// Discord messages counted as activity (bot/discord/activity-capture.ts decides what counts): the batched insert
// into activity_events, mapping authors to members by username, and attaching earlier messages once a member's
// Discord id is known. Every statement is scoped by company_id.
import type { Pool } from 'pg';
import { inTransaction } from '../db/transaction.ts';
import type { Queryable } from '../db/queryable.ts';
import { NotFound } from '../errors.ts';

export interface DiscordMessage {
  companyId: number;
  userId: string;
  username: string;
  at: Date;
  externalId: string;
}

/** Inserts one activity row per message (member attached when the author is mapped); returns the rows inserted. */
export async function insertDiscordMessages(db: Queryable, batch: readonly DiscordMessage[]): Promise<number> {
  const res = await db.query(
    `insert into activity_events (company_id, member_id, kind, source, occurred_at, external_id)
     select q.company_id, m.id, 'message', 'discord', q.at, q.external_id
     from unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[]) as q(company_id, user_id, at, external_id)
     left join members m on m.company_id = q.company_id and m.discord_user_id = q.user_id
     on conflict (company_id, source, external_id, occurred_at) where external_id is not null do nothing`,
    [batch.map((p) => p.companyId), batch.map((p) => p.userId), batch.map((p) => p.at), batch.map((p) => p.externalId)],
  );
  return res.rowCount ?? 0;
}

/** Maps unmapped authors to the one member of their company whose Whop username is their Discord username. */
export async function mapAuthorsByUsername(db: Queryable, batch: readonly DiscordMessage[]): Promise<void> {
  await db.query(
    `with q as (select distinct company_id, user_id, lower(username) as uname
                from unnest($1::bigint[], $2::text[], $3::text[]) as q(company_id, user_id, username)),
     candidates as (
       select q.company_id, q.user_id, min(m.id) as member_id, count(*) as n
       from q join members m on m.company_id = q.company_id and lower(m.username) = q.uname
       where not exists (select 1 from members x where x.company_id = q.company_id and x.discord_user_id = q.user_id)
       group by q.company_id, q.user_id)
     update members m set discord_user_id = c.user_id
     from candidates c where c.n = 1 and m.id = c.member_id and m.discord_user_id is null`,
    [batch.map((p) => p.companyId), batch.map((p) => p.userId), batch.map((p) => p.username)],
  );
}

/**
 * Records that `memberId` is Discord user `discordUserId` (in this company only) and attaches the messages
 * counted before the mapping was known. Returns how many earlier messages were attached.
 */
export async function mapDiscordUser(
  db: Pool,
  companyId: number,
  memberId: number,
  discordUserId: string,
): Promise<number> {
  return inTransaction(db, async (client) => {
    await client.query(
      'update members set discord_user_id = null where company_id = $1 and discord_user_id = $2 and id <> $3',
      [companyId, discordUserId, memberId],
    );
    const updated = await client.query('update members set discord_user_id = $3 where company_id = $1 and id = $2', [
      companyId,
      memberId,
      discordUserId,
    ]);
    if (updated.rowCount !== 1) throw new NotFound(`member ${memberId} is not in company ${companyId}`);
    const attached = await client.query(
      `update activity_events set member_id = $2
       where company_id = $1 and source = 'discord' and member_id is null and left(external_id, length($3) + 1) = $3 || ':'`,
      [companyId, memberId, discordUserId],
    );
    return attached.rowCount ?? 0;
  });
}
