import { createContext, useContext } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Board } from './api.ts';
import type { Peer } from './use-board.ts';

/** What every part of a live board needs: the document, who is looking, what they may do. */
export interface BoardScope {
  board: Board;
  doc: Y.Doc;
  awareness: Awareness;
  /** Carried by one's own changes, so undo touches nothing else. */
  origin: object;
  me: { id: string; name: string };
  /** May add, move and vote (not a sponsor, not archived, not locked for them). */
  canWrite: boolean;
  /** Runs the board: may edit or delete any card, reveal, time, change settings. */
  canFacilitate: boolean;
  nameOf: (userId: string | null) => string;
  /** The cohort's members, for @mentions. */
  people: { userId: string; displayName: string }[];
  peers: Peer[];
  /** Writes the card (or null) one is working on into awareness, for others to see. */
  setFocus: (cardId: string | null) => void;
  /** Says something to screen readers through the board's live region. */
  announce: (message: string) => void;
}

export const BoardScopeContext = createContext<BoardScope | null>(null);

export function useBoardScope(): BoardScope {
  const scope = useContext(BoardScopeContext);
  if (!scope) throw new Error('useBoardScope is only for parts of a live board.');
  return scope;
}
