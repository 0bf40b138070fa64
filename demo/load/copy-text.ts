// PostgreSQL COPY text format: tab-separated columns, \N for null, backslash escapes; and the column lists
// the bulk loader writes (docs/data-model.md).

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export const NULL = '\\N';

/** A text value (escaped when it holds a backslash, tab or line break). */
export function txt(v: string | null | undefined): string {
  if (v === null || v === undefined) return NULL;
  return SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
}

/** A number (integer or real); null as \N. */
export function num(v: number | null | undefined): string {
  return v === null || v === undefined ? NULL : String(v);
}

export function bool(v: boolean): string {
  return v ? 't' : 'f';
}

/** Canonical ISO timestamps from core/whop/map.ts need no escaping. */
export function time(v: string | null): string {
  return v ?? NULL;
}

export const COLUMNS = {
  members: [
    'id',
    'company_id',
    'whop_member_id',
    'whop_user_id',
    'name',
    'username',
    'email',
    'joined_at',
    'status',
    'whop_updated_at',
  ],
  memberships: [
    'id',
    'company_id',
    'whop_id',
    'member_id',
    'plan_id',
    'product_id',
    'status',
    'started_at',
    'joined_at',
    'renewal_period_start',
    'renewal_period_end',
    'cancel_at_period_end',
    'canceled_at',
    'cancel_option',
    'ended_at',
    'whop_updated_at',
  ],
  payments: [
    'id',
    'company_id',
    'whop_id',
    'membership_id',
    'member_id',
    'plan_id',
    'amount_minor',
    'currency',
    'status',
    'substatus',
    'billing_reason',
    'kind',
    'paid_at',
    'failed_at',
    'refunded_amount_minor',
    'refunded_at',
    'failure_message',
    'whop_created_at',
    'whop_updated_at',
  ],
  refunds: ['company_id', 'whop_id', 'payment_id', 'amount_minor', 'currency', 'status', 'whop_created_at'],
  activity_events: [
    'company_id',
    'member_id',
    'kind',
    'source',
    'occurred_at',
    'content_item_id',
    'value',
    'external_id',
  ],
} as const;

export type CopyTable = keyof typeof COLUMNS;

export function copySql(table: CopyTable): string {
  return `COPY ${table} (${COLUMNS[table].join(', ')}) FROM STDIN`;
}

/** A growable byte buffer COPY text lines are written into (far less garbage than concatenating strings). */
export class Sink {
  private buf: Buffer;
  private len = 0;

  constructor(initialBytes = 1 << 16) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Appends text (a whole line with its trailing newline, or a part of one). */
  write(text: string): void {
    if (this.len + text.length * 3 > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + text.length * 3));
      this.buf.copy(next, 0, 0, this.len);
      this.buf = next;
    }
    this.len += this.buf.write(text, this.len);
  }

  /** Empties the sink, keeping its memory for the next batch. */
  reset(): void {
    this.len = 0;
  }

  get bytes(): number {
    return this.len;
  }

  /** The bytes written so far (a view, not a copy). */
  data(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}
