import { DateTime } from 'luxon';
import rrule from 'rrule';
import { ValidationFailed } from '../../errors.ts';

const { RRule } = rrule;
type Options = ReturnType<typeof RRule.parseString>;

/**
 * Recurrence in wall-clock time. A series recurs at a local time in its zone (14:00
 * Europe/London stays 14:00 across the clock changes), so rules are expanded over "floating"
 * times — the local fields written as if they were UTC — and each result is then placed in
 * the zone with Luxon. A rule's UNTIL is kept floating too and written as UTC only for
 * calendar files, where RFC 5545 wants it so.
 */
export interface SeriesTiming {
  localStart: string;
  timezone: string;
  rrule: string | null;
}

const DAY = 86_400_000;
/** Enough for years of fortnightly meetings; a rule cannot make a calendar explode. */
export const MAX_OCCURRENCES = 500;
const ALLOWED_FREQ = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY]);
const FORBIDDEN_PARTS = ['DTSTART', 'TZID', 'BYHOUR', 'BYMINUTE', 'BYSECOND', 'BYSETPOS'];

/** The instant a wall-clock time in a zone means (a time the clocks skip moves forward). */
export function toInstant(local: string, zone: string): Date {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid)
    throw new ValidationFailed([{ path: 'startsAt', message: 'That is not a date and time' }]);
  // A time the clocks pass twice means the first of them, as RFC 5545 (3.3.5) says.
  const wall = dt.toFormat(WALL);
  for (const minutes of [60, 30]) {
    const earlier = dt.minus({ minutes });
    if (earlier.toFormat(WALL) === wall) return earlier.toJSDate();
  }
  return dt.toJSDate();
}
const WALL = "yyyy-LL-dd'T'HH:mm:ss";

/** The wall-clock time of an instant in a zone, as `2027-03-09T14:00:00`. */
export function localOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat(WALL);
}

const floatingOf = (local: string) => {
  const dt = DateTime.fromISO(local, { zone: 'utc' });
  return dt.toJSDate();
};
const floatingToInstant = (floating: Date, zone: string) =>
  toInstant(DateTime.fromJSDate(floating, { zone: 'utc' }).toFormat(WALL), zone);
const instantToFloating = (instant: Date, zone: string) =>
  DateTime.fromJSDate(instant, { zone }).setZone('utc', { keepLocalTime: true }).toJSDate();

const ruleProblem = (message: string) => new ValidationFailed([{ path: 'rrule', message }]);

function parse(rule: string): Options {
  const upper = rule.toUpperCase();
  for (const part of FORBIDDEN_PARTS) {
    if (new RegExp(`(^|;)${part}[=;:]`).test(upper))
      throw ruleProblem(`Leave ${part} out: the start time and timezone say when`);
  }
  let options: Options;
  try {
    options = RRule.parseString(upper);
  } catch {
    throw ruleProblem('That is not a recurrence rule such as FREQ=WEEKLY;INTERVAL=4');
  }
  if (options.freq === undefined || !ALLOWED_FREQ.has(options.freq))
    throw ruleProblem('Repeat daily, weekly, monthly or yearly');
  if (options.interval !== undefined && (options.interval < 1 || options.interval > 52))
    throw ruleProblem('Repeat at most every 52 periods');
  if (options.count !== undefined && options.count !== null && options.count > MAX_OCCURRENCES)
    throw ruleProblem(`A series has at most ${MAX_OCCURRENCES} meetings`);
  return options;
}

/**
 * Checks a rule from outside and stores it in the floating convention: an UNTIL given in UTC
 * (RFC 5545) becomes the wall-clock time it means in the zone.
 */
export function normaliseRule(rule: string, zone: string): string {
  const options = parse(rule);
  if (options.until) {
    const dateOnly = /UNTIL=\d{8}(;|$)/i.test(rule);
    options.until = dateOnly
      ? new Date(options.until.getTime() + DAY - 1000)
      : instantToFloating(options.until, zone);
  }
  return RRule.optionsToString(options).replace(/^RRULE:/, '');
}

function ruleFor(series: SeriesTiming) {
  if (!series.rrule) return null;
  return new RRule({ ...parse(series.rrule), dtstart: floatingOf(series.localStart) });
}

/** The original starts of a series' occurrences in [from, to), earliest first. */
export function occurrencesBetween(
  series: SeriesTiming,
  from: Date,
  to: Date,
  limit = MAX_OCCURRENCES,
): Date[] {
  const rule = ruleFor(series);
  if (!rule) {
    const only = toInstant(series.localStart, series.timezone);
    return only >= from && only < to ? [only] : [];
  }
  // Widened by two days so zone offsets never clip an edge; trimmed exactly below.
  const floatingFrom = new Date(from.getTime() - 2 * DAY);
  const floatingTo = new Date(to.getTime() + 2 * DAY);
  const found: Date[] = [];
  rule.between(floatingFrom, floatingTo, true, (date) => {
    const instant = floatingToInstant(date, series.timezone);
    if (instant >= from && instant < to) found.push(instant);
    return found.length < limit;
  });
  return found;
}

/** Whether the rule (or the one-off) puts an occurrence at exactly this instant. */
export function isOccurrence(series: SeriesTiming, instant: Date): boolean {
  return occurrencesBetween(series, instant, new Date(instant.getTime() + 1), 1).length === 1;
}

/** All original starts up to (not including) `before`, at most MAX_OCCURRENCES. */
export function occurrencesBefore(series: SeriesTiming, before: Date): Date[] {
  return occurrencesBetween(series, new Date(0), before);
}

/** The rule cut so its last occurrence falls before `instant` ("this and following"). */
export function ruleEndingBefore(series: SeriesTiming, instant: Date): string {
  const options = parse(series.rrule ?? 'FREQ=DAILY;COUNT=1');
  options.count = null;
  options.until = new Date(instantToFloating(instant, series.timezone).getTime() - 1000);
  return RRule.optionsToString(options).replace(/^RRULE:/, '');
}

/** The rule as a calendar file carries it: UNTIL in UTC. */
export function icalRule(series: SeriesTiming): string {
  const options = parse(series.rrule ?? '');
  if (options.until) options.until = floatingToInstant(options.until, series.timezone);
  return RRule.optionsToString(options).replace(/^RRULE:/, '');
}

/** The zone's short name at an instant ("GMT", "BST"), for people reading times. */
export function zoneAbbreviation(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('ZZZZ');
}
