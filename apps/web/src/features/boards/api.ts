import type {
  BoardTemplate,
  BoardTimer,
  BoardView,
  TBoardSettings,
  TCreateBoardRequest,
  TCreateCardRequest,
  TCreateHeldCardRequest,
} from '@colab/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPatch, apiPost, request } from '../../api/client.ts';

export interface Board {
  id: string;
  docName: string;
  cohortId: string;
  /** Set when the board is an action learning set's own. */
  setId: string | null;
  /** Set when the board is a project group's own: only the group's members write on it. */
  groupId: string | null;
  title: string;
  prompt: string;
  template: BoardTemplate;
  settings: TBoardSettings;
  createdAt: string;
}

export interface HeldCard {
  id: string;
  columnId: string;
  text: string;
  colour: string;
  anonymous: boolean;
  createdAt: string;
}

export interface BoardSnapshot {
  board: Board;
  columns: (Omit<BoardView[number], 'cards' | 'themes'> & {
    cards: SnapshotCard[];
    themes: (BoardView[number]['themes'][number] & { cards: SnapshotCard[] })[];
  })[];
  meta: { timer: BoardTimer | null; heldCards: number };
  takenAt: string;
}
type SnapshotCard = BoardView[number]['cards'][number] & { authorName: string | null };

export const TEMPLATE_LABELS: Record<BoardTemplate, string> = {
  word_wall: 'Word wall',
  start_stop_continue: 'Start, stop, continue',
  rose_thorn_bud: 'Rose, thorn, bud',
  free_columns: 'Free columns',
};

export const boardKeys = {
  list: (cohortId: string) => ['cohort', cohortId, 'boards'] as const,
  one: (id: string) => ['board', id] as const,
  held: (id: string) => ['board', id, 'held'] as const,
  snapshot: (id: string) => ['board', id, 'snapshot'] as const,
};

const path = (id: string) => `/api/boards/${encodeURIComponent(id)}`;
export const boardPaths = {
  one: path,
  export: (id: string, format: 'md' | 'csv') => `${path(id)}/export?format=${format}`,
};

export function useBoards(cohortId: string) {
  return useQuery({
    queryKey: boardKeys.list(cohortId),
    queryFn: async () =>
      (await apiGet<{ boards: Board[] }>(`/api/cohorts/${encodeURIComponent(cohortId)}/boards`))
        .boards,
  });
}

export function useBoard(id: string) {
  return useQuery({ queryKey: boardKeys.one(id), queryFn: () => apiGet<Board>(path(id)) });
}

export function useSnapshot(id: string, enabled: boolean) {
  return useQuery({
    queryKey: boardKeys.snapshot(id),
    queryFn: () => apiGet<BoardSnapshot>(`${path(id)}/snapshot`),
    enabled,
  });
}

/** One's own cards waiting to be revealed, and how many wait in all. */
export function useHeldCards(id: string, enabled: boolean) {
  return useQuery({
    queryKey: boardKeys.held(id),
    queryFn: () => apiGet<{ cards: HeldCard[]; total: number }>(`${path(id)}/held-cards`),
    enabled,
  });
}

export function useCreateBoard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateBoardRequest) => apiPost<Board>('/api/boards', input),
    onSuccess: (board) =>
      queryClient.invalidateQueries({ queryKey: boardKeys.list(board.cohortId) }),
  });
}

export function useUpdateBoard(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { title?: string; prompt?: string; settings?: Partial<TBoardSettings> }) =>
      apiPatch<Board>(path(id), input),
    onSuccess: (board) => {
      queryClient.setQueryData(boardKeys.one(id), board);
      void queryClient.invalidateQueries({ queryKey: boardKeys.list(board.cohortId) });
      void queryClient.invalidateQueries({ queryKey: boardKeys.held(id) });
    },
  });
}

export const boardActions = {
  delete: (id: string) => apiDelete(path(id)),
  anonymousCard: (id: string, card: TCreateCardRequest) =>
    apiPost<{ id: string }>(`${path(id)}/anonymous-cards`, card),
  holdCard: (id: string, card: TCreateHeldCardRequest) =>
    apiPost<HeldCard>(`${path(id)}/held-cards`, card),
  dropHeldCard: (id: string, cardId: string) =>
    apiDelete(`${path(id)}/held-cards/${encodeURIComponent(cardId)}`),
  reveal: (id: string) => apiPost<{ revealed: number }>(`${path(id)}/reveal`),
  startTimer: (id: string, durationSeconds: number) =>
    request<BoardTimer>('PUT', `${path(id)}/timer`, { durationSeconds }),
  stopTimer: (id: string) => apiDelete(`${path(id)}/timer`),
  mention: (id: string, input: { cardId: string; userIds: string[]; excerpt: string }) =>
    apiPost<{ notified: number }>(`${path(id)}/mentions`, input),
};
