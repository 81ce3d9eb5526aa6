import { describe, expect, it } from 'vitest';
import { mayChangeCard, mayResolveComment } from './board-rules.ts';

const pat = { userId: 'pat', facilitates: false };
const fay = { userId: 'fay', facilitates: true };

describe('board rules', () => {
  it('lets a card be changed by its author and by those who run the cohort, nobody else', () => {
    expect(mayChangeCard(pat, 'pat')).toBe(true);
    expect(mayChangeCard(pat, 'paul')).toBe(false);
    expect(mayChangeCard(pat, undefined)).toBe(false);
    expect(mayChangeCard(fay, 'paul')).toBe(true);
    expect(mayChangeCard(fay, undefined)).toBe(true);
  });

  it('lets a comment be resolved by its author, the card’s author or a facilitator', () => {
    expect(mayResolveComment(pat, 'pat', 'paul')).toBe(true);
    expect(mayResolveComment(pat, 'paul', 'pat')).toBe(true);
    expect(mayResolveComment(pat, 'paul', 'paul')).toBe(false);
    expect(mayResolveComment(pat, 'paul', undefined)).toBe(false);
    expect(mayResolveComment(fay, 'paul', 'paul')).toBe(true);
  });
});
