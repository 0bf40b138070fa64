// Builds "stack the pieces, fold them by snapshot and member" SQL: each piece gives some of the columns
// below for (off, member_id); missing ones are typed nulls; one GROUP BY keeps, per column, the one value
// given (max / bool_or), and only members with a counted membership (is_counted) stay.
const columns: Record<string, string> = {
  is_counted: 'boolean',
  membership_id: 'bigint',
  whop_id: 'text',
  started_at: 'timestamptz',
  canceled_at: 'timestamptz',
  paid_at: 'timestamptz',
  period_days: 'int',
  months: 'float8',
  mrr_minor: 'float8',
  downgrades: 'float8',
  past_due: 'boolean',
  later_counted: 'boolean',
  last_r: 'int',
  first_r_back: 'int',
  active_back: 'float8',
  e7: 'float8',
  e21: 'float8',
  msgs28: 'float8',
  active_30: 'float8',
  msgs7: 'float8',
  visits7: 'float8',
  progress30: 'float8',
  msgs7_then: 'float8',
  visits7_then: 'float8',
  progress30_then: 'float8',
  last_r_then: 'int',
  course_progress: 'float8',
  refunds: 'float8',
  failed_60: 'float8',
  reactivations: 'float8',
};

export interface FactPiece {
  /** FROM ... (and WHERE) of the piece; it must expose off and member_id. */
  from: string;
  /** Expression for the snapshot offset (default off). */
  off?: string;
  /** Column -> expression. */
  values: Record<string, string>;
}

export function foldFacts(pieces: readonly FactPiece[]): string {
  const names = Object.keys(columns);
  for (const p of pieces) {
    for (const c of Object.keys(p.values)) if (!(c in columns)) throw new Error(`unknown fact column ${c}`);
  }
  const stacked = pieces.map(
    (p) =>
      `select ${p.off ?? 'off'} as off, member_id, ${names.map((c) => `${p.values[c] ?? 'null'}::${columns[c]} as ${c}`).join(', ')} ${p.from}`,
  );
  const folded = names.map((c) => `${columns[c] === 'boolean' ? 'bool_or' : 'max'}(${c}) as ${c}`);
  return `
  select off, member_id, ${folded.join(', ')}
  from (${stacked.join('\n    union all ')}) pieces
  group by off, member_id
  having bool_or(is_counted)`;
}
