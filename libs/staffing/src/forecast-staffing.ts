import { CentreTargets } from './centre-targets';
import { ArrivalForecast, ArrivalForecastQuery, forecastArrivals } from './forecast';
import { RecommendedInterval, recommendStaffing } from './recommend-staffing';

export interface ForecastStaffingQuery extends ArrivalForecastQuery {
  readonly ahtSeconds: number;
  readonly meanPatienceSeconds?: number;
  readonly targets?: CentreTargets;
  readonly seats?: number;
}

export interface ForecastStaffing {
  readonly forecast: ArrivalForecast;
  readonly staffing: readonly RecommendedInterval[];
}

/** Forecast the coming intervals' arrivals, then the agents each needs (Erlang A). */
export function forecastStaffing(query: ForecastStaffingQuery): ForecastStaffing {
  const forecast = forecastArrivals(query);
  const intervalMinutes = query.intervalMinutes ?? 15;
  const staffing = recommendStaffing({
    intervals: forecast.intervals.map((interval) => ({
      startMs: interval.startMs,
      expectedCalls: interval.forecast,
      ahtSeconds: query.ahtSeconds,
    })),
    intervalSeconds: intervalMinutes * 60,
    meanPatienceSeconds: query.meanPatienceSeconds,
    targets: query.targets,
    seats: query.seats,
  });
  return { forecast, staffing };
}
