// deliveries:retry — every minute: takes over the claimed deliveries whose lease ran out (their worker died
// between claiming and recording, or a transient error's backoff is over) and posts them, a batch at a time,
// until none is left or the worker stops.
import { reclaimDue, type AttemptOutcome } from '../../core/delivery/index.ts';
import { deliveryPlatforms, type JobContext } from './context.ts';
import { postClaimed } from './delivery-runner.ts';

export async function retryDeliveries(
  ctx: JobContext,
  now: () => Date = ctx.now,
  maxBatches = 20,
): Promise<AttemptOutcome[]> {
  const platforms = deliveryPlatforms(ctx.deliverers);
  const outcomes: AttemptOutcome[] = [];
  for (let batch = 0; batch < maxBatches && !ctx.signal.aborted; batch++) {
    const due = await reclaimDue(ctx.pool, {
      now: now(),
      leaseMs: ctx.delivery.leaseMs,
      limit: ctx.delivery.concurrency * 4,
      platforms,
    });
    if (due.length === 0) break;
    outcomes.push(...(await postClaimed(ctx, due)));
  }
  return outcomes;
}
