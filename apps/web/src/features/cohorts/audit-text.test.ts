import { describe, expect, it } from 'vitest';
import { describeEvent, nameFinder } from './audit-text.ts';
import type { AuditEvent, Member } from './types.ts';

const members = [
  { userId: 'amy', displayName: 'Amy Aitkens' },
  { userId: 'bo', displayName: 'Bo Second' },
] as Member[];
const nameOf = nameFinder(members);
const event = (
  action: string,
  details: Record<string, unknown> = {},
  extra: Partial<AuditEvent> = {},
) =>
  ({
    id: 'e',
    action,
    actorId: 'amy',
    subjectUserId: null,
    details,
    createdAt: '',
    ...extra,
  }) as AuditEvent;

describe('activity in plain words', () => {
  it.each([
    [event('cohort.created', { name: 'Cohort 4' }), 'Amy Aitkens created the cohort.'],
    [
      event('cohort.updated', { changed: ['name', 'startsOn', 'titlesAtTheDoor'] }),
      'Amy Aitkens changed the cohort’s name, start date and “titles at the door” setting.',
    ],
    [event('cohort.archived'), 'Amy Aitkens archived the cohort.'],
    [
      event('member.joined', { role: 'sponsor' }, { actorId: 'bo', subjectUserId: 'bo' }),
      'Bo Second joined as a sponsor.',
    ],
    [
      event(
        'member.role_changed',
        { from: 'participant', to: 'programme_lead' },
        { subjectUserId: 'bo' },
      ),
      'Amy Aitkens changed Bo Second’s role from participant to programme lead.',
    ],
    [
      event('member.removed', {}, { subjectUserId: 'gone' }),
      'Amy Aitkens removed a former member from the cohort.',
    ],
    [event('member.left', {}, { actorId: 'gone' }), 'A former member left the cohort.'],
    [
      event('invitation.created', { email: 'dee@example.org', role: 'facilitator' }),
      'Amy Aitkens invited dee@example.org as a facilitator.',
    ],
    [
      event('invitation.resent', { email: 'dee@example.org' }),
      'Amy Aitkens sent a new invitation link to dee@example.org.',
    ],
    [
      event('invitation.revoked', { email: 'dee@example.org' }),
      'Amy Aitkens withdrew the invitation to dee@example.org.',
    ],
  ])('describes %#', (e, sentence) => {
    expect(describeEvent(e, nameOf)).toBe(sentence);
  });

  it('names the reader from their own profile even when the member list has not loaded', () => {
    const find = nameFinder(undefined, { id: 'amy', name: 'Amy Aitkens' });
    expect(find('amy')).toBe('Amy Aitkens');
    expect(find('bo')).toBe('a former member');
  });
});

describe('naming people in the log', () => {
  it('uses the name the log carries for someone no longer in the member list', () => {
    const event = {
      id: 'e',
      action: 'member.left',
      actorId: 'gone',
      actorName: 'Ada Gone',
      subjectUserId: 'gone',
      subjectName: 'Ada Gone',
      details: {},
      createdAt: '2027-03-01T10:00:00Z',
    };
    expect(describeEvent(event, nameFinder([], undefined, [event]))).toMatch(/^Ada Gone /);
    expect(nameFinder([], undefined, [])('gone')).toBe('a former member');
  });
});
