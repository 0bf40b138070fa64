// Feeds webhooks to receiveBatch: whatever arrived while the previous batches were being written goes in the
// next one (no timer, no added wait when traffic is light), with at most `inFlight` transactions at a time.
import type { Pool } from './db.ts';
import { receiveBatch, type Incoming } from './webhook-batch.ts';
import type { Receipt } from './webhook-inbox.ts';

interface Waiting { item: Incoming; resolve(r: Receipt): void; reject(e: unknown): void }

export class WebhookIngestor {
  private readonly pool: Pool;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private queue: Waiting[] = [];
  private inFlight = 0;
  private idle: Array<() => void> = [];

  constructor(pool: Pool, opts: { maxBatch?: number; inFlight?: number } = {}) {
    this.pool = pool;
    this.maxBatch = opts.maxBatch ?? 64;
    this.maxInFlight = opts.inFlight ?? 4;
  }

  receive(item: Incoming): Promise<Receipt> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      receiveBatch(this.pool, batch.map((w) => w.item)).then(
        (receipts) => batch.forEach((w, n) => w.resolve(receipts[n]!)),
        (err: unknown) => batch.forEach((w) => w.reject(err)),
      ).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0 && this.queue.length === 0) for (const done of this.idle.splice(0)) done();
      });
    }
  }

  /** Resolves when nothing is queued or being written. */
  drained(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
}
