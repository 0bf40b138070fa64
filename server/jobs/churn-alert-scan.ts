// churn:alert-scan (per company, queued after each scoring) — members newly at critical/high in the latest
// scoring open a risk episode and are alerted once per episode (batched into one post when many); snoozed
// members are skipped; the posts claimed in the same transaction are then posted.
import { scanChurnAlerts, type AttemptOutcome, type ChurnAlertScan } from '../../core/delivery/index.ts';
import type { JobContext } from './context.ts';
import { postClaimed } from './delivery-runner.ts';
import { alertDestinations } from './destinations.ts';

export async function scanCompanyChurnAlerts(
  ctx: JobContext,
  companyId: number,
  now: Date = ctx.now(),
): Promise<ChurnAlertScan & { outcomes: AttemptOutcome[] }> {
  const destinations = (await alertDestinations(ctx, companyId)).map((d) => d.destination);
  const scan = await scanChurnAlerts(ctx.pool, companyId, destinations, { now, leaseMs: ctx.delivery.leaseMs });
  return { ...scan, outcomes: await postClaimed(ctx, scan.claimed) };
}
