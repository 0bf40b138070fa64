// Ids handed out before rows are written, so COPY can carry foreign keys: contiguous blocks taken from each
// table's own sequence. ALTER SEQUENCE (a no-op change) blocks every other session's nextval/setval until COMMIT,
// so a block can never overlap ids anyone else draws.
import type { ClientBase } from 'pg';

export interface IdBlock {
  next: number;
  end: number;
}

export class IdReserver {
  private readonly db: ClientBase;
  private readonly blocks = new Map<string, IdBlock>();
  private readonly sequences = new Map<string, string>();
  private readonly minBlock: number;

  constructor(db: ClientBase, minBlock = 50_000) {
    this.db = db;
    this.minBlock = minBlock;
  }

  /** The first of n consecutive ids of `table` now owned by the caller. */
  async take(table: string, n: number): Promise<number> {
    let block = this.blocks.get(table);
    if (!block || block.end - block.next < n) {
      const size = Math.max(n, this.minBlock);
      const first = await this.reserve(table, size);
      block = { next: first, end: first + size };
      this.blocks.set(table, block);
    }
    const first = block.next;
    block.next += n;
    return first;
  }

  private async reserve(table: string, size: number): Promise<number> {
    let seq = this.sequences.get(table);
    if (!seq) {
      const { rows } = await this.db.query<{ seq: string | null }>(`select pg_get_serial_sequence($1, 'id') as seq`, [
        table,
      ]);
      if (!rows[0]?.seq) throw new Error(`${table}.id has no sequence`);
      seq = rows[0].seq;
      this.sequences.set(table, seq);
    }
    const lit = this.db.escapeLiteral(seq);
    await this.db.query('BEGIN');
    try {
      await this.db.query(`ALTER SEQUENCE ${seq} INCREMENT BY 1`);
      const { rows } = await this.db.query<{ first: string }>(`select nextval(${lit}) as first`);
      const first = Number(rows[0]!.first);
      await this.db.query(`select setval(${lit}, ${first + size - 1})`);
      await this.db.query('COMMIT');
      return first;
    } catch (err) {
      await this.db.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
}
