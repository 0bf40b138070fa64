// Switches that make the fake misbehave the way the real API and networks do. Deterministic: counted per request,
// or held on a promise the test controls (RequestHold), never on a timer.
import type { ServerResponse } from 'node:http';

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
  /** Every request to these paths answers 500: a resource failing for good. */
  serverErrorPaths?: string[];
  /** Requests held until the test releases them (checked before any other switch). */
  holds?: RequestHold[];
}

/** A request the test holds: matching requests wait until `release()`; the test sees them arrive and be abandoned. */
export class RequestHold {
  readonly path: string;
  private readonly match: (query: URLSearchParams) => boolean;
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  private onArrived!: () => void;
  private readonly handled: Array<Promise<void>> = [];
  private waitingForAbandon: Array<() => void> = [];
  /** Resolves when the first matching request is being held. */
  readonly arrived = new Promise<void>((resolve) => (this.onArrived = resolve));
  held = 0;
  /** Held requests whose client closed the connection before an answer (aborted requests). */
  abandoned = 0;
  /** Held requests answered after the release (their client still waited). */
  answered = 0;

  constructor(path: string, match: (query: URLSearchParams) => boolean = () => true) {
    this.path = path;
    this.match = match;
  }

  release(): void {
    this.open();
  }

  /** Resolves once every request held so far (at least one) has been abandoned by its client. */
  allAbandoned(): Promise<void> {
    if (this.held > 0 && this.abandoned === this.held) return Promise.resolve();
    return new Promise((resolve) => this.waitingForAbandon.push(resolve));
  }

  /** Resolves when every held request has gone on (answered, or dropped because its client left). */
  async finished(): Promise<void> {
    await Promise.all(this.handled);
  }

  /** Holds the request if it matches; resolves false when its client left meanwhile (nothing to answer). */
  async wait(path: string, query: URLSearchParams, res: ServerResponse): Promise<boolean> {
    if (path !== this.path || !this.match(query)) return true;
    let gone = false;
    res.once('close', () => {
      if (res.writableFinished) return;
      gone = true;
      if (++this.abandoned === this.held) for (const done of this.waitingForAbandon.splice(0)) done();
    });
    this.held++;
    this.onArrived();
    const done = this.gate.then(() => {
      if (!gone) this.answered++;
    });
    this.handled.push(done);
    await done;
    return !gone;
  }
}

export interface FaultStats {
  requests: number;
  rateLimitWindows: number;
  rateLimited: number;
  serverErrors: number;
  dropped: number;
  reset: number;
  ok: number;
}

export type FaultDecision =
  | { kind: 'ok' }
  | { kind: 'rate_limited'; seconds: number; header: boolean }
  | { kind: 'server_error' }
  | { kind: 'drop' }
  | { kind: 'reset' };

export class Faults {
  switches: FaultSwitches = {};
  readonly stats: FaultStats = {
    requests: 0,
    rateLimitWindows: 0,
    rateLimited: 0,
    serverErrors: 0,
    dropped: 0,
    reset: 0,
    ok: 0,
  };
  private readonly windows = new Map<string, number>();

  /** Waits out the holds a request matches; false when its client left meanwhile. */
  async admit(path: string, query: URLSearchParams, res: ServerResponse): Promise<boolean> {
    for (const hold of this.switches.holds ?? []) if (!(await hold.wait(path, query, res))) return false;
    return true;
  }

  decide(path: string): FaultDecision {
    const s = this.switches;
    const n = ++this.stats.requests;
    const hit = (every: number | undefined) => every !== undefined && every > 0 && n % every === 0;
    const open = this.windows.get(path) ?? 0;
    const now = Date.now();
    if (open > now) {
      this.stats.rateLimited++;
      return {
        kind: 'rate_limited',
        seconds: Math.ceil((open - now) / 1000),
        header: Boolean(s.rateLimitRetryAfterHeader),
      };
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
    if (hit(s.serverErrorEvery) || s.serverErrorPaths?.includes(path)) {
      this.stats.serverErrors++;
      return { kind: 'server_error' };
    }
    this.stats.ok++;
    return { kind: 'ok' };
  }
}
