import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPost } from '../../api/client.ts';

export interface JournalEntry {
  id: string;
  docName: string;
  cohortId: string | null;
  promptId: string | null;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface JournalEntryDetails extends JournalEntry {
  prompt: { id: string; text: string } | null;
  shares: { cohortId: string; sharedAt: string }[];
}

export interface Prompt {
  id: string;
  cohortId: string;
  text: string;
  opensAt: string;
  open: boolean;
}

export interface SharedReflection {
  entryId: string;
  title: string;
  body: string;
  author: { id: string; displayName: string };
  sharedAt: string;
}

export const journalKeys = {
  list: ['journal'] as const,
  one: (id: string) => ['journal', id] as const,
  prompts: (cohortId: string) => ['cohort', cohortId, 'prompts'] as const,
  shared: (cohortId: string) => ['cohort', cohortId, 'shared-reflections'] as const,
};

const entryPath = (id: string) => `/api/journal/${encodeURIComponent(id)}`;
const cohortPath = (id: string) => `/api/cohorts/${encodeURIComponent(id)}`;

export function useJournal() {
  return useQuery({
    queryKey: journalKeys.list,
    queryFn: async () => (await apiGet<{ entries: JournalEntry[] }>('/api/journal')).entries,
  });
}

export function useJournalEntry(id: string) {
  return useQuery({
    queryKey: journalKeys.one(id),
    queryFn: () => apiGet<JournalEntryDetails>(entryPath(id)),
  });
}

/** A new entry, free or answering a prompt; resolves with it so the page can open it. */
export function useNewEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { promptId?: string; title?: string }) =>
      apiPost<JournalEntry>('/api/journal', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: journalKeys.list }),
  });
}

export const journalActions = {
  delete: (id: string) => apiDelete(entryPath(id)),
  share: (id: string, cohortId: string) =>
    apiPost<{ sharedAt: string }>(`${entryPath(id)}/shares`, { cohortId }),
  unshare: (id: string, cohortId: string) =>
    apiDelete(`${entryPath(id)}/shares/${encodeURIComponent(cohortId)}`),
  publishPrompt: (cohortId: string, input: { text: string; opensAt?: string }) =>
    apiPost<Prompt>(`${cohortPath(cohortId)}/prompts`, input),
};

export function usePrompts(cohortId: string) {
  return useQuery({
    queryKey: journalKeys.prompts(cohortId),
    queryFn: async () =>
      (await apiGet<{ prompts: Prompt[] }>(`${cohortPath(cohortId)}/prompts`)).prompts,
  });
}

export function useSharedReflections(cohortId: string) {
  return useQuery({
    queryKey: journalKeys.shared(cohortId),
    queryFn: async () =>
      (
        await apiGet<{ reflections: SharedReflection[] }>(
          `${cohortPath(cohortId)}/shared-reflections`,
        )
      ).reflections,
  });
}
