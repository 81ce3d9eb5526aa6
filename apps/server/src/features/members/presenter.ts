import type { CohortRole } from '@colab/shared';

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: CohortRole;
  joinedAt: Date;
  pronouns: string | null;
  bio: string | null;
  organisation: string | null;
  jobTitle: string | null;
  timezone: string | null;
}

/**
 * One member as a viewer sees them. With "titles at the door" on, nobody sees another
 * member's organisation or job title — whatever their role — only their own; exports are the
 * one place they appear. Emails are for those who run the cohort.
 */
export function presentMember(
  row: MemberRow,
  viewer: { userId: string; titlesVisible: boolean; emailsVisible: boolean },
) {
  const self = row.userId === viewer.userId;
  const showTitles = self || viewer.titlesVisible;
  return {
    userId: row.userId,
    displayName: row.name,
    role: row.role,
    joinedAt: row.joinedAt.toISOString(),
    pronouns: row.pronouns ?? '',
    bio: row.bio ?? '',
    timezone: row.timezone ?? 'Europe/London',
    initials: initialsOf(row.name),
    ...(showTitles ? { organisation: row.organisation ?? '', jobTitle: row.jobTitle ?? '' } : {}),
    ...(self || viewer.emailsVisible ? { email: row.email } : {}),
  };
}
export type PresentedMember = ReturnType<typeof presentMember>;

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length > 1 ? [parts[0]![0], parts.at(-1)![0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join('').toUpperCase() || '?';
}
