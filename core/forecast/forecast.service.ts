// The MRR forecast of a company: its daily MRR history from core/revenue (the revenue rollup as of asOf),
// forecast 90 days ahead, and the back-test of the method on that same history.
import type { Queryable } from '../db/queryable.ts';
import { mrrSeries } from '../revenue/revenue.service.ts';
import { backtestMrrForecast, forecastMrr, type MrrBacktest, type MrrForecast } from './forecast-mrr.ts';

export interface CompanyForecast {
  forecast: MrrForecast;
  backtest: MrrBacktest;
}

export async function mrrForecast(
  conn: Queryable,
  companyId: number,
  options: { asOf: Date; horizon?: number },
): Promise<CompanyForecast> {
  const history = await mrrSeries(conn, companyId, { asOf: options.asOf });
  return { forecast: forecastMrr(history, options.horizon), backtest: backtestMrrForecast(history) };
}
