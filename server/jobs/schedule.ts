// companies:schedule — every SYNC_EVERY, one pending incremental sync per company (unique on the company id,
// so ticks do not pile jobs up: an existing row is re-queued for now), and one nightly reconcile per company
// (a repeating job created once: insertOnly leaves an existing one and its next run alone).
import type { Agenda } from 'agenda';
import { rows, type Queryable } from '../../core/whop/db.ts';
import { RECONCILE_COMPANY, RECONCILE_CRON, SYNC_COMPANY, type CompanyJobData } from './names.ts';

/** Queue an incremental sync of one company now, unless one is already pending (it is then moved to now). */
export async function enqueueSync(agenda: Agenda, companyId: number): Promise<void> {
  await agenda.create<CompanyJobData>(SYNC_COMPANY, { companyId })
    .unique({ 'data.companyId': companyId })
    .schedule(new Date())
    .save();
}

/** Make sure the company has its nightly reconcile (created once; later calls change nothing). */
export async function ensureNightlyReconcile(agenda: Agenda, companyId: number): Promise<void> {
  await agenda.create<CompanyJobData>(RECONCILE_COMPANY, { companyId })
    .repeatEvery(RECONCILE_CRON, { timezone: 'UTC', skipImmediate: true })
    .unique({ 'data.companyId': companyId }, { insertOnly: true })
    .save();
}

/** One scheduling tick over every company; returns how many companies it covered. */
export async function scheduleCompanies(agenda: Agenda, db: Queryable): Promise<number> {
  const companies = await rows<{ id: string }>(db, 'select id from companies order by id');
  for (const { id } of companies) {
    await enqueueSync(agenda, Number(id));
    await ensureNightlyReconcile(agenda, Number(id));
  }
  return companies.length;
}
