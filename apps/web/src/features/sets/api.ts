import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPost } from '../../api/client.ts';

export interface LearningSet {
  id: string;
  cohortId: string;
  name: string;
  createdAt: string;
  members: { userId: string; displayName: string; role: 'member' | 'facilitator' }[];
  warnings: { code: string; message: string }[];
}

export const setKeys = { list: (cohortId: string) => ['cohort', cohortId, 'sets'] as const };
const cohortSets = (cohortId: string) => `/api/cohorts/${encodeURIComponent(cohortId)}/sets`;
const setPath = (id: string) => `/api/sets/${encodeURIComponent(id)}`;

export function useSets(cohortId: string) {
  return useQuery({
    queryKey: setKeys.list(cohortId),
    queryFn: async () => (await apiGet<{ sets: LearningSet[] }>(cohortSets(cohortId))).sets,
  });
}

/** Changes to sets; each refreshes the cohort's list of sets. */
export function useSetChanges(cohortId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: setKeys.list(cohortId) });
  return {
    create: useMutation({
      mutationFn: (input: { name: string; memberIds: string[] }) =>
        apiPost<LearningSet>(cohortSets(cohortId), input),
      onSuccess: refresh,
    }),
    add: useMutation({
      mutationFn: ({ setId, userIds }: { setId: string; userIds: string[] }) =>
        apiPost<LearningSet>(`${setPath(setId)}/members`, { userIds }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: ({ setId, userId }: { setId: string; userId: string }) =>
        apiDelete(`${setPath(setId)}/members/${encodeURIComponent(userId)}`),
      onSuccess: refresh,
    }),
  };
}
