// Erasing one member of a company, by Whop user id: every row about them goes (tables with a member_id column,
// read from the schema so a later table is covered), their payments stay as anonymous revenue (the member
// link is cut; company aggregates must not change by erasing a person), and so do the daily rollups, which are
// counts. Also removed: stored webhooks naming them, member report links, activity counted from their Discord
// account, and AI coach conversations that mention them. All in one transaction: all of it or nothing.
import type { Queryable } from '../db/queryable.ts';
import { inTransaction } from '../db/transaction.ts';
import { lockEngagementRollup } from '../engagement/engagement-rollup.ts';

/** Tables with a member_id whose rows are kept with the member link cut (money that was really paid). */
const keptWithoutMember = new Set(['payments']);

/**
 * engagement_daily is keyed (company_id, day, member_id): one member's rows are found by probing each day the
 * company has rows for on that key, where a plain filter on member_id would read every row of the company.
 */
const deleteByDay = new Map([
  [
    'engagement_daily',
    `delete from engagement_daily where company_id = $1 and member_id = $2
     and day = any(array(select d::date from generate_series(
       (select min(day) from engagement_daily where company_id = $1),
       (select max(day) from engagement_daily where company_id = $1), interval '1 day') d))`,
  ],
]);

export interface MemberEraseReport {
  found: boolean;
  /** Rows deleted (or, for kept tables, unlinked) per table. */
  changed: Record<string, number>;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const changedRows = (res: unknown) => (res as { rowCount?: number | null }).rowCount ?? 0;

interface MemberRow extends Record<string, unknown> {
  id: string;
  whop_user_id: string;
  name: string | null;
  username: string | null;
  email: string | null;
  discord_user_id: string | null;
}

/** Mentions worth matching in free text: distinctive enough not to hit unrelated words. */
function mentions(m: MemberRow): string[] {
  return [m.whop_user_id, m.email, m.username, m.name]
    .filter((s): s is string => typeof s === 'string' && s.trim().length >= 3)
    .map((s) => s.trim());
}

const likeEscaped = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function eraseMember(db: Queryable, companyId: number, whopUserId: string): Promise<MemberEraseReport> {
  return inTransaction(db, async (tx) => {
    const { rows } = await tx.query<MemberRow>(
      'select id, whop_user_id, name, username, email, discord_user_id from members where company_id = $1 and whop_user_id = $2 for update',
      [companyId, whopUserId],
    );
    const member = rows[0];
    if (!member) return { found: false, changed: {} };
    // Before any row goes: a rollup running now finishes first, and the next one finds no events of theirs.
    await lockEngagementRollup(tx, companyId);
    const changed: Record<string, number> = {};
    const { rows: tables } = await tx.query<{ table_name: string }>(
      `select c.table_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
       where c.table_schema = current_schema() and c.column_name = 'member_id' and c.table_name <> 'members'
         and exists (select 1 from information_schema.columns k where k.table_schema = c.table_schema and k.table_name = c.table_name and k.column_name = 'company_id')
       order by c.table_name`,
    );
    for (const { table_name: t } of tables) {
      const sql = keptWithoutMember.has(t)
        ? `update ${ident(t)} set member_id = null where company_id = $1 and member_id = $2`
        : (deleteByDay.get(t) ?? `delete from ${ident(t)} where company_id = $1 and member_id = $2`);
      changed[t] = changedRows(await tx.query(sql, [companyId, member.id]));
    }
    if (member.discord_user_id) {
      // Discord messages counted before the author was mapped carry the Discord user id in external_id.
      changed.activity_events =
        (changed.activity_events ?? 0) +
        changedRows(
          await tx.query(
            `delete from activity_events where company_id = $1 and source = 'discord' and external_id like $2`,
            [companyId, `${member.discord_user_id}:%`],
          ),
        );
    }
    changed.report_links = changedRows(
      await tx.query(`delete from report_links where company_id = $1 and params->>'memberId' = $2`, [
        companyId,
        member.id,
      ]),
    );
    changed.webhook_inbox = changedRows(
      await tx.query(
        `delete from webhook_inbox where (company_id = $1 or (company_id is null and whop_company_id = (select whop_company_id from companies where id = $1)))
         and payload::text like $2`,
        [companyId, likeEscaped(`"${member.whop_user_id}"`)],
      ),
    );
    const words = mentions(member).map(likeEscaped);
    changed.coach_conversations =
      words.length === 0
        ? 0
        : changedRows(
            await tx.query(
              `delete from coach_conversations where company_id = $1 and (summary ilike any($2::text[]) or turns::text ilike any($2::text[]))`,
              [companyId, words],
            ),
          );
    changed.members = changedRows(
      await tx.query('delete from members where company_id = $1 and id = $2', [companyId, member.id]),
    );
    return { found: true, changed };
  });
}
