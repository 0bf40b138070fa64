// Pulse's own Whop app events on POST /webhooks/whop (core/whop/app-events.ts applies them): after the commit,
// an install gets Pulse's company id stored as the installation's external_id at Whop and its first sync
// queued at once. A failed apply answers 500 so that Whop redelivers it (the inbox keeps it, unapplied).
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../core/config.ts';
import { createWhopClient } from '../../core/whop/client.ts';
import type { Pool } from '../../core/db/queryable.ts';
import { storeExternalId } from '../../core/whop/app-installations.ts';
import { isAppEvent, receiveAppEvent, type AppEffect } from '../../core/whop/app-events.ts';
import type { WebhookEnvelope } from '../../core/whop/webhook-apply.ts';
import { openJobQueue, type JobQueue } from '../jobs/job-queue.ts';

export interface AppEventRoute {
  handles(e: WebhookEnvelope): boolean;
  receive(
    webhookId: string,
    e: WebhookEnvelope,
    raw: string,
    log: FastifyBaseLogger,
  ): Promise<{ status: 200 | 500; outcome: string }>;
  close(): Promise<void>;
}

export function appEventRoute(
  config: Config,
  pool: Pool,
  queue: JobQueue = openJobQueue(config.DATABASE_URL),
): AppEventRoute {
  const whop = config.WHOP_API_KEY
    ? createWhopClient({ apiKey: config.WHOP_API_KEY, baseURL: config.WHOP_API_BASE_URL, timeoutMs: 3_000 })
    : undefined;

  const afterCommit = async (effect: AppEffect, log: FastifyBaseLogger) => {
    if (effect.kind === 'installed') {
      await queue
        .enqueueSync(effect.companyId)
        .catch((err: unknown) =>
          log.error(
            { companyId: effect.companyId, err: err instanceof Error ? err.message : String(err) },
            'first sync not queued (the 15-minute schedule will pick the company up)',
          ),
        );
      if (!whop)
        return log.warn({ companyId: effect.companyId }, 'WHOP_API_KEY unset: installation external_id not stored');
      const stored = await storeExternalId(whop, effect.installationId, effect.companyId).catch((err: unknown) => {
        log.warn(
          {
            companyId: effect.companyId,
            installationId: effect.installationId,
            err: err instanceof Error ? err.message : String(err),
          },
          'installation external_id not stored',
        );
        return 'failed' as const;
      });
      log.info(
        {
          companyId: effect.companyId,
          installationId: effect.installationId,
          created: effect.created,
          externalId: stored,
        },
        'whop app installed',
      );
    } else if (effect.kind === 'uninstalled') {
      log.info({ companyId: effect.companyId }, 'whop app uninstalled: posting and syncing stopped, erase scheduled');
    } else if (effect.kind === 'tier') {
      log.info(
        { companyId: effect.companyId, tier: effect.change.tier, changed: effect.change.changed },
        'tier membership applied',
      );
    } else {
      log.warn({ reason: effect.reason }, 'app event not applied');
    }
  };

  return {
    handles: (e) => isAppEvent(e, config),
    async receive(webhookId, e, raw, log) {
      const receipt = await receiveAppEvent(pool, webhookId, e, raw, {
        plans: config,
        graceDays: config.ERASE_GRACE_DAYS,
      });
      if (receipt.outcome === 'failed') {
        log.error(
          { webhookId, type: e.type, error: receipt.error },
          'whop app event stored but not applied; Whop will redeliver it',
        );
        return { status: 500, outcome: 'failed' };
      }
      if (receipt.effect) await afterCommit(receipt.effect, log);
      return { status: 200, outcome: receipt.outcome };
    },
    close: () => queue.close(),
  };
}
