// Reports (issue 14): pure figures over a range's incidents, pages and post-mortem action items.
export { buildReport, type ReportDirectory, type ReportInput } from './build-report.js';
export { durationStats, nearestRank, rate } from './duration-stats.js';
export { figuresOf, isFalsePositive, couldHaveWaited } from './figures.js';
export { daySeries, groupBy, groupByPriority, ruleHints, NO_CLIENT_KEY } from './groups.js';
export { interruptionsOf, isNightHour } from './interruptions.js';
export { onCallHours, responderTimeZone } from './on-call-hours.js';
export { countActionItems, localDate } from './action-items.js';
export { reportCsv } from './report-csv.js';
export type { ReportActionItemFact, ReportIncident, ReportIncidentFact, ReportPageFact } from './report-facts.js';
