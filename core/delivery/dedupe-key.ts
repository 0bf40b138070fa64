// The delivery ledger's dedupe key, `<kind>:<period>:<platform>:<channel>`: one post per kind, period and
// destination, ever (unique with the company id). Periods never contain ':' — a local date '2026-03-29', an
// ISO week '2026-W13', a scoring instant and the scan's first episode
// '20261126T030000Z-e42' (churn alerts), a membership and its failed-payment episode 'm12-e7' (payment alerts),
// 'first-sync' (the one "Pulse is ready" post per channel).
import { BadInput } from '../errors.ts';

export const deliveryKinds = [
  'daily_digest',
  'weekly_digest',
  'churn_alert',
  'anomaly_alert',
  'payment_alert',
  'pulse_ready',
] as const;
export type DeliveryKind = (typeof deliveryKinds)[number];
export type DeliveryPlatform = 'discord' | 'slack';

export interface DeliveryAddress {
  kind: DeliveryKind;
  period: string;
  platform: DeliveryPlatform;
  channelId: string;
}

const periodPattern = /^[A-Za-z0-9_.-]+$/;

export function dedupeKey(a: DeliveryAddress): string {
  if (!periodPattern.test(a.period))
    throw new BadInput(`delivery period ${JSON.stringify(a.period)} may hold only letters, digits, '-', '_' and '.'`);
  if (!a.channelId) throw new BadInput('a delivery needs a channel id');
  return `${a.kind}:${a.period}:${a.platform}:${a.channelId}`;
}

export function parseDedupeKey(key: string): DeliveryAddress {
  const [kind, period, platform, ...channel] = key.split(':');
  if (
    !deliveryKinds.includes(kind as DeliveryKind) ||
    !period ||
    (platform !== 'discord' && platform !== 'slack') ||
    channel.length === 0
  ) {
    throw new BadInput(`not a delivery dedupe key: ${JSON.stringify(key)}`);
  }
  return { kind: kind as DeliveryKind, period, platform, channelId: channel.join(':') };
}

/** A scoring instant as a period: 2026-11-26T03:00:00.000Z -> '20261126T030000Z' (milliseconds kept when set). */
export function instantPeriod(at: Date): string {
  const iso = at.toISOString();
  const compact = iso.replace(/[-:]/g, '');
  return iso.endsWith('.000Z') ? compact.replace('.000Z', 'Z') : compact;
}
