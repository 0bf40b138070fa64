// The answer a claimed delivery posts, rebuilt from the ledger row alone (so a retry or a takeover after a
// crash posts the same thing): a digest as of the instant it was first claimed, a churn alert for the
// predictions in its payload, an anomaly alert for the anomalies in its payload, a failed-payment alert for its
// episode as it stands now, "Pulse is ready" as of its claim.
import type { Answer } from '../../bot/answer.ts';
import { buildChurnAlert } from '../../bot/messages/churn-alert.ts';
import { buildDigest } from '../../bot/messages/digest.ts';
import { buildPaymentAlert } from '../../bot/messages/payment-alert.ts';
import type { PaymentAlertPayload } from '../../core/rescue/index.ts';
import { buildReadyPost } from '../../bot/messages/ready.ts';
import type { AnomalyPayload } from '../../core/anomalies/index.ts';
import type { ChurnAlertPayload, ClaimedDelivery } from '../../core/delivery/index.ts';
import type { Tenant } from '../../core/tenancy/index.ts';
import { anomalyAnswer } from './anomaly-answer.ts';
import type { JobContext } from './context.ts';

export async function deliveryAnswer(ctx: JobContext, tenant: Tenant, d: ClaimedDelivery): Promise<Answer> {
  switch (d.kind) {
    case 'daily_digest':
      return buildDigest(ctx.botDeps, tenant, { kind: 'daily', asOf: d.createdAt });
    case 'weekly_digest':
      return buildDigest(ctx.botDeps, tenant, { kind: 'weekly', asOf: d.createdAt });
    case 'churn_alert': {
      const { predictionIds } = d.payload as ChurnAlertPayload;
      return buildChurnAlert(
        ctx.botDeps,
        tenant,
        predictionIds.map((predictionId) => ({ predictionId })),
      );
    }
    case 'anomaly_alert':
      return anomalyAnswer(tenant, d.payload as AnomalyPayload);
    case 'payment_alert':
      return buildPaymentAlert(ctx.botDeps, tenant, (d.payload as PaymentAlertPayload).rescueId);
    case 'pulse_ready':
      return buildReadyPost(ctx.botDeps, tenant, d.createdAt);
  }
}
