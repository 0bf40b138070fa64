// Feeds webhooks to receiveBatch: whatever arrived while the previous batches were being written goes in the
// next one (no timer, no added wait when traffic is light), with at most `inFlight` transactions at a time.
// What it holds is bounded: at most `maxPending` events and `maxPendingBytes` of raw bodies accepted and not yet
// written (queued or in a transaction). Past either, receive() refuses at once with IngestorFull and keeps
// nothing: the caller answers 503 and Whop delivers the event again later.
import { openPool } from '../db/pool.ts';
import type { Pool } from '../db/queryable.ts';
import { receiveBatch, type Incoming } from './webhook-batch.ts';
import type { Receipt } from './webhook-inbox.ts';

interface Waiting {
  item: Incoming;
  bytes: number;
  resolve(r: Receipt): void;
  reject(e: unknown): void;
}

export interface IngestorOptions {
  /** Events per transaction (default 64). */
  maxBatch?: number;
  /** Batches being written at a time (default INGEST_IN_FLIGHT). */
  inFlight?: number;
  /** Events accepted and not yet written, queued or in flight (default 1,024). */
  maxPending?: number;
  /** Raw body bytes accepted and not yet written (default 32 MiB). */
  maxPendingBytes?: number;
}

/**
 * Batches written at a time. One: while it is written the next one gathers, so batches stay large (a batch of one
 * event took 1.3 ms, of 16 events 4.1 ms, of 64 events 9.4 ms: the fixed part dominates small batches), and the HTTP
 * work overlaps the database's. Two or four at a time halved the batches and lost throughput in the bench.
 */
export const INGEST_IN_FLIGHT = 1;

/**
 * The ingestor's own connections. Its statements are few and fixed (one per mix of tables in a batch) and look rows
 * up by unique keys, so a generic plan is always right; left to choose, PostgreSQL re-plans them for every batch
 * (their arrays' contents make each custom plan look cheaper), which was half of its time per event. The setting
 * applies to these sessions only: report pages and answers keep custom plans on the request pool.
 */
export function openIngestPool(databaseUrl: string, onError?: (err: Error) => void): Pool {
  return openPool(databaseUrl, {
    max: INGEST_IN_FLIGHT + 1,
    timeouts: 'request',
    settings: { plan_cache_mode: 'force_generic_plan' },
    ...(onError ? { onError } : {}),
  });
}

/** receive() refused the event: too much is waiting to be written. Nothing of it was kept. */
export class IngestorFull extends Error {
  constructor(pending: number, bytes: number) {
    super(`webhook queue full (${pending} events, ${bytes} bytes waiting)`);
    this.name = 'IngestorFull';
  }
}

export class WebhookIngestor {
  private readonly pool: Pool;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly maxPending: number;
  private readonly maxPendingBytes: number;
  private queue: Waiting[] = [];
  private inFlight = 0;
  private pendingCount = 0;
  private pendingBytes = 0;
  private idle: Array<() => void> = [];

  constructor(pool: Pool, opts: IngestorOptions = {}) {
    this.pool = pool;
    this.maxBatch = opts.maxBatch ?? 64;
    this.maxInFlight = opts.inFlight ?? INGEST_IN_FLIGHT;
    this.maxPending = opts.maxPending ?? 1024;
    this.maxPendingBytes = opts.maxPendingBytes ?? 32 * 1024 * 1024;
  }

  /** Events and raw bytes accepted and not yet written. */
  get pending(): { events: number; bytes: number } {
    return { events: this.pendingCount, bytes: this.pendingBytes };
  }

  /** Writes the event with the next batch; rejects with IngestorFull (nothing kept) when the bounds are reached. */
  receive(item: Incoming): Promise<Receipt> {
    const bytes = Buffer.byteLength(item.raw);
    // One event larger than the whole byte budget is still taken when nothing else waits (the body limit caps it).
    if (
      this.pendingCount >= this.maxPending ||
      (this.pendingCount > 0 && this.pendingBytes + bytes > this.maxPendingBytes)
    ) {
      return Promise.reject(new IngestorFull(this.pendingCount, this.pendingBytes));
    }
    this.pendingCount++;
    this.pendingBytes += bytes;
    return new Promise((resolve, reject) => {
      this.queue.push({ item, bytes, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      const settle = (tell: () => void) => {
        this.release(batch);
        this.inFlight--;
        // The next batch goes to the database first; the answers to this one's senders are written right after
        // (setImmediate: once the next statement is on its way), so the database never waits for HTTP writes.
        this.pump();
        setImmediate(() => {
          tell();
          if (this.inFlight === 0 && this.queue.length === 0) for (const done of this.idle.splice(0)) done();
        });
      };
      receiveBatch(
        this.pool,
        batch.map((w) => w.item),
      ).then(
        (receipts) => settle(() => batch.forEach((w, n) => w.resolve(receipts[n]!))),
        (err: unknown) => settle(() => batch.forEach((w) => w.reject(err))),
      );
    }
  }

  /** Written (or failed): the batch no longer counts against the bounds, before anyone hears the outcome. */
  private release(batch: Waiting[]): void {
    for (const w of batch) {
      this.pendingCount--;
      this.pendingBytes -= w.bytes;
    }
  }

  /** Resolves when nothing is queued or being written. */
  drained(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
}
