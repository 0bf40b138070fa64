// Switches that make the fake misbehave the way the real API and networks do. Deterministic: counted per request.
export interface FaultSwitches {
  /** Added to every response. */
  latencyMs?: number;
  /** Every Nth request opens a rate-limit window on its path: every request to it gets 429 until it closes. */
  rateLimitEvery?: number;
  /** Window length, stated in the body as "Try again in N seconds." (Whop's real body). */
  rateLimitSeconds?: number;
  /** Also send a Retry-After header (Whop's docs do not promise one). */
  rateLimitRetryAfterHeader?: boolean;
  /** Every Nth request answers 500. */
  serverErrorEvery?: number;
  /** Every Nth request sends its headers and half the body, then destroys the socket. */
  dropEvery?: number;
  /** Every Nth request's socket is destroyed before any byte is sent. */
  resetEvery?: number;
}

export interface FaultStats { requests: number; rateLimitWindows: number; rateLimited: number; serverErrors: number; dropped: number; reset: number; ok: number }

export type FaultDecision =
  | { kind: 'ok' }
  | { kind: 'rate_limited'; seconds: number; header: boolean }
  | { kind: 'server_error' }
  | { kind: 'drop' }
  | { kind: 'reset' };

export class Faults {
  switches: FaultSwitches = {};
  readonly stats: FaultStats = { requests: 0, rateLimitWindows: 0, rateLimited: 0, serverErrors: 0, dropped: 0, reset: 0, ok: 0 };
  private readonly windows = new Map<string, number>();

  decide(path: string): FaultDecision {
    const s = this.switches;
    const n = ++this.stats.requests;
    const hit = (every: number | undefined) => every !== undefined && every > 0 && n % every === 0;
    const open = this.windows.get(path) ?? 0;
    const now = Date.now();
    if (open > now) {
      this.stats.rateLimited++;
      return { kind: 'rate_limited', seconds: Math.ceil((open - now) / 1000), header: Boolean(s.rateLimitRetryAfterHeader) };
    }
    if (hit(s.rateLimitEvery)) {
      const seconds = s.rateLimitSeconds ?? 1;
      this.windows.set(path, now + seconds * 1000);
      this.stats.rateLimitWindows++;
      this.stats.rateLimited++;
      return { kind: 'rate_limited', seconds, header: Boolean(s.rateLimitRetryAfterHeader) };
    }
    if (hit(s.resetEvery)) {
      this.stats.reset++;
      return { kind: 'reset' };
    }
    if (hit(s.dropEvery)) {
      this.stats.dropped++;
      return { kind: 'drop' };
    }
    if (hit(s.serverErrorEvery)) {
      this.stats.serverErrors++;
      return { kind: 'server_error' };
    }
    this.stats.ok++;
    return { kind: 'ok' };
  }
}
