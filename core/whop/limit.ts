// A counting semaphore: at most `size` requests in flight across all of a sync's resources.
export class Limit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  readonly size: number;

  constructor(size: number) {
    if (!(size >= 1)) throw new RangeError('concurrency must be at least 1');
    this.size = size;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
