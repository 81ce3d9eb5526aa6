/** Times as a person reads them: in their own zone, with the zone named. */
export function formatWhen(iso: string, timeZone: string) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone: string) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** `2027-03-09T14:00` in a zone, for a datetime-local input showing an instant. */
export function toLocalInput(iso: string, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The repeat choices a facilitator has, as RFC 5545 rules (without RRULE:). */
export const REPEATS = [
  { id: 'none', label: 'Does not repeat', rule: null },
  { id: 'weekly', label: 'Every week', rule: 'FREQ=WEEKLY' },
  { id: 'fortnightly', label: 'Every 2 weeks', rule: 'FREQ=WEEKLY;INTERVAL=2' },
  { id: 'three-weekly', label: 'Every 3 weeks', rule: 'FREQ=WEEKLY;INTERVAL=3' },
  { id: 'four-weekly', label: 'Every 4 weeks', rule: 'FREQ=WEEKLY;INTERVAL=4' },
  { id: 'monthly', label: 'Every month', rule: 'FREQ=MONTHLY' },
] as const;

export function repeatRule(repeat: string, count: number) {
  const rule = REPEATS.find((r) => r.id === repeat)?.rule ?? null;
  return rule ? `${rule};COUNT=${Math.max(1, Math.min(100, count))}` : null;
}
