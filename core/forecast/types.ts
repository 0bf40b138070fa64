// Plain shapes of the MRR forecast: a daily series in, a daily forecast with its 80% interval out.

/** MRR at the end of a calendar day (company time zone), integer minor units. */
export interface DailyMrr {
  day: string;
  mrrMinor: number;
}

/** One forecast day: the point forecast and the bounds of its prediction interval, minor units. */
export interface ForecastPoint {
  day: string;
  mrrMinor: number;
  lowMinor: number;
  highMinor: number;
}

/** Point forecasts for horizons 1..h, and optionally the interval bounds for each. */
export interface HorizonForecast {
  point: number[];
  low?: number[];
  high?: number[];
}

/** A forecasting method as the back-test sees it: history in (oldest first), horizons 1..h out. */
export interface Forecaster {
  name: string;
  forecast(history: readonly number[], horizon: number): HorizonForecast;
}
