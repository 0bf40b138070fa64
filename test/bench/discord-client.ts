// The Discord side of the Discord bench, in its own process (Discord is another machine): the fake Discord
// API and a signer that posts interactions to the app one at a time, timing each from the signed request
// leaving to the HTTP reply (ack) and to the final follow-up arriving at the fake (final).
// Protocol over IPC: -> { type: 'ready', api, publicKeyHex }; <- { type: 'run', ... }; -> { type: 'done', results }.
import { Agent, request } from 'node:http';
import { signInteraction, testDiscordKeys } from '../fakes/discord/keys.ts';
import { startFakeDiscord } from '../fakes/discord/server.ts';
import type { RecordedRequest } from '../fakes/discord/wire.ts';
import { APP_ID, click, slash, type OptionInput, type Person } from '../discord/interactions.ts';

export interface BenchCase {
  key: string;
  kind: 'slash' | 'click';
  name: string;
  options?: Record<string, OptionInput>;
  ephemeralMessage?: boolean;
}

export interface RunRequest {
  type: 'run';
  target: string;
  cases: BenchCase[];
  where: { guildId: string; channelId: string; person: Person };
  warmup: number;
  runs: number;
}

export interface CaseResult {
  ack: number[];
  final: number[];
  initialTypes: number[];
  /** The last final message: its embed title, file count and whether every file is a PNG. */
  last: { title: string; files: number; png: boolean };
}

function post(
  agent: Agent,
  target: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function main(): Promise<void> {
  const keys = testDiscordKeys();
  const fake = await startFakeDiscord({ token: process.env.BENCH_DISCORD_TOKEN ?? 'bench-token', appId: APP_ID });
  const run = await new Promise<RunRequest>((resolve) => {
    process.on('message', (m: { type: string }) => {
      if (m.type === 'run') resolve(m as RunRequest);
    });
    process.send!({ type: 'ready', api: fake.api, publicKeyHex: keys.publicKeyHex });
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const results: Record<string, CaseResult> = {};
  for (const c of run.cases) {
    const r: CaseResult = { ack: [], final: [], initialTypes: [], last: { title: '', files: 0, png: true } };
    for (let i = 0; i < run.warmup + run.runs; i++) {
      // The coach allows each person 5 questions a minute: every /ask run comes from another admin.
      const where =
        c.name === 'ask'
          ? {
              ...run.where,
              person: { ...run.where.person, userId: String(BigInt(run.where.person.userId) + BigInt(i)) },
            }
          : run.where;
      const payload =
        c.kind === 'slash'
          ? slash(where, c.name, c.options ?? {})
          : click(where, c.name, { ephemeral: c.ephemeralMessage ?? false });
      const signed = signInteraction(keys, payload);
      const path = `/webhooks/${APP_ID}/${String(payload.token)}`;
      const t0 = performance.now();
      const reply = await post(agent, run.target, signed.body, signed.headers);
      const ack = performance.now() - t0;
      if (reply.status !== 200) throw new Error(`${c.key}: HTTP ${reply.status} ${reply.body.slice(0, 200)}`);
      const initial = JSON.parse(reply.body) as { type: number; data?: { embeds?: { title?: string }[] } };
      let final: RecordedRequest | undefined;
      if (initial.type === 5 || initial.type === 6) {
        final = await fake.waitFor(
          (q) =>
            (q.method === 'PATCH' && q.path === `${path}/messages/@original`) ||
            (q.method === 'POST' && q.path === path),
          30_000,
        );
        if (final.json?.embeds?.[0]?.title === 'Sent to you privately')
          final = await fake.waitFor((q) => q.method === 'POST' && q.path === path, 30_000);
        if (final.status !== 200) throw new Error(`${c.key}: follow-up answered ${final.status}`);
      }
      if (i < run.warmup) continue;
      r.ack.push(ack);
      r.final.push(final ? final.at - t0 : ack);
      r.initialTypes.push(initial.type);
      const msg = final ? final.json : initial.data;
      r.last = {
        title: msg?.embeds?.[0]?.title ?? '',
        files: final?.files.length ?? 0,
        png: (final?.files ?? []).every((f) => f.bytes.subarray(0, 8).equals(PNG)),
      };
    }
    results[c.key] = r;
  }
  agent.destroy();
  process.send!({ type: 'done', results }, () => {
    void fake.close().then(() => process.exit(0));
  });
}

if (import.meta.main) await main();
