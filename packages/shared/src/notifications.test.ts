import { describe, expect, it } from 'vitest';
import {
  defaultNotificationPreference,
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_KINDS,
  notificationCategoryOf,
  ZNotificationPreferencesUpdate,
} from './notifications.ts';

describe('notification categories', () => {
  it('puts every kind in exactly one category', () => {
    const kinds = NOTIFICATION_KINDS.map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds.length).toBe(NOTIFICATION_CATEGORIES.flatMap((c) => c.kinds).length);
    expect(notificationCategoryOf('poll.reminder')).toBe('polls');
    expect(notificationCategoryOf('no.such.kind')).toBeUndefined();
  });

  it('emails mentions at once and everything else in the digest by default', () => {
    expect(defaultNotificationPreference('mentions')).toEqual({ inApp: true, email: 'immediate' });
    expect(defaultNotificationPreference('feedback')).toEqual({ inApp: true, email: 'digest' });
  });

  it('accepts an empty change and refuses an unknown category by its path', () => {
    expect(ZNotificationPreferencesUpdate.parse({})).toEqual({ preferences: [] });
    const result = ZNotificationPreferencesUpdate.safeParse({
      preferences: [{ category: 'polls' }, { category: 'gossip' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['preferences.1.category']);
  });
});
