// COPY ... FROM STDIN of a block of text rows (bytes) over one connection (pg-copy-streams): one statement, one
// transaction, foreign keys checked when it ends.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copySql, type CopyTable } from './copy-text.ts';

/** Slices of at most this many bytes are handed to the socket (keeps each write small). */
const SLICE = 1 << 20;

export async function copyRows(db: ClientBase, table: CopyTable, data: Buffer): Promise<void> {
  if (data.length === 0) return;
  const slices = function* () {
    for (let i = 0; i < data.length; i += SLICE) yield data.subarray(i, i + SLICE);
  };
  await pipeline(Readable.from(slices(), { objectMode: false }), db.query(copyFrom(copySql(table))));
}
