// The official @whop/sdk client, configured for sync: our retry policy (retry.ts) replaces the SDK's, so the SDK
// runs with maxRetries 0; one RateGate per API operation shares a 429's wait among concurrent callers.
import { Whop } from '@whop/sdk';
import { RateGate, withRetry, type RetryOptions, type RetryPolicy } from './retry.ts';

export interface WhopClientOptions {
  apiKey: string;
  baseURL: string;
  /** The raw webhook secret (Whop's docs: the SDK key is btoa(secret), i.e. HMAC over its raw UTF-8 bytes). */
  webhookSecret?: string;
  timeoutMs?: number;
}

/** The SDK's webhookKey for a Whop webhook secret: base64 of its UTF-8 bytes (btoa for ASCII secrets). */
export function webhookKeyOf(secret: string): string {
  return Buffer.from(secret, 'utf8').toString('base64');
}

export function createWhopClient(opts: WhopClientOptions): Whop {
  return new Whop({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL,
    webhookKey: opts.webhookSecret === undefined ? null : webhookKeyOf(opts.webhookSecret),
    maxRetries: 0,
    timeout: opts.timeoutMs ?? 30_000,
    logLevel: 'off',
  });
}

/** A client plus the retry state its calls share. */
export class WhopApi {
  readonly sdk: Whop;
  readonly policy: RetryPolicy | undefined;
  readonly retries = { rate_limited: 0, server_error: 0, connection: 0 };
  requests = 0;
  private readonly gates = new Map<string, RateGate>();

  constructor(sdk: Whop, policy?: RetryPolicy) {
    this.sdk = sdk;
    this.policy = policy;
  }

  /** Run one SDK call (named by its API operation, e.g. "/payments") under the retry policy. */
  call<T>(operation: string, fn: (sdk: Whop) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let gate = this.gates.get(operation);
    if (!gate) this.gates.set(operation, (gate = new RateGate()));
    const opts: RetryOptions = { policy: this.policy, gate, signal, onRetry: (e) => void this.retries[e.reason]++ };
    return withRetry(() => {
      this.requests++;
      return fn(this.sdk);
    }, opts);
  }
}
