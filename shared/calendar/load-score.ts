/** The figures of a person's on-call load that its score weighs. */
export interface LoadFigures {
  onCallHours: number;
  offHoursHours: number;
  pages: number;
  nightPages: number;
}

/**
 * Scores a load in hours: time on call, with off-hours time counted twice, plus two hours per night
 * page and half an hour per other page — the weight the relay's rebalance evens out and the console's
 * fairness table shows (one formula for both).
 */
export function loadScore(load: LoadFigures): number {
  return load.onCallHours + load.offHoursHours + 2 * load.nightPages + 0.5 * (load.pages - load.nightPages);
}
