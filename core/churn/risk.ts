// Risk levels from a calibrated churn probability (PRODUCT.md): critical > 0.7, high > 0.5, medium > 0.3.
import type { RiskLevel } from '../db/entities/churn.ts';

export type { RiskLevel } from '../db/entities/churn.ts';

export function riskLevel(probability: number): RiskLevel {
  if (probability > 0.7) return 'critical';
  if (probability > 0.5) return 'high';
  if (probability > 0.3) return 'medium';
  return 'low';
}

export const riskOrder: Record<RiskLevel, number> = { critical: 0, high: 1, medium: 2, low: 3 };
