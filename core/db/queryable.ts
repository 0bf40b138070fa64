// The one thing core/ queries need from a connection: pg's `query`. A pg Pool, PoolClient or Client fits,
// so services take whichever the caller holds (a pool for reports, a client inside a transaction).
export interface Queryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}
