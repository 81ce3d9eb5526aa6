import type { FollowUpOutcome, PollAnswer, RsvpAnswer } from '@colab/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, apiPut } from '../../api/client.ts';
import type { LearningSet } from './api.ts';

export interface Occurrence {
  meetingId: string;
  setId: string;
  title: string;
  occurrence: string;
  startsAt: string;
  endsAt: string;
  localStart: string;
  timezone: string;
  durationMinutes: number;
  location: string | null;
  videoUrl: string | null;
  recurring: boolean;
  rrule: string | null;
  cancelled: boolean;
  moved: boolean;
  added: boolean;
  rsvp: { going: number; maybe: number; cant: number; mine: RsvpAnswer | null };
}

export interface Poll {
  id: string;
  setId: string;
  title: string;
  timezone: string;
  durationMinutes: number;
  status: 'open' | 'confirmed';
  confirmedSlotId: string | null;
  meetingId: string | null;
  slots: {
    id: string;
    startsAt: string;
    localStart: string;
    tallies: { yes: number; ifNeedBe: number; no: number };
    answers: { userId: string; answer: PollAnswer }[];
  }[];
  myAnswers: Record<string, PollAnswer>;
  members: { userId: string; displayName: string; role: string; responded: boolean }[];
  notResponded: string[];
}

export interface Action {
  id: string;
  presentationId: string | null;
  ownerId: string;
  ownerName: string;
  text: string;
  dueDate: string | null;
  status: 'open' | 'done';
  followUp: { outcome: FollowUpOutcome; note: string | null } | null;
  setName?: string;
}

export interface Runner {
  meeting: Occurrence;
  setName: string;
  cohortId: string;
  canFacilitate: boolean;
  members: { userId: string; displayName: string; role: string; presented: number }[];
  checkins: { userId: string; displayName: string; note: string | null; checkedInAt: string }[];
  suggestedRota: { userId: string; displayName: string; presented: number }[];
  presentations: {
    id: string;
    presenterId: string;
    displayName: string;
    position: number;
    challenge: string | null;
    questions: string | null;
    timer: { startedAt: string | null; stoppedAt: string | null };
  }[];
  actions: Action[];
  followUps: Action[];
}

const setPath = (id: string) => `/api/sets/${encodeURIComponent(id)}`;
const meetingPath = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;
/** Everything of one set lives under ['set', id], so one live event refreshes it all. */
export const setQueryKeys = {
  set: (id: string) => ['set', id, 'details'] as const,
  meetings: (id: string) => ['set', id, 'meetings'] as const,
  polls: (id: string) => ['set', id, 'polls'] as const,
  runner: (id: string, meetingId: string, occurrence: string) =>
    ['set', id, 'runner', meetingId, occurrence] as const,
};

export const useLearningSet = (setId: string) =>
  useQuery({
    queryKey: setQueryKeys.set(setId),
    queryFn: () => apiGet<LearningSet>(setPath(setId)),
  });

/** `enabled`: false for someone who may see the set but not its meetings (not a member). */
export const useSetMeetings = (setId: string, enabled = true) =>
  useQuery({
    enabled,
    queryKey: setQueryKeys.meetings(setId),
    queryFn: () => apiGet<{ occurrences: Occurrence[] }>(`${setPath(setId)}/meetings`),
  });

export const usePolls = (setId: string, enabled = true) =>
  useQuery({
    enabled,
    queryKey: setQueryKeys.polls(setId),
    queryFn: async () => (await apiGet<{ polls: Poll[] }>(`${setPath(setId)}/polls`)).polls,
  });

export const useRunner = (setId: string, meetingId: string, occurrence: string) =>
  useQuery({
    queryKey: setQueryKeys.runner(setId, meetingId, occurrence),
    queryFn: () =>
      // A single meeting's page may be linked without its occurrence (the server knows it).
      apiGet<Runner>(
        `${meetingPath(meetingId)}/runner${occurrence ? `?occurrence=${encodeURIComponent(occurrence)}` : ''}`,
      ),
  });

export const useMyActions = (cohortId: string) =>
  useQuery({
    queryKey: ['cohort', cohortId, 'my-actions'],
    queryFn: async () =>
      (
        await apiGet<{ actions: Action[] }>(
          `/api/cohorts/${encodeURIComponent(cohortId)}/my-actions`,
        )
      ).actions,
  });

/** Every change to a set's meetings, polls and runner; each refreshes the set's queries. */
export function useSetMeetingChanges(setId: string) {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: ['set', setId] });
  return {
    schedule: useMutation({
      mutationFn: (input: Record<string, unknown>) => apiPost(`${setPath(setId)}/meetings`, input),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ meetingId, ...input }: { meetingId: string } & Record<string, unknown>) =>
        apiPatch(meetingPath(meetingId), input),
      onSuccess,
    }),
    rsvp: useMutation({
      mutationFn: (input: { meetingId: string; occurrence: string; response: RsvpAnswer }) =>
        apiPut(`${meetingPath(input.meetingId)}/rsvp`, {
          occurrence: input.occurrence,
          response: input.response,
        }),
      onSuccess,
    }),
    createPoll: useMutation({
      mutationFn: (input: Record<string, unknown>) =>
        apiPost<Poll>(`${setPath(setId)}/polls`, input),
      onSuccess,
    }),
    answerPoll: useMutation({
      mutationFn: ({
        pollId,
        answers,
      }: {
        pollId: string;
        answers: { slotId: string; answer: PollAnswer }[];
      }) => apiPost<Poll>(`/api/polls/${pollId}/responses`, { answers }),
      onSuccess,
    }),
    remind: useMutation({
      mutationFn: (pollId: string) => apiPost<{ reminded: number }>(`/api/polls/${pollId}/remind`),
    }),
    confirmPoll: useMutation({
      mutationFn: ({
        pollId,
        ...input
      }: {
        pollId: string;
        slotId: string;
        rrule: string | null;
      }) => apiPost(`/api/polls/${pollId}/confirm`, input),
      onSuccess,
    }),
    checkIn: useMutation({
      mutationFn: (input: { meetingId: string; occurrence: string; note: string }) =>
        apiPost(`${meetingPath(input.meetingId)}/checkins`, {
          occurrence: input.occurrence,
          note: input.note,
        }),
      onSuccess,
    }),
    setRota: useMutation({
      mutationFn: (input: { meetingId: string; occurrence: string; presenterIds: string[] }) =>
        apiPut(`${meetingPath(input.meetingId)}/rota`, {
          occurrence: input.occurrence,
          presenterIds: input.presenterIds,
        }),
      onSuccess,
    }),
    updatePresentation: useMutation({
      mutationFn: ({ id, ...input }: { id: string } & Record<string, unknown>) =>
        apiPatch(`/api/presentations/${id}`, input),
      onSuccess,
    }),
    addAction: useMutation({
      mutationFn: ({ meetingId, ...input }: { meetingId: string } & Record<string, unknown>) =>
        apiPost<Action>(`${meetingPath(meetingId)}/actions`, input),
      onSuccess,
    }),
    followUp: useMutation({
      mutationFn: ({
        actionId,
        ...followUp
      }: {
        actionId: string;
        meetingId: string;
        occurrence: string;
        outcome: FollowUpOutcome;
        note: string;
      }) => apiPatch<Action>(`/api/actions/${actionId}`, { followUp }),
      onSuccess,
    }),
  };
}
