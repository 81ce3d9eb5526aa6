import type { CohortAction, CohortRole } from '@colab/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet } from '../../api/client.ts';
import type { AuditEvent, Cohort, CohortList, Invitation, Member } from './types.ts';

export const cohortKeys = {
  list: ['cohorts'] as const,
  one: (id: string) => ['cohort', id] as const,
  members: (id: string) => ['cohort', id, 'members'] as const,
  invitations: (id: string) => ['cohort', id, 'invitations'] as const,
  audit: (id: string) => ['cohort', id, 'audit'] as const,
};

const base = (id: string) => `/api/cohorts/${encodeURIComponent(id)}`;
export const cohortPaths = {
  one: base,
  members: (id: string) => `${base(id)}/members`,
  member: (id: string, userId: string) => `${base(id)}/members/${encodeURIComponent(userId)}`,
  invitations: (id: string) => `${base(id)}/invitations`,
  audit: (id: string) => `${base(id)}/audit`,
};

export function useCohortList() {
  return useQuery({
    queryKey: cohortKeys.list,
    queryFn: () => apiGet<CohortList>('/api/cohorts'),
  });
}

export function useCohort(id: string) {
  return useQuery({
    queryKey: cohortKeys.one(id),
    queryFn: () => apiGet<Cohort>(cohortPaths.one(id)),
  });
}

export function useMembers(id: string) {
  return useQuery({
    queryKey: cohortKeys.members(id),
    queryFn: async () => (await apiGet<{ members: Member[] }>(cohortPaths.members(id))).members,
  });
}

export function useInvitations(id: string) {
  return useQuery({
    queryKey: cohortKeys.invitations(id),
    queryFn: async () =>
      (await apiGet<{ invitations: Invitation[] }>(cohortPaths.invitations(id))).invitations,
  });
}

export function useAudit(id: string, enabled = true) {
  return useQuery({
    queryKey: cohortKeys.audit(id),
    queryFn: async () => (await apiGet<{ events: AuditEvent[] }>(cohortPaths.audit(id))).events,
    enabled,
  });
}

/** After a change to a cohort: its page, members, invitations and log, and the home list. */
export function useRefreshCohort(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: cohortKeys.one(id) }),
      queryClient.invalidateQueries({ queryKey: cohortKeys.list }),
    ]);
}

export function may(cohort: Pick<Cohort, 'allowedActions'>, action: CohortAction): boolean {
  return cohort.allowedActions.includes(action);
}

export const ROLE_LABELS: Record<CohortRole, string> = {
  programme_lead: 'Programme lead',
  facilitator: 'Facilitator',
  participant: 'Participant',
  sponsor: 'Sponsor',
};

/** “a participant”, “a programme lead”: for sentences. */
export function roleWithArticle(role: CohortRole | string): string {
  const label = (ROLE_LABELS as Record<string, string>)[role] ?? role.replaceAll('_', ' ');
  return `a ${label.toLowerCase()}`;
}

export const ROLE_DESCRIPTIONS: Record<CohortRole, string> = {
  programme_lead: 'Runs the cohort: settings, archiving, everyone’s roles.',
  facilitator: 'Sets up the space, invites people, runs sets and boards.',
  participant: 'Takes part: reflects, joins a set and a project group.',
  sponsor: 'Follows project groups and comments on the showcase.',
};
