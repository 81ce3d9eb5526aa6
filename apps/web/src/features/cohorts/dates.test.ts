import { describe, expect, it } from 'vitest';
import { cohortTiming, formatDateRange, formatDay } from './dates.ts';

describe('dates in plain words', () => {
  it('writes a calendar date the British way, never shifted by timezones', () => {
    expect(formatDay('2027-03-09')).toBe('9 March 2027');
    expect(formatDay('2027-01-01')).toBe('1 January 2027');
  });

  it('writes a range once per year', () => {
    expect(formatDateRange('2027-03-09', '2027-07-14')).toBe('9 March to 14 July 2027');
    expect(formatDateRange('2026-11-02', '2027-07-14')).toBe('2 November 2026 to 14 July 2027');
    expect(formatDateRange('2027-03-09', '2027-03-09')).toBe('9 March 2027');
  });

  it('says where a cohort is in its life', () => {
    const on = (date: string) => new Date(`${date}T12:00:00`);
    expect(cohortTiming('2027-03-09', '2027-07-14', on('2027-03-08'))).toBe('Starts tomorrow');
    expect(cohortTiming('2027-03-09', '2027-07-14', on('2027-03-01'))).toBe('Starts in 8 days');
    expect(cohortTiming('2027-03-09', '2027-07-14', on('2027-02-01'))).toBe('Starts in 5 weeks');
    expect(cohortTiming('2027-03-09', '2027-07-14', on('2027-03-23'))).toBe(
      'Running now: week 3 of 19',
    );
    expect(cohortTiming('2027-03-09', '2027-07-14', on('2027-08-01'))).toBe('Finished');
  });
});
