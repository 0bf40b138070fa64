// A small in-process cache of recent report data and chart PNGs (per web process; nothing shared): the
// page, its chart images and a CSV/JSON download made within a minute compute the report once. Entries are
// promises, so requests that arrive together share one computation; a failed one is dropped at once.
export class TtlCache<T> {
  readonly #entries = new Map<string, { at: number; value: Promise<T> }>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #clock: () => number;

  constructor(opts: { ttlMs: number; max: number; clock?: () => number }) {
    this.#ttlMs = opts.ttlMs;
    this.#max = opts.max;
    this.#clock = opts.clock ?? (() => performance.now());
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    if (this.#ttlMs <= 0) return make();
    const now = this.#clock();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at < this.#ttlMs) return hit.value;
    const value = make();
    this.#entries.delete(key);
    this.#entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }
}
