// Opt-in activity capture (gateway mode): each message a person posts in a linked guild whose creator
// turned capture on becomes one activity_events row (kind 'message', source 'discord') — a count, never the
// content (Pulse does not even request the Message Content intent). external_id `<user id>:<message id>`
// makes replays idempotent and keeps the author's Discord id, so messages counted before the author is
// mapped to a Whop member (members.discord_user_id) can be attached later (mapDiscordUser in
// core/members/discord-activity.repository.ts). Whop's v1 API does
// not expose members' connected Discord accounts, so an author not mapped yet is mapped by username: a Discord
// username equal (case-insensitive) to exactly one member's Whop username in that company, neither side mapped
// to anyone else; anything ambiguous stays unmapped (counted, attached once known). Rows are buffered and
// written in batches; the guild's link is cached for a minute.
import type pg from 'pg';
import { MessageType, type GatewayMessageCreateDispatchData } from 'discord.js';
import {
  insertDiscordMessages,
  mapAuthorsByUsername,
  type DiscordMessage,
} from '../../core/members/discord-activity.repository.ts';
import { findWorkspaceLink } from '../../core/tenancy/index.ts';
import type { BotLogger } from '../deps.ts';

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
  private queue: DiscordMessage[] = [];
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
    this.queue.push({
      companyId,
      userId: m.author.id,
      username: m.author.username,
      at: new Date(m.timestamp),
      externalId: `${m.author.id}:${m.id}`,
    });
    if (this.queue.length >= this.opts.maxBatch) void this.flush();
    return true;
  }

  /** Writes what is queued; returns the rows inserted (replays insert nothing). */
  flush(): Promise<number> {
    this.flushing = this.flushing.then(
      () => this.write(),
      () => this.write(),
    );
    return this.flushing;
  }

  private async write(): Promise<number> {
    const batch = this.queue;
    if (batch.length === 0) return 0;
    this.queue = [];
    try {
      await mapAuthorsByUsername(this.db, batch);
      return await insertDiscordMessages(this.db, batch);
    } catch (err) {
      this.log.warn(
        { err: err instanceof Error ? err.message : String(err), rows: batch.length },
        'discord activity not recorded',
      );
      return 0;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
