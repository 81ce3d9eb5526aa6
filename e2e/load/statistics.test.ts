import { describe, expect, it } from 'vitest';
import { median, percentile, spread } from './statistics.ts';

describe('median', () => {
  it('is the middle value of an odd count, in any order', () => {
    expect(median([30, 10, 20])).toBe(20);
  });

  it('is the mean of the two middle values of an even count', () => {
    // Four runs of a fan-out step: the median lies between the second and third best.
    expect(median([52.3, 42.6])).toBe(47.45);
    expect(median([70.3, 42.6, 52.3, 44.1])).toBeCloseTo(48.2, 10);
  });

  it('is not a number when there is nothing to summarise', () => {
    expect(median([])).toBeNaN();
  });
});

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted

  it('gives the value at the rank that covers p % of the values', () => {
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([5, 1, 3], 50)).toBe(3);
  });

  it('gives the smallest value at p 0 and NaN for no values', () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([], 99)).toBeNaN();
  });
});

describe('spread', () => {
  it('writes min / median / max rounded to a tenth', () => {
    expect(spread([42.6, 52.3])).toBe('42.6 / 47.5 / 52.3');
  });
});
