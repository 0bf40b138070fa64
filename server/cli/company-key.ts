// `pulse company add --whop <biz_…> --key-stdin`: the key is read from stdin (never an argument: it would sit in
// shell history and process lists), proven against Whop with the reads a sync needs (members, memberships,
// payments of that company) and only then sealed and stored. Nothing is stored when any read is refused.
import { APIError } from '@whop/sdk';
import { createWhopClient } from '../../core/whop/client.ts';

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

export type KeyProof = { ok: true; title: string | null } | { ok: false; problem: string };

/** Reads one row of members, memberships and payments of the company with the key. */
export async function proveKey(apiKey: string, baseURL: string, whopCompanyId: string): Promise<KeyProof> {
  const whop = createWhopClient({ apiKey, baseURL, timeoutMs: 15_000 });
  const reads: Array<[string, () => Promise<unknown>]> = [
    ['members', () => whop.members.list({ company_id: whopCompanyId, first: 1 })],
    ['memberships', () => whop.memberships.list({ company_id: whopCompanyId, first: 1 })],
    ['payments', () => whop.payments.list({ company_id: whopCompanyId, first: 1 })],
  ];
  for (const [what, read] of reads) {
    try {
      await read();
    } catch (err) {
      const status = err instanceof APIError && err.status !== undefined ? `HTTP ${err.status}` : 'no answer';
      const why =
        err instanceof APIError && err.status === 401
          ? 'Whop did not accept the key'
          : err instanceof APIError && (err.status === 403 || err.status === 404)
            ? `the key cannot read ${what} of ${whopCompanyId}`
            : `Whop could not be asked about ${what}`;
      return { ok: false, problem: `${why} (${status}); nothing was stored` };
    }
  }
  const title = await whop.companies.retrieve(whopCompanyId).then(
    (c) => c.title,
    () => null,
  );
  return { ok: true, title };
}
