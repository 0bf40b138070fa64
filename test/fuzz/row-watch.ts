// "Nothing was stored": the app's write counter (every insert, update or delete in any table, fuzz-app.ts) read
// before and after a request, compared. A run of requests reuses the previous request's "after" as the next one's
// "before" (one read per request); `fresh()` forgets it when something other than the requests may have written.
import { expect } from 'vitest';
import type { FuzzApp, FuzzRequest } from './fuzz-app.ts';

export interface WatchedAnswer {
  status: number;
  body: string;
  writesBefore: number;
  writesAfter: number;
}

export class RowWatch {
  private last: number | null = null;
  private readonly fz: FuzzApp;

  constructor(fz: FuzzApp) {
    this.fz = fz;
  }

  fresh(): void {
    this.last = null;
  }

  /** Sends `req` with the write counter before and after. */
  async send(req: FuzzRequest): Promise<WatchedAnswer> {
    const writesBefore = this.last ?? (await this.fz.writes());
    this.last = null;
    const answer = await this.fz.send(req);
    const writesAfter = await this.fz.writes();
    this.last = writesAfter;
    return { ...answer, writesBefore, writesAfter };
  }

  /** Sends `req` and checks that no row of any table was inserted, updated or deleted. */
  async sendStoringNothing(req: FuzzRequest, label = ''): Promise<WatchedAnswer> {
    const answer = await this.send(req);
    expectNothingStored(answer, label);
    return answer;
  }
}

export function expectNothingStored(a: WatchedAnswer, label = ''): void {
  expect(a.writesAfter - a.writesBefore, `rows written while ${label} was answered ${a.status}`).toBe(0);
}
