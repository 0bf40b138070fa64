// Risk levels from a calibrated churn probability (docs/metrics.md#churn-risk): critical > 0.7, high > 0.5,
// medium > 0.3, low otherwise. The one home of these cut-offs: scoring, charts, chat and report pages import
// them (and the range labels written from them) from here. Pure, so charts/ may import it.
import type { RiskLevel } from '../db/entities/churn.ts';

export type { RiskLevel } from '../db/entities/churn.ts';

/** A probability strictly above a level's cut-off reaches that level. */
export const RISK_THRESHOLDS = { medium: 0.3, high: 0.5, critical: 0.7 } as const;

export function riskLevel(probability: number): RiskLevel {
  if (probability > RISK_THRESHOLDS.critical) return 'critical';
  if (probability > RISK_THRESHOLDS.high) return 'high';
  if (probability > RISK_THRESHOLDS.medium) return 'medium';
  return 'low';
}

export const riskOrder: Record<RiskLevel, number> = { critical: 0, high: 1, medium: 2, low: 3 };

const whole = (x: number) => Math.round(x * 100);

/** A level's band of probabilities: "over 70%", "50–70%", "30–50%", "30% or less"; short: ">70%" … "≤30%" (legends). */
export function riskRange(level: RiskLevel, style: 'words' | 'short' = 'words'): string {
  const t = RISK_THRESHOLDS;
  if (level === 'critical') return style === 'short' ? `>${whole(t.critical)}%` : `over ${whole(t.critical)}%`;
  if (level === 'high') return `${whole(t.high)}–${whole(t.critical)}%`;
  if (level === 'medium') return `${whole(t.medium)}–${whole(t.high)}%`;
  return style === 'short' ? `≤${whole(t.medium)}%` : `${whole(t.medium)}% or less`;
}
