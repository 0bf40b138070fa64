// The MRR forecast as coach facts (core/forecast): MRR expected in 30 and 90 days with the 80% interval, and
// whether the method beat the naive and straight-line baselines on this company's own history.
import type { Queryable } from '../db/queryable.ts';
import { mrrForecast } from '../forecast/forecast.service.ts';
import type { ForecastPoint } from '../forecast/types.ts';

export interface ForecastHorizon {
  day: string;
  mrrMinor: number;
  lowMinor: number;
  highMinor: number;
}

export type ForecastFacts =
  | { available: true; lastDay: string; in30Days: ForecastHorizon; in90Days: ForecastHorizon; backtest: string }
  | { available: false; reason: string };

const horizon = (p: ForecastPoint): ForecastHorizon => ({
  day: p.day,
  mrrMinor: p.mrrMinor,
  lowMinor: p.lowMinor,
  highMinor: p.highMinor,
});

export async function forecastFacts(db: Queryable, companyId: number, asOf: Date): Promise<ForecastFacts> {
  const { forecast, backtest } = await mrrForecast(db, companyId, { asOf, horizon: 90 });
  if (!forecast.ok) return { available: false, reason: forecast.reason };
  return {
    available: true,
    lastDay: forecast.lastDay,
    in30Days: horizon(forecast.points[29]!),
    in90Days: horizon(forecast.points[89]!),
    backtest: backtest.verdict,
  };
}
