// Fault switches of the fake Discord API: the next N matching requests answer 429 (with Discord's headers
// and body), a 5xx, or wait first; channels can be made Unknown (404, code 10003) or forbidden (403 Missing
// Access, code 50001).
import type { ServerResponse } from 'node:http';
import { sendError, sendJson } from './wire.ts';

export interface FaultRule {
  status: 429 | 500 | 502 | 503;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Only requests whose path (after /api/v10) matches. */
  path?: RegExp;
  /** 429: seconds to wait (body `retry_after`; the `retry-after` header carries the same number). */
  retryAfter?: number;
  /** 429: a global rate limit (`x-ratelimit-global`, body `global: true`). */
  global?: boolean;
}

export class FakeDiscordFaults {
  private rules: (FaultRule & { left: number })[] = [];
  readonly unknownChannels = new Set<string>();
  readonly forbiddenChannels = new Set<string>();
  /** Added to every response (simulated network and Discord time). */
  latencyMs = 0;

  fail(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
    this.unknownChannels.clear();
    this.forbiddenChannels.clear();
    this.latencyMs = 0;
  }

  /** Answers the request with a fault when a rule matches (true), else leaves it alone. */
  apply(path: string, res: ServerResponse): boolean {
    const rule = this.rules.find((r) => r.left > 0 && (!r.path || r.path.test(path)));
    if (!rule) return false;
    rule.left--;
    if (rule.status !== 429) {
      sendError(
        res,
        rule.status,
        `${rule.status}: ${rule.status === 500 ? 'Internal Server Error' : rule.status === 502 ? 'Bad Gateway' : 'Service Unavailable'}`,
      );
      return true;
    }
    const seconds = rule.retryAfter ?? 0.2;
    const headers: Record<string, string> = {
      'retry-after': String(seconds),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Date.now() / 1000 + seconds),
      'x-ratelimit-reset-after': String(seconds),
      'x-ratelimit-bucket': 'fakebucket0000000000000000000000',
      'x-ratelimit-scope': rule.global ? 'global' : 'user',
      ...(rule.global ? { 'x-ratelimit-global': 'true' } : {}),
    };
    sendJson(
      res,
      429,
      { message: 'You are being rate limited.', retry_after: seconds, global: rule.global ?? false },
      headers,
    );
    return true;
  }
}
