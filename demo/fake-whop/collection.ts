// A list endpoint's data: items kept in (created_at, id) order, paged with opaque cursors that name the last item
// served, so appends and edits between pages never skip or repeat an item (like Whop's relay-style cursors).
import { timeMs } from './dataset.ts';

export interface PageInfo {
  end_cursor: string | null;
  start_cursor: string | null;
  has_next_page: boolean;
  has_previous_page: boolean;
}
export interface Page<T> {
  data: T[];
  page_info: PageInfo;
}

interface Entry<T> {
  key: number;
  id: string;
  item: T;
}

function encodeCursor(key: number, id: string): string {
  return Buffer.from(`${key}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { key: number; id: string } | undefined {
  const [key, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  return key && id && Number.isFinite(Number(key)) ? { key: Number(key), id } : undefined;
}

function compare(a: { key: number; id: string }, b: { key: number; id: string }): number {
  return a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class Collection<T> {
  private entries: Entry<T>[] = [];
  private readonly byId = new Map<string, Entry<T>>();
  private readonly idOf: (item: T) => string;
  /** Partitions by a key (a channel's messages, a post's comments), rebuilt after a change. */
  private partitions = new Map<string, Map<string, Collection<T>>>();
  private readonly createdOf: (item: T) => string | number;

  constructor(items: T[], idOf: (item: T) => string, createdOf: (item: T) => string | number) {
    this.idOf = idOf;
    this.createdOf = createdOf;
    for (const item of items) this.byId.set(idOf(item), { key: timeMs(createdOf(item)), id: idOf(item), item });
    this.entries = [...this.byId.values()].sort(compare);
  }

  get size(): number {
    return this.entries.length;
  }

  get(id: string): T | undefined {
    return this.byId.get(id)?.item;
  }

  all(): T[] {
    return this.entries.map((e) => e.item);
  }

  /** The items whose `keyOf` is `key`, as a collection of their own (pages without scanning the others). */
  partition(name: string, keyOf: (item: T) => string, key: string): Collection<T> {
    let parts = this.partitions.get(name);
    if (!parts) {
      const grouped = new Map<string, T[]>();
      for (const e of this.entries) {
        const k = keyOf(e.item);
        const list = grouped.get(k);
        if (list) list.push(e.item);
        else grouped.set(k, [e.item]);
      }
      parts = new Map([...grouped].map(([k, items]) => [k, new Collection(items, this.idOf, this.createdOf)]));
      this.partitions.set(name, parts);
    }
    return parts.get(key) ?? new Collection<T>([], this.idOf, this.createdOf);
  }

  /** Insert or replace (by id) keeping the order. */
  put(item: T): void {
    this.partitions.clear();
    const id = this.idOf(item);
    const existing = this.byId.get(id);
    if (existing) {
      existing.item = item;
      return;
    }
    const entry = { key: timeMs(this.createdOf(item)), id, item };
    this.byId.set(id, entry);
    const at = this.lowerBound(entry);
    this.entries.splice(at, 0, entry);
  }

  /** First index whose entry sorts at or after `probe`. */
  private lowerBound(probe: { key: number; id: string }): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(this.entries[mid]!, probe) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  page(opts: { first: number; after?: string; direction: 'asc' | 'desc'; filter?: (item: T) => boolean }): Page<T> {
    const after = opts.after ? decodeCursor(opts.after) : undefined;
    const asc = opts.direction === 'asc';
    let i: number;
    if (!after) i = asc ? 0 : this.entries.length - 1;
    else {
      const at = this.lowerBound(after);
      const exact = at < this.entries.length && compare(this.entries[at]!, after) === 0;
      i = asc ? (exact ? at + 1 : at) : at - 1;
    }
    const out: Entry<T>[] = [];
    let more = false;
    for (; asc ? i < this.entries.length : i >= 0; i += asc ? 1 : -1) {
      const e = this.entries[i]!;
      if (opts.filter && !opts.filter(e.item)) continue;
      if (out.length === opts.first) {
        more = true;
        break;
      }
      out.push(e);
    }
    const first = out[0];
    const last = out[out.length - 1];
    return {
      data: out.map((e) => e.item),
      page_info: {
        start_cursor: first ? encodeCursor(first.key, first.id) : null,
        end_cursor: last ? encodeCursor(last.key, last.id) : null,
        has_next_page: more,
        has_previous_page: Boolean(after),
      },
    };
  }
}
