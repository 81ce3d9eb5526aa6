import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { apiGet, apiPost } from '../../api/client.ts';
import type { JournalEntry, Prompt, SharedReflection } from './types.ts';

export const journalKeys = {
  list: ['journal'] as const,
  entry: (id: string) => ['journal', id] as const,
  prompts: (cohortId: string) => ['cohort', cohortId, 'prompts'] as const,
  reflections: (cohortId: string) => ['cohort', cohortId, 'reflections'] as const,
};

const id = encodeURIComponent;
export const journalPaths = {
  list: '/api/journal',
  entry: (entryId: string) => `/api/journal/${id(entryId)}`,
  shares: (entryId: string) => `/api/journal/${id(entryId)}/shares`,
  share: (entryId: string, cohortId: string) =>
    `/api/journal/${id(entryId)}/shares/${id(cohortId)}`,
  prompts: (cohortId: string) => `/api/cohorts/${id(cohortId)}/prompts`,
  reflections: (cohortId: string) => `/api/cohorts/${id(cohortId)}/shared-reflections`,
};

export const entryTitle = (entry: Pick<JournalEntry, 'title'>) =>
  entry.title.trim() || 'Untitled entry';

export function useJournalEntries() {
  return useQuery({
    queryKey: journalKeys.list,
    queryFn: async () => (await apiGet<{ entries: JournalEntry[] }>(journalPaths.list)).entries,
  });
}

export function useJournalEntry(entryId: string) {
  return useQuery({
    queryKey: journalKeys.entry(entryId),
    queryFn: () => apiGet<JournalEntry>(journalPaths.entry(entryId)),
  });
}

/** Starts an entry (free, or answering a prompt) and opens it. */
export function useStartEntry() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (body: { promptId?: string }) => apiPost<JournalEntry>(journalPaths.list, body),
    onSuccess: (entry) => {
      queryClient.setQueryData(journalKeys.entry(entry.id), entry);
      void queryClient.invalidateQueries({ queryKey: journalKeys.list, exact: true });
      navigate(`/journal/${entry.id}`);
    },
  });
}

export function usePrompts(cohortId: string) {
  return useQuery({
    queryKey: journalKeys.prompts(cohortId),
    queryFn: async () =>
      (await apiGet<{ prompts: Prompt[] }>(journalPaths.prompts(cohortId))).prompts,
  });
}

export function useSharedReflections(cohortId: string) {
  return useQuery({
    queryKey: journalKeys.reflections(cohortId),
    queryFn: async () =>
      (await apiGet<{ reflections: SharedReflection[] }>(journalPaths.reflections(cohortId)))
        .reflections,
  });
}
