/**
 * Calendar days as `YYYY-MM-DD` strings in the viewer's zone. Only instants are converted
 * (with Intl); days are counted in plain date arithmetic, which has no zones to get wrong.
 */
export type Day = string;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
export function dayOf(iso: string | Date, timeZone: string): Day {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(typeof iso === 'string' ? new Date(iso) : iso);
}

const asDate = (day: Day) => new Date(`${day}T00:00:00Z`);
const asDay = (date: Date): Day => date.toISOString().slice(0, 10);

export function addDays(day: Day, n: number): Day {
  const date = asDate(day);
  date.setUTCDate(date.getUTCDate() + n);
  return asDay(date);
}

export function addMonths(day: Day, n: number): Day {
  const date = asDate(`${day.slice(0, 7)}-01`);
  date.setUTCMonth(date.getUTCMonth() + n);
  return asDay(date);
}

/** The Monday on or before a day. */
export function startOfWeek(day: Day): Day {
  const weekday = (asDate(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The weeks (Monday first) that show a whole month. */
export function monthWeeks(day: Day): Day[][] {
  const first = `${day.slice(0, 7)}-01`;
  const next = addMonths(first, 1);
  const weeks: Day[][] = [];
  for (let start = startOfWeek(first); start < next; start = addDays(start, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)));
  }
  return weeks;
}

export function formatDay(day: Day, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(asDate(day));
}

/** An instant safely before the start of a day anywhere, and one after its end. */
export const dayBounds = (from: Day, to: Day) => ({
  from: `${addDays(from, -1)}T00:00:00.000Z`,
  to: `${addDays(to, 2)}T00:00:00.000Z`,
});
