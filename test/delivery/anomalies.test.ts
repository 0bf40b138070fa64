// anomalies:scan on hand-written rollups: yesterday's MRR, signups and active members against the same
// weekday of the 8 weeks before, checked once the link's digest hour has come, posted once per day and
// destination, skipped when the company turned anomaly alerts off. Figures worked by hand in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../core/period.ts';
import { scanAnomalies } from '../../server/jobs/anomalies-scan.ts';
import { openDeliveryWorld, type DeliveryWorld } from './world.ts';

const CHANNEL = '710000000000000301';
// Tokyo (UTC+9, no DST). The check on Thursday 26 Nov 2026 looks at Wednesday 25 Nov.
const DAY = '2026-11-25';
const WEEKS = Array.from({ length: 8 }, (_, i) => addDays(DAY, -7 * (i + 1)));

describe('anomalies scan', () => {
  let w: DeliveryWorld;
  let companyId: number;
  let quietId: number;

  beforeAll(async () => {
    w = await openDeliveryWorld();
    const co = await w.fx.company({ timeZone: 'Asia/Tokyo' });
    companyId = co.id;
    // MRR on the 8 Wednesdays: median $1,000.00; deviations 0, 10, 10, 5, 5, 0, 0, 0 dollars -> MAD $2.50
    // -> range ± 3 × 1.4826 × $2.50 = ± $11.12. On the 25th: $750, -25 %.
    const mrr = [100_000, 101_000, 99_000, 100_500, 99_500, 100_000, 100_000, 100_000];
    for (const [i, day] of WEEKS.entries()) {
      await w.pool.query('insert into revenue_daily (company_id, day, mrr_minor) values ($1, $2, $3)', [
        companyId,
        day,
        mrr[i],
      ]);
      await w.pool.query(
        'insert into engagement_company_daily (company_id, day, members, active) values ($1, $2, 60, 40)',
        [companyId, day],
      );
    }
    await w.pool.query('insert into revenue_daily (company_id, day, mrr_minor) values ($1, $2, 75000)', [
      companyId,
      DAY,
    ]);
    // Active members 41 against a steady 40: outside the (zero-width) range but +2.5 % and 1 member: no alert.
    await w.pool.query(
      'insert into engagement_company_daily (company_id, day, members, active) values ($1, $2, 60, 41)',
      [companyId, DAY],
    );
    // Signups: 2 every Wednesday, 10 on the 25th (+400 %); 30 on Tuesday the 24th, which is not compared.
    const plan = await co.plan();
    const signup = async (day: string, n: number) => {
      for (let i = 0; i < n; i++) await co.subscribe(await co.member(), plan, { at: `${day}T12:00:00+09:00` });
    };
    for (const day of WEEKS) await signup(day, 2);
    await signup(DAY, 10);
    await signup('2026-11-24', 30);
    await w.link(companyId, 'discord', '810000000000000301', { digestChannelId: CHANNEL, digestHour: 9 });

    // A company with the same figures and anomaly alerts turned off.
    const quiet = await w.fx.company({ timeZone: 'Asia/Tokyo', settings: { anomalies: { enabled: false } } });
    quietId = quiet.id;
    await w.pool.query(
      'insert into revenue_daily (company_id, day, mrr_minor) select $1, day, mrr_minor from revenue_daily where company_id = $2',
      [quietId, companyId],
    );
    await w.link(quietId, 'discord', '810000000000000302', { digestChannelId: '710000000000000302', digestHour: 9 });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('does nothing before the digest hour', async () => {
    const now = new Date('2026-11-25T23:30:00Z'); // 08:30 on the 26th in Tokyo
    expect(await scanAnomalies(w.context({ now: () => now }), now)).toEqual({ checked: 0, anomalies: 0, outcomes: [] });
  });

  it("posts yesterday's anomalies once, largest move first, with the usual value and range", async () => {
    const now = new Date('2026-11-26T00:05:00Z'); // 09:05 in Tokyo
    const scan = await scanAnomalies(w.context({ now: () => now }), now);
    expect(scan).toEqual({
      checked: 1,
      anomalies: 2,
      outcomes: [{ status: 'posted', messageId: expect.stringMatching(/^\d+$/) }],
    });
    const post = w.discord.requests.find((r) => r.path === `/channels/${CHANNEL}/messages`)!;
    const embed = post.json.embeds[0];
    expect(embed.title).toBe('2 unusual figures on 25 Nov 2026');
    expect(embed.fields.map((f: { name: string }) => f.name)).toEqual(['Signups', 'MRR']);
    expect(embed.fields[0].value).toContain('10**, up 400%: usually 2 on Wednesdays (range 2–2)');
    expect(embed.fields[1].value).toContain('$750**, down 25%: usually $1,000 on Wednesdays (range $989–$1,011)');
    const { rows } = await w.pool.query('select dedupe_key, status, payload from deliveries where company_id = $1', [
      companyId,
    ]);
    expect(rows).toEqual([
      {
        dedupe_key: `anomaly_alert:${DAY}:discord:${CHANNEL}`,
        status: 'posted',
        payload: expect.objectContaining({ day: DAY }),
      },
    ]);

    const later = new Date('2026-11-26T05:00:00Z');
    expect(await scanAnomalies(w.context({ now: () => later }), later)).toEqual({
      checked: 0,
      anomalies: 0,
      outcomes: [],
    });
    expect(w.discord.requests.filter((r) => r.path.startsWith('/channels/'))).toHaveLength(1);
  });

  it('checks, but posts nothing, on a day without anomalies', async () => {
    // The 26th: no MRR or engagement rows; 0 signups against a usual 2 is under the floor of 3.
    const now = new Date('2026-11-27T00:05:00Z');
    expect(await scanAnomalies(w.context({ now: () => now }), now)).toEqual({ checked: 1, anomalies: 0, outcomes: [] });
  });
});
