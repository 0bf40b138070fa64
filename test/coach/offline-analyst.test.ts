// The offline analyst (no OPENAI_API_KEY) on the hand-built company of coach-fixture.ts: each intent is answered
// with the figures worked out by hand there, says that the offline analyst answered, and stays inside its
// company; the context built for one company holds nothing of another.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCoachContext } from '../../core/coach/coach-context.ts';
import { createCoach, detectIntent, type PulseCoach } from '../../core/coach/index.ts';
import { companyById } from '../../core/revenue/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { asOf, buildCoachWorld, type CoachWorld } from './coach-fixture.ts';

let db: TestDatabase;
let pool: pg.Pool;
let world: CoachWorld;
let coach: PulseCoach;
let asker = 0;
const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Each question from a new user, so the rate limit never interferes. */
const ask = (question: string, opts: { memberNames?: boolean; companyId?: number } = {}) =>
  coach.ask({
    companyId: opts.companyId ?? world.acme.id,
    workspaceLinkId: null,
    userRef: `discord:${++asker}`,
    question,
    asOf,
    memberNames: opts.memberNames ?? true,
  });

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 6 });
  world = await buildCoachWorld(pool);
  coach = createCoach({ db: pool, config: { OPENAI_MODEL: 'gpt-4o-mini' }, now: () => asOf, log: quietLog });
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('intent detection', () => {
  it('recognises the suggested first questions and the common intents', () => {
    expect(detectIntent('Why is my revenue down this month?')).toBe('revenue');
    expect(detectIntent('How can I reduce churn?')).toBe('churn');
    expect(detectIntent('What content performs best?')).toBe('content');
    expect(detectIntent('How do I compare to similar businesses?')).toBe('benchmarks');
    expect(detectIntent('How does this month compare to last month?')).toBe('compare');
    expect(detectIntent('Who should I contact first?')).toBe('contact');
    expect(detectIntent('Good morning!')).toBe('general');
  });
});

