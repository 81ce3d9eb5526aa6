import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  icalRule,
  isOccurrence,
  normaliseRule,
  occurrencesBetween,
  ruleEndingBefore,
  toInstant,
} from './recurrence.ts';

const london = (d: Date) => DateTime.fromJSDate(d, { zone: 'Europe/London' });

describe('recurrence in wall-clock time', () => {
  const series = {
    localStart: '2027-03-09T14:00:00',
    timezone: 'Europe/London',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
  };

  it('keeps 14:00 in London across the last Sundays of March and October', () => {
    const found = occurrencesBetween(series, new Date('2027-03-01Z'), new Date('2027-12-01Z'));
    // Both clock changes of 2027 (28 March, 31 October) fall inside the range.
    expect(found[0]!.toISOString()).toBe('2027-03-09T14:00:00.000Z');
    expect(found[2]!.toISOString()).toBe('2027-04-06T13:00:00.000Z');
    expect(found.at(-1)!.toISOString()).toBe('2027-11-30T14:00:00.000Z');
    for (const d of found) {
      expect(london(d).toFormat('ccc HH:mm')).toBe('Tue 14:00');
    }
    const offsets = new Set(found.map((d) => london(d).offset));
    expect(offsets).toEqual(new Set([0, 60]));
  });

  it('finds one-offs and exact occurrences only', () => {
    const oneOff = { ...series, rrule: null };
    expect(occurrencesBetween(oneOff, new Date('2027-01-01Z'), new Date('2028-01-01Z'))).toEqual([
      new Date('2027-03-09T14:00:00Z'),
    ]);
    expect(isOccurrence(series, new Date('2027-04-06T13:00:00Z'))).toBe(true);
    expect(isOccurrence(series, new Date('2027-04-06T14:00:00Z'))).toBe(false);
    expect(isOccurrence(series, new Date('2027-03-16T14:00:00Z'))).toBe(false);
  });

  it('reads UNTIL as UTC and writes it back as UTC for calendars', () => {
    const rule = normaliseRule('FREQ=WEEKLY;UNTIL=20270706T130000Z', 'Europe/London');
    const bounded = { ...series, rrule: rule };
    const found = occurrencesBetween(bounded, new Date('2027-01-01Z'), new Date('2028-01-01Z'));
    expect(found.at(-1)!.toISOString()).toBe('2027-07-06T13:00:00.000Z');
    expect(icalRule(bounded)).toContain('UNTIL=20270706T130000Z');
  });

  it('cuts a series before an occurrence', () => {
    const cut = { ...series, rrule: ruleEndingBefore(series, new Date('2027-04-20T13:00:00Z')) };
    const found = occurrencesBetween(cut, new Date('2027-01-01Z'), new Date('2028-01-01Z'));
    expect(found.map((d) => d.toISOString())).toEqual([
      '2027-03-09T14:00:00.000Z',
      '2027-03-23T14:00:00.000Z',
      '2027-04-06T13:00:00.000Z',
    ]);
  });

  it('refuses rules that would say the time or explode', () => {
    for (const bad of [
      'FREQ=MINUTELY',
      'FREQ=WEEKLY;BYHOUR=3',
      'FREQ=WEEKLY;COUNT=100000',
      'DTSTART=20270101T000000Z;FREQ=DAILY',
      'nonsense',
    ]) {
      expect(() => normaliseRule(bad, 'Europe/London'), bad).toThrow();
    }
  });

  it('moves a time the clocks skip forward', () => {
    expect(toInstant('2027-03-28T01:30:00', 'Europe/London').toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
  });
});
