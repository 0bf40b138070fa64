// Feeds webhooks to receiveBatch: whatever arrived while the previous batches were being written goes in the
// next one (no timer, no added wait when traffic is light), with at most `inFlight` transactions at a time.
// What it holds is bounded: at most `maxPending` events and `maxPendingBytes` of raw bodies accepted and not yet
// written (queued or in a transaction). Past either, receive() refuses at once with IngestorFull and keeps
// nothing: the caller answers 503 and Whop delivers the event again later.
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
  /** Transactions at a time (default 4). */
  inFlight?: number;
  /** Events accepted and not yet written, queued or in flight (default 1,024). */
  maxPending?: number;
  /** Raw body bytes accepted and not yet written (default 32 MiB). */
  maxPendingBytes?: number;
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
    this.maxInFlight = opts.inFlight ?? 4;
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
      receiveBatch(
        this.pool,
        batch.map((w) => w.item),
      )
        .then(
          (receipts) => {
            this.release(batch);
            batch.forEach((w, n) => w.resolve(receipts[n]!));
          },
          (err: unknown) => {
            this.release(batch);
            batch.forEach((w) => w.reject(err));
          },
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
          if (this.inFlight === 0 && this.queue.length === 0) for (const done of this.idle.splice(0)) done();
        });
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
