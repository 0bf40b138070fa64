// A small company built event by event, reported for March 2026 (UTC). Every payment is at 10:00 UTC.
// Plans: $10 monthly (1000/mo), $30 monthly (3000/mo), $90 quarterly (9000 / 3 = 3000/mo),
// $120 annual (12000 / 12 = 1000/mo), $30 monthly with a 7-day trial, a $500 lifetime plan, a free plan.
// The expected numbers are worked out by hand in revenue-report.test.ts.
import type { CompanyFixture, Fixtures } from '../helpers/fixtures.ts';

export const at = (day: string, time = '10:00') => `${day}T${time}:00Z`;

export async function buildMarchCompany(fx: Fixtures): Promise<CompanyFixture> {
  const co = await fx.company({ tier: 'enterprise', timeZone: 'UTC' });
  const ten = await co.plan({ price: 1000, periodDays: 30, title: '$10 monthly' });
  const thirty = await co.plan({ price: 3000, periodDays: 30, title: '$30 monthly' });
  const quarterly = await co.plan({ price: 9000, periodDays: 90 });
  const annual = await co.plan({ price: 12000, periodDays: 365 });
  const trial = await co.plan({ price: 3000, periodDays: 30, trialDays: 7 });
  const lifetime = await co.plan({ type: 'one_time', initialPrice: 50000 });
  const free = await co.plan({ free: true, periodDays: 30 });
  const member = (name: string) => co.member({ name, whopUserId: `user_${name.toLowerCase()}` });
  const pay = (
    m: Parameters<typeof co.payment>[0],
    day: string,
    extra: Partial<Parameters<typeof co.payment>[1]> = {},
  ) => co.payment(m, { paidAt: at(day), ...extra });

  // Ann: $10 monthly since Jan 10, renewing every 30 days (Jan 10, Feb 9, Mar 11): 1000 throughout.
  await co.subscribe(await member('Ann'), ten, { at: at('2026-01-10'), payments: 3 });
  // Ben: $10 monthly Jan 20 and Feb 19 (paid to Mar 21), cancelled at period end: churn on Mar 21.
  await co.subscribe(await member('Ben'), ten, {
    at: at('2026-01-20'),
    payments: 2,
    endedAt: at('2026-03-21'),
    cancelAtPeriodEnd: true,
    status: 'canceled',
  });
  // Cat: new on $30 monthly on Mar 5.
  await co.subscribe(await member('Cat'), thirty, { at: at('2026-03-05') });
  // Dan: $10 monthly Jan 16, Feb 15; upgrades on Mar 3 with a prorated $20 charge on the $30 plan.
  const dan = await co.subscribe(await member('Dan'), ten, { at: at('2026-01-16'), payments: 2 });
  await pay({ ...dan.membership, plan: thirty }, '2026-03-03', {
    amount: 2000,
    kind: 'other',
    billingReason: 'subscription_update',
  });
  // Eve: $30 monthly Jan 2, Feb 1, Mar 3; moves to a new $10 membership on Mar 20 at 12:00 (old access ends then).
  const eve = await member('Eve');
  await co.subscribe(eve, thirty, {
    at: at('2026-01-02'),
    payments: 3,
    endedAt: at('2026-03-20', '12:00'),
    status: 'canceled',
  });
  const eveNew = await co.membership(eve, ten, { startedAt: at('2026-03-20', '12:00') });
  await co.payment(eveNew, { paidAt: at('2026-03-20', '12:00'), kind: 'initial' });
  // Fay: $10 paid Mar 8, refunded in full Mar 12: new and churned inside March.
  const fay = await co.subscribe(await member('Fay'), ten, { at: at('2026-03-08') });
  await co.refund(fay.payments[0]!, { at: at('2026-03-12') });
  // Gus: $10 Dec 1 and Dec 31 2025 (paid to Jan 30), gone; back on Mar 15: reactivation.
  const gus = await member('Gus');
  await co.subscribe(gus, ten, { at: at('2025-12-01'), payments: 2, endedAt: at('2026-01-30'), status: 'expired' });
  await co.subscribe(gus, ten, { at: at('2026-03-15') });
  // Hal: $120 annual paid 2025-06-01: 1000 throughout.
  await co.subscribe(await member('Hal'), annual, { at: at('2025-06-01') });
  // Ivy: $10 Dec 31 and Jan 30 (paid to Mar 1); the renewal fails Mar 1 and is never paid: by Mar 31 10:00 the
  // failure is 30 days old, so she churned on Mar 1 (delinquent churn, dated at the failed renewal).
  const ivy = await co.subscribe(await member('Ivy'), ten, { at: at('2025-12-31'), payments: 2, status: 'past_due' });
  await co.failedPayment(ivy.membership, { failedAt: at('2026-03-01') });
  // Jon: $10 Jan 27, Feb 26 (paid to Mar 28); renewal fails Mar 28: in grace on Mar 31, past due.
  const jon = await co.subscribe(await member('Jon'), ten, { at: at('2026-01-27'), payments: 2, status: 'past_due' });
  await co.failedPayment(jon.membership, { failedAt: at('2026-03-28') });
  // Kim: $10 Jan 12, Feb 11 (paid to Mar 13); renewal fails Mar 13, paid Mar 16: recovered, never churned.
  const kim = await co.subscribe(await member('Kim'), ten, { at: at('2026-01-12'), payments: 2 });
  await co.failedPayment(kim.membership, { failedAt: at('2026-03-13') });
  await pay(kim.membership, '2026-03-16');
  // Lee: 7-day free trial from Mar 10, first paid $30 period on Mar 17: new on Mar 17, nothing before.
  const lee = await co.membership(await member('Lee'), trial, { startedAt: at('2026-03-10') });
  await pay(lee, '2026-03-17', { kind: 'initial' });
  // Moe: $500 lifetime purchase on Mar 5: revenue, not MRR.
  await pay({ member: await member('Moe'), plan: lifetime }, '2026-03-05');
  // Ned: $90 quarterly paid Feb 10: 3000/month from Feb 10.
  await co.subscribe(await member('Ned'), quarterly, { at: at('2026-02-10') });
  // Ola: on the free plan: never MRR.
  await co.membership(await member('Ola'), free, { startedAt: at('2026-02-01') });
  return co;
}
