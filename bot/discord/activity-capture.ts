// Opt-in activity capture (gateway mode): each message a person posts in a linked guild whose creator
// turned capture on becomes one activity_events row (kind 'message', source 'discord') — a count, never the
// content (Pulse does not even request the Message Content intent). external_id `<user id>:<message id>`
// makes replays idempotent and keeps the author's Discord id, so messages counted before the author is
// mapped to a Whop member (members.discord_user_id) can be attached later (mapDiscordUser). Whop's v1 API does
// not expose members' connected Discord accounts, so an author not mapped yet is mapped by username: a Discord
// username equal (case-insensitive) to exactly one member's Whop username in that company, neither side mapped
// to anyone else; anything ambiguous stays unmapped (counted, attached once known). Rows are buffered and
// written in batches; the guild's link is cached for a minute.
import type pg from 'pg';
import { MessageType, type GatewayMessageCreateDispatchData } from 'discord.js';
import { NotFound } from '../../core/errors.ts';
import { findWorkspaceLink } from '../../core/tenancy/index.ts';
import type { BotLogger } from '../deps.ts';

interface Pending { companyId: number; userId: string; username: string; at: Date; externalId: string }

export interface ActivityRecorderOptions {
  flushMs?: number;
  maxBatch?: number;
  linkTtlMs?: number;
  now?: () => number;
}

const counted = new Set<MessageType>([MessageType.Default, MessageType.Reply]);

export class DiscordActivityRecorder {
  private readonly db: pg.Pool;
  private readonly log: BotLogger;
  private readonly opts: Required<ActivityRecorderOptions>;
  private readonly links = new Map<string, { companyId: number | null; until: number }>();
  private queue: Pending[] = [];
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<number> = Promise.resolve(0);

  constructor(db: pg.Pool, log: BotLogger, opts: ActivityRecorderOptions = {}) {
    this.db = db;
    this.log = log;
    this.opts = { flushMs: 2_000, maxBatch: 500, linkTtlMs: 60_000, now: () => Date.now(), ...opts };
    this.timer = setInterval(() => void this.flush(), this.opts.flushMs);
    this.timer.unref();
  }

  /** The company counting this guild's messages, or null (not linked, or capture off). */
  private async captureCompany(guildId: string): Promise<number | null> {
    const cached = this.links.get(guildId);
    if (cached && cached.until > this.opts.now()) return cached.companyId;
    const link = await findWorkspaceLink(this.db, 'discord', guildId);
    const companyId = link?.captureActivity ? link.companyId : null;
    this.links.set(guildId, { companyId, until: this.opts.now() + this.opts.linkTtlMs });
    return companyId;
  }

  /** Counts one gateway MESSAGE_CREATE if it is a person's message in a capturing guild. */
  async record(m: GatewayMessageCreateDispatchData): Promise<boolean> {
    if (!m.guild_id || m.author.bot || m.author.system || m.webhook_id || !counted.has(m.type)) return false;
    const companyId = await this.captureCompany(m.guild_id);
    if (companyId === null) return false;
    this.queue.push({ companyId, userId: m.author.id, username: m.author.username, at: new Date(m.timestamp), externalId: `${m.author.id}:${m.id}` });
    if (this.queue.length >= this.opts.maxBatch) void this.flush();
    return true;
  }

  /** Writes what is queued; returns the rows inserted (replays insert nothing). */
  flush(): Promise<number> {
    this.flushing = this.flushing.then(() => this.write(), () => this.write());
    return this.flushing;
  }

  private async write(): Promise<number> {
    const batch = this.queue;
    if (batch.length === 0) return 0;
    this.queue = [];
    try {
      await this.mapByUsername(batch);
      const { rowCount } = await this.db.query(
        `insert into activity_events (company_id, member_id, kind, source, occurred_at, external_id)
         select q.company_id, m.id, 'message', 'discord', q.at, q.external_id
         from unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[]) as q(company_id, user_id, at, external_id)
         left join members m on m.company_id = q.company_id and m.discord_user_id = q.user_id
         on conflict (company_id, source, external_id, occurred_at) where external_id is not null do nothing`,
        [batch.map((p) => p.companyId), batch.map((p) => p.userId), batch.map((p) => p.at), batch.map((p) => p.externalId)]);
      return rowCount ?? 0;
    } catch (err) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err), rows: batch.length }, 'discord activity not recorded');
      return 0;
    }
  }

  /** Maps unmapped authors to the one member of their company whose Whop username is their Discord username. */
  private async mapByUsername(batch: Pending[]): Promise<void> {
    await this.db.query(
      `with q as (select distinct company_id, user_id, lower(username) as uname
                  from unnest($1::bigint[], $2::text[], $3::text[]) as q(company_id, user_id, username)),
       candidates as (
         select q.company_id, q.user_id, min(m.id) as member_id, count(*) as n
         from q join members m on m.company_id = q.company_id and lower(m.username) = q.uname
         where not exists (select 1 from members x where x.company_id = q.company_id and x.discord_user_id = q.user_id)
         group by q.company_id, q.user_id)
       update members m set discord_user_id = c.user_id
       from candidates c where c.n = 1 and m.company_id = c.company_id and m.id = c.member_id and m.discord_user_id is null`,
      [batch.map((p) => p.companyId), batch.map((p) => p.userId), batch.map((p) => p.username)]);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/**
 * Records that `memberId` is Discord user `discordUserId` (in this company only) and attaches the messages
 * counted before the mapping was known. Returns how many earlier messages were attached.
 */
export async function mapDiscordUser(db: pg.Pool, companyId: number, memberId: number, discordUserId: string): Promise<number> {
  const client = await db.connect();
  try {
    await client.query('begin');
    await client.query('update members set discord_user_id = null where company_id = $1 and discord_user_id = $2 and id <> $3', [companyId, discordUserId, memberId]);
    const updated = await client.query('update members set discord_user_id = $3 where company_id = $1 and id = $2', [companyId, memberId, discordUserId]);
    if (updated.rowCount !== 1) throw new NotFound(`member ${memberId} is not in company ${companyId}`);
    const attached = await client.query(
      `update activity_events set member_id = $2
       where company_id = $1 and source = 'discord' and member_id is null and left(external_id, length($3) + 1) = $3 || ':'`,
      [companyId, memberId, discordUserId]);
    await client.query('commit');
    return attached.rowCount ?? 0;
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
}
