import { describe, expect, it } from 'vitest';
import { mentionedIn } from './mentions.ts';

const people = [
  { userId: 'amy', displayName: 'Amy' },
  { userId: 'amy-a', displayName: 'Amy Aitkens' },
  { userId: 'bo', displayName: 'Bo Second' },
];

describe('finding @mentions in a comment', () => {
  it('finds whole names, case-blind, the longest first', () => {
    expect(mentionedIn('Thanks @amy aitkens, and @BO SECOND too', people).sort()).toEqual([
      'amy-a',
      'bo',
    ]);
    expect(mentionedIn('@Amy and @Amy Aitkens', people).sort()).toEqual(['amy', 'amy-a']);
  });

  it('ignores a name that runs on into another word, and text without an @', () => {
    expect(mentionedIn('@Amyx said Bo Second', people)).toEqual([]);
  });
});
