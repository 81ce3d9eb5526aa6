import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from '../../api/client.ts';

export interface Group {
  id: string;
  cohortId: string;
  name: string;
  challenge: string;
  docName: string;
  members: { userId: string; displayName: string }[];
  sponsors: { userId: string; displayName: string; chief: boolean }[];
  myRole: 'member' | 'sponsor' | null;
}

export interface Evidence {
  id: string;
  kind: 'interview' | 'observation' | 'finding';
  title: string;
  body: string;
  occurredOn: string | null;
  source: string;
  tags: string[];
  gatheredBy: { userId: string; displayName: string } | null;
  evidenceIds: string[];
  usedBy: string[];
}

export interface MediaFile {
  url: string;
  fileName: string;
  contentType: string;
  size: number;
}
export type OutputMedia = Record<'cover' | 'film' | 'report', MediaFile | null>;

export interface Output {
  id: string;
  groupId: string;
  groupName: string;
  title: string;
  summary: string;
  theme: string;
  keyFindings: string[];
  filmUrl: string | null;
  media: OutputMedia;
  status: 'draft' | 'submitted' | 'published';
  returnComment: string | null;
  publicLink: boolean;
  feedback: {
    id: string;
    author: { userId: string; displayName: string } | null;
    body: string;
    answer: string | null;
    answeredBy: { userId: string; displayName: string } | null;
  }[];
}

const groupPath = (id: string) => `/api/groups/${encodeURIComponent(id)}`;
export const groupKeys = {
  list: (cohortId: string) => ['cohort', cohortId, 'groups'] as const,
  one: (id: string) => ['group', id] as const,
  showcase: (cohortId: string, theme: string) => ['cohort', cohortId, 'showcase', theme] as const,
};

export const useGroups = (cohortId: string) =>
  useQuery({
    queryKey: groupKeys.list(cohortId),
    queryFn: async () =>
      (await apiGet<{ groups: Group[] }>(`/api/cohorts/${encodeURIComponent(cohortId)}/groups`))
        .groups,
  });

export const useGroup = (id: string, enabled = true) =>
  useQuery({
    queryKey: groupKeys.one(id),
    queryFn: () => apiGet<Group>(groupPath(id)),
    enabled,
  });

export const useEvidence = (groupId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...groupKeys.one(groupId), 'evidence'],
    queryFn: () =>
      apiGet<{ evidence: Evidence[]; tags: string[] }>(`${groupPath(groupId)}/evidence`),
    enabled,
  });

export const useGroupOutputs = (groupId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...groupKeys.one(groupId), 'outputs'],
    queryFn: async () =>
      (await apiGet<{ outputs: Output[] }>(`${groupPath(groupId)}/outputs`)).outputs,
    enabled,
  });

export const useShowcase = (cohortId: string, theme: string) =>
  useQuery({
    queryKey: groupKeys.showcase(cohortId, theme),
    queryFn: () =>
      apiGet<{ outputs: Output[]; themes: string[] }>(
        `/api/cohorts/${encodeURIComponent(cohortId)}/showcase${theme ? `?theme=${encodeURIComponent(theme)}` : ''}`,
      ),
  });

/** Every change to a group's work; each refreshes the group's queries (and the showcase). */
export function useGroupChanges(cohortId: string, groupId?: string) {
  const queryClient = useQueryClient();
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: ['group'] });
    await queryClient.invalidateQueries({ queryKey: ['cohort', cohortId] });
  };
  const path = groupId ? groupPath(groupId) : '';
  return {
    create: useMutation({
      mutationFn: (input: Record<string, unknown>) =>
        apiPost<Group>(`/api/cohorts/${encodeURIComponent(cohortId)}/groups`, input),
      onSuccess,
    }),
    addEvidence: useMutation({
      mutationFn: (input: Record<string, unknown>) => apiPost<Evidence>(`${path}/evidence`, input),
      onSuccess,
    }),
    createOutput: useMutation({
      mutationFn: (input: Record<string, unknown>) => apiPost<Output>(`${path}/outputs`, input),
      onSuccess,
    }),
    updateOutput: useMutation({
      mutationFn: ({ id, ...input }: { id: string } & Record<string, unknown>) =>
        apiPatch<Output>(`/api/outputs/${id}`, input),
      onSuccess,
    }),
    move: useMutation({
      mutationFn: ({
        id,
        step,
        comment,
      }: {
        id: string;
        step: 'submit' | 'publish' | 'return';
        comment?: string;
      }) => apiPost<Output>(`/api/outputs/${id}/${step}`, step === 'return' ? { comment } : {}),
      onSuccess,
    }),
    feedback: useMutation({
      mutationFn: ({ id, body }: { id: string; body: string }) =>
        apiPost(`/api/outputs/${id}/feedback`, { body }),
      onSuccess,
    }),
    answer: useMutation({
      mutationFn: ({ id, body }: { id: string; body: string }) =>
        apiPost(`/api/feedback/${id}/answer`, { body }),
      onSuccess,
    }),
  };
}