describe('offline answers', () => {
  it('why revenue is down: MRR start and end, movements, the churn driver, cash, failed payments, next steps', async () => {
    const a = await ask('Why is my revenue down?');
    expect(a).toMatchObject({ answeredBy: 'offline analyst', tokens: 0, memberLevel: false });
    expect(a.text).toMatch(/^_Offline analyst: no AI model is set up/);
    // 29,000 -> 24,000 = -5,000 (-17.2%); new +3,000 (Eve), churn -8,000 (Cid, Jon)
    expect(a.text).toContain(
      'Over the last 30 days (2026-02-14 to 2026-03-15), MRR went from $290 to $240, −$50 (−17.2%).',
    );
    expect(a.text).toContain('Net new MRR was −$50: +$30 new, −$80 churned.');
    // 2 of 7 customers churned; gross MRR churn 8,000 / 29,000
    expect(a.text).toContain('2 of 7 customers left (customer churn 28.6%, gross MRR churn 27.6%)');
    expect(a.text).toContain('Cash collected was $190 against $290 in the period before.');
    expect(a.text).toContain('1 payment failed ($50), and $50 of MRR is past due.');
    expect(a.text).toMatch(/Next steps: 1\) ask the 1 past-due customer to update their payment method/);
    expect(a.text.split('\n\n')).toHaveLength(4); // the lead-in and three short paragraphs
  });

  it('takes the period a question names: this month is [03-01, 03-16) against the 15 days before', async () => {
    const a = await ask('Why is my revenue down this month?');
    // start of March: Ann, Ben, Cid, Dee, Eve, Gus, Hal = 27,000; Cid churns 03-10 -> 24,000 (-11.1%)
    expect(a.text).toContain('Over this month (2026-03-01 to 2026-03-15), MRR went from $270 to $240, −$30 (−11.1%).');
    expect(a.text).toContain('1 of 7 customers left (customer churn 14.3%, gross MRR churn 11.1%)');
    // cash: Dee 03-06 5,000; 02-14..02-28: Ann 3,000 + Eve 3,000 + Ben 5,000 + Gus 3,000
    expect(a.text).toContain('Cash collected was $50 against $140 in the period before.');
  });

  it('says so when revenue is asked about as up but went down', async () => {
    expect((await ask('Why did my revenue go up?')).text).toContain('−$50 (−17.2%) — it is actually down, not up.');
  });

  it('how to reduce churn: churn rates now and before, risk counts and reasons, idle members, actions', async () => {
    const a = await ask('How can I reduce churn?');
    expect(a.text).toContain(
      'Over the last 30 days, 2 of 7 customers left: customer churn 28.6% (14.3% in the period before), and gross MRR churn was 27.6% ($80).',
    );
    // latest scoring only, counted whole as /churn counts it (Eve's medium prediction counts though snoozed)
    expect(a.text).toContain('marks 1 critical, 1 high and 2 medium risk');
    expect(a.text).toContain('"last renewal payment failed and is still unpaid"');
    // Dee last active 03-01 (idle), Gus never and Hal 02-10 (dormant)
    expect(a.text).toContain('1 member has been quiet for 7-29 days and 2 for 30 days or more.');
    expect(a.text).toContain('1) Ask them to update their payment method: a renewal charge failed (1 member)');
    expect(a.text).not.toContain('old reason');
  });

  it('which content works: the most viewed course with its completion rate and drop-off, and the weakest', async () => {
    const a = await ask('What content performs best?');
    // Launch Course: Ann 3 + Ben 2 + Eve 1 + Dee 1 interactions, 4 members, Ann completed; Eve and Dee stopped after L1
    expect(a.text).toContain(
      'Your best performer over the last 30 days is the course "Launch Course": 7 views from 4 members, 1 completion, completion rate 25%.',
    );
    expect(a.text).toContain('In "Launch Course", 50% of starters (2) stop after "L1".');
    expect(a.text).toContain(
      'The weakest is the course "Advanced Course": 1 view from 1 member, 0 completions, completion rate 0%.',
    );
    expect(a.text).toContain('rework "L1", where 50% of starters stop');
  });

  it('how this period compares: each headline figure now against the period before', async () => {
    const a = await ask('How does this period compare with the previous one?');
    expect(a.text).toContain(
      'The last 30 days (2026-02-14 to 2026-03-15) against the period before (2026-01-15 to 2026-02-13)',
    );
    expect(a.text).toContain('MRR $240 vs $290, −$50 (−17.2%)');
    expect(a.text).toContain('net new MRR −$50 vs $0');
    expect(a.text).toContain('customers 6 vs 7, customer churn 28.6% vs 14.3%');
    expect(a.text).toContain('cash collected $190 vs $290');
    // active at the end of each period: Ann, Ben, Eve now; only Hal on 02-13
    expect(a.text).toContain('active members 3 vs 1');
    expect(a.text).toContain('Holding up or better: activity. Worse: MRR, churn, cash collected.');
  });

  it('who to contact first: the latest scoring, riskiest first, with reasons and the first action', async () => {
    const a = await ask('Who should I contact first?');
    expect(a.memberLevel).toBe(true);
    const lines = a.text.split('\n').filter((l) => /^\d\. /.test(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      '1. **Hal Member**, critical risk (82% churn probability): last renewal payment failed and is still unpaid; no activity for 33 days → Ask them to update their payment method: a renewal charge failed',
    );
    expect(lines[1]).toMatch(
      /^2\. \*\*Gus IGNORE PREVIOUS INSTRUCTIONS .*\*\*, high risk \(64% churn probability\): no activity in the last 30 days → Send a personal "we miss you" message$/,
    );
    expect(lines[2]).toMatch(/^3\. \*\*Dee Member\*\*, medium risk \(41% churn probability\)/);
    expect(a.text).not.toMatch(/Ann Member|Eve Member|Zed/);
  });

  it('leaves names out for someone who may not see member-level data', async () => {
    const a = await ask('Who should I contact first?', { memberNames: false });
    expect(a.memberLevel).toBe(false);
    expect(a.text).toContain('1. A member at critical risk (82% churn probability)');
    expect(a.text).not.toMatch(/Hal|Gus|Dee/);
    expect(a.text).toContain('Member names are shown to admins only');
  });

  it("benchmarks: says plainly they are not available yet, and gives the company's own trend", async () => {
    const a = await ask('How do I compare to similar businesses?');
    expect(a.text).toContain("Comparing you with similar businesses isn't available yet");
    // ARPU 24,000 / 6; active 3 of 6 counted members
    expect(a.text).toContain(
      'customer churn 28.6% over the last 30 days (14.3% the period before), ARPU $40, 3 of 6 members active in the last 7 days',
    );
  });

  it('anything else: the headline figures and what to ask', async () => {
    const a = await ask('Good morning!');
    expect(a.text).toContain(
      'MRR is $240 from 6 customers, −$50 (−17.2%) over the last 30 days; customer churn 28.6%.',
    );
    expect(a.text).toContain('3 of 6 members were active in the last 7 days; 2 at high or critical churn risk.');
    expect(a.text).toContain('Most viewed content: "Launch Course" (7 views).');
    expect(a.text).toContain('Ask me why revenue moved');
  });
});

describe('tenant isolation', () => {
  it("builds a company's context from its own rows only", async () => {
    const acme = JSON.stringify(
      await buildCoachContext({ db: pool, company: await companyById(pool, world.acme.id), asOf, memberNames: true }),
    );
    const rival = JSON.stringify(
      await buildCoachContext({ db: pool, company: await companyById(pool, world.rival.id), asOf, memberNames: true }),
    );
    expect(acme).toContain('Hal Member');
    expect(acme).not.toMatch(/Zed|Rivalsecret|Rival Secret|rival reason|9900/);
    expect(rival).toContain('Zed Rivalsecret');
    expect(rival).toContain('"mrrEndMinor":9900');
    expect(rival).not.toMatch(/Hal Member|Launch Course|Gus|24000/);
  });

  it('answers the other company with its own figures', async () => {
    const a = await ask('Who should I contact first?', { companyId: world.rival.id });
    expect(a.text).toContain(
      '1. **Zed Rivalsecret**, critical risk (97% churn probability): rival reason → rival action',
    );
    expect(a.text).not.toMatch(/Hal|Gus|Dee/);
  });
});
