// Switches of the fake Slack: answer a method with HTTP 429 + Retry-After a few times, fail it with a Slack
// error code (`channel_not_found`, `invalid_auth`, …) always or for matching bodies, or hold its requests until
// the test releases them (to show an ack does not wait for the answer).
export type SlackBody = Record<string, string>;

export type Fault = { kind: 'ratelimit'; retryAfter: number } | { kind: 'error'; error: string };

interface Rule {
  method: string;
  fault: Fault;
  left: number;
  when?: (body: SlackBody) => boolean;
}

export class SlackFaults {
  private rules: Rule[] = [];
  private holds = new Map<string, { gate: Promise<void>; release: () => void }>();

  /** The next `times` calls of `method` get 429 with `Retry-After: retryAfter` (seconds). */
  rateLimit(method: string, opts: { times?: number; retryAfter?: number } = {}): void {
    this.rules.push({ method, fault: { kind: 'ratelimit', retryAfter: opts.retryAfter ?? 1 }, left: opts.times ?? 1 });
  }

  /** Calls of `method` (matching `when`) answer `{ ok: false, error }`, `times` times (default: until cleared). */
  error(method: string, error: string, opts: { times?: number; when?: (body: SlackBody) => boolean } = {}): void {
    this.rules.push({
      method,
      fault: { kind: 'error', error },
      left: opts.times ?? Infinity,
      ...(opts.when ? { when: opts.when } : {}),
    });
  }

  /** Requests to `method` wait until `release()`; returns the release function. */
  hold(method: string): () => void {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const done = () => {
      this.holds.delete(method);
      release();
    };
    this.holds.set(method, { gate, release: done });
    return done;
  }

  clear(): void {
    this.rules = [];
    for (const h of [...this.holds.values()]) h.release();
  }

  async gate(method: string): Promise<void> {
    await this.holds.get(method)?.gate;
  }

  /** The fault this call meets, if any (uses one of the rule's times). */
  take(method: string, body: SlackBody): Fault | undefined {
    const rule = this.rules.find((r) => r.method === method && r.left > 0 && (!r.when || r.when(body)));
    if (!rule) return undefined;
    rule.left--;
    return rule.fault;
  }
}
