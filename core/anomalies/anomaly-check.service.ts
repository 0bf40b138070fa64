// The daily anomaly check of one company for one local day (the last complete one): skipped when every
// destination already has that day's anomaly post; otherwise reads the series, detects anomalies and, when
// there are any, claims one delivery per destination with the anomalies as payload — in one transaction, so
// deciding and claiming are one step. The caller posts the claims after the commit.
import type { Queryable } from '../db/queryable.ts';
import type { Day } from '../period.ts';
import { inTransaction } from '../db/transaction.ts';
import { countClaimedKeys } from '../delivery/claimed-keys.repository.ts';
import { detectAnomalies, type Anomaly, type AnomalySettings } from './anomaly-detection.ts';
import { anomalySeries } from './anomaly-series.repository.ts';
import type { AlertDestination } from '../delivery/churn-alert.service.ts';
import { dedupeKey } from '../delivery/dedupe-key.ts';
import { claimDeliveries, type ClaimedDelivery } from '../delivery/ledger.repository.ts';

/** The payload of an anomaly_alert delivery. */
export interface AnomalyPayload {
  day: Day;
  anomalies: Anomaly[];
}

export interface AnomalyCheck {
  /** False when every destination already had this day's post (nothing was read). */
  checked: boolean;
  anomalies: Anomaly[];
  claimed: ClaimedDelivery[];
}

export async function checkAnomalies(
  db: Queryable,
  companyId: number,
  destinations: readonly AlertDestination[],
  opts: {
    day: Day;
    timeZone: string;
    settings: AnomalySettings;
    now: Date;
    leaseMs: number;
  },
): Promise<AnomalyCheck> {
  if (destinations.length === 0) return { checked: false, anomalies: [], claimed: [] };
  const addresses = destinations.map((d) => ({ ...d, companyId, kind: 'anomaly_alert' as const, period: opts.day }));
  if (
    (await countClaimedKeys(
      db,
      companyId,
      addresses.map((a) => dedupeKey(a)),
    )) === addresses.length
  )
    return { checked: false, anomalies: [], claimed: [] };
  return inTransaction(db, async (tx) => {
    const anomalies = detectAnomalies(
      await anomalySeries(tx, companyId, opts.day, opts.settings.weeks, opts.timeZone),
      opts.settings,
    );
    if (anomalies.length === 0) return { checked: true, anomalies, claimed: [] };
    const payload: AnomalyPayload = { day: opts.day, anomalies };
    const claimed = await claimDeliveries(
      tx,
      addresses.map((a) => ({ ...a, payload })),
      opts,
    );
    return { checked: true, anomalies, claimed };
  });
}
