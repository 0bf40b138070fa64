// The database's own ceiling for the webhook inbox write: pgbench (PostgreSQL's C client, so the client costs
// little of the shared CPU) runs the single-event inbox insert (core/whop/webhook-inbox.ts, the same statement
// text, prepared) from `clients` connections, one autocommitted row per transaction, each with a new webhook id
// and a real event body. Its rows are counted afterwards: the rate is of rows that are really there.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { inboxInsertSql } from '../../core/whop/webhook-inbox.ts';

const run = promisify(execFile);

export interface Ceiling {
  perSecond: number;
  rows: number;
  clients: number;
  latencyMs: number;
}

/** The inbox insert as a pgbench script: a random id per transaction, the other parameters pgbench variables. */
function script(): string {
  const vars: Record<string, string> = {
    1: `('pgbench_' || :n)`,
    2: ':whop',
    3: ':type',
    4: ':payload',
    5: ':known::boolean',
  };
  return `\\set n random(1, 9000000000000000)\n${inboxInsertSql.replace(/\$(\d)/g, (_, k: string) => vars[k]!)};\n`;
}

/** `transactions` inserts spread over `clients` connections; `body` is stored as every row's payload. */
export async function inboxCeiling(
  url: string,
  body: { whopCompanyId: string; type: string; raw: string },
  transactions: number,
  clients = 32,
): Promise<Ceiling> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-pgbench-'));
  const file = join(dir, 'inbox.sql');
  writeFileSync(file, script());
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`delete from webhook_inbox where webhook_id like 'pgbench\\_%'`);
    const perClient = Math.ceil(transactions / clients);
    const { stdout } = await run(
      'pgbench',
      [
        '-n',
        '-M',
        'prepared',
        '-c',
        String(clients),
        '-j',
        '2',
        '-t',
        String(perClient),
        '-f',
        file,
        '-D',
        `whop=${body.whopCompanyId}`,
        '-D',
        `type=${body.type}`,
        '-D',
        `payload=${body.raw}`,
        '-D',
        'known=true',
        url,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    const latency = /latency average = ([\d.]+) ms/.exec(stdout);
    if (!tps) throw new Error(`pgbench printed no rate:\n${stdout}`);
    const rows = Number(
      (await db.query<{ n: string }>(`select count(*) as n from webhook_inbox where webhook_id like 'pgbench\\_%'`))
        .rows[0]!.n,
    );
    const done = perClient * clients;
    // A random id may repeat (then the row is kept once); count only rows that exist.
    return { perSecond: Number(tps[1]) * (rows / done), rows, clients, latencyMs: latency ? Number(latency[1]) : NaN };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('webhooks bench: pgbench (PostgreSQL client tools) is not on PATH', { cause: err });
    throw err;
  } finally {
    await db.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
