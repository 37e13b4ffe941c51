// Business hours: when held medium and low incidents are released to escalation.
export { isBusinessTime, nextBusinessStart, type BusinessTeam } from './business-hours.js';
export { releaseAt } from './release-at.js';
export { addDays, instantAt, isoDate, localDateOf, offsetAt, weekdayOf, type LocalDate } from './zoned-time.js';
export { whoseHours, type WhoseHours } from './whose-hours.js';
