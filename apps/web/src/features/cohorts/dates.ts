// Dates in plain words, as people in the UK write them.

const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});

/** A calendar date (`2027-03-09`) is a day, not an instant: read it as UTC so it never shifts. */
function calendarDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** `2027-03-09` → “9 March 2027”. */
export function formatDay(date: string): string {
  return DAY.format(calendarDay(date));
}

/** “9 March to 14 July 2027”, or across years “9 November 2026 to 14 July 2027”. */
export function formatDateRange(startsOn: string, endsOn: string): string {
  if (startsOn === endsOn) return formatDay(startsOn);
  const sameYear = startsOn.slice(0, 4) === endsOn.slice(0, 4);
  const start = sameYear ? DAY_MONTH.format(calendarDay(startsOn)) : formatDay(startsOn);
  return `${start} to ${formatDay(endsOn)}`;
}

/** Where the cohort is in its life, relative to today: “Starts in 12 days”, “Ended”. */
export function cohortTiming(startsOn: string, endsOn: string, today = new Date()): string {
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const start = calendarDay(startsOn).getTime();
  const end = calendarDay(endsOn).getTime();
  const days = (ms: number) => Math.round(ms / 86_400_000);
  if (now < start) {
    const until = days(start - now);
    if (until === 1) return 'Starts tomorrow';
    if (until < 14) return `Starts in ${until} days`;
    if (until < 62) return `Starts in ${Math.round(until / 7)} weeks`;
    return `Starts in ${Math.round(until / 30.44)} months`;
  }
  if (now > end) return 'Finished';
  const week = Math.floor(days(now - start) / 7) + 1;
  const weeks = Math.floor(days(end - start) / 7) + 1;
  return `Running now: week ${week} of ${weeks}`;
}

/** An instant in the reader's own time (their profile's timezone): “3 Mar 2027, 14:05”. */
export function formatMoment(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: safeZone(timeZone),
  }).format(new Date(iso));
}

/** An instant as a day in the reader's own time: “3 March 2027”. */
export function formatMomentDay(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: safeZone(timeZone),
  }).format(new Date(iso));
}

/** A zone the browser knows, or undefined (the browser's own). */
function safeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}
