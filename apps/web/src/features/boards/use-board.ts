import { type BoardMeta, boardParts, readBoard, readMeta } from '@colab/shared';
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type SharedDoc, useDocValue, useSharedDoc } from '../../collab/use-shared-doc.ts';

const EMPTY_META: BoardMeta = { timer: null, heldCards: 0, hiddenUntilRevealed: false };

export interface Peer {
  clientId: number;
  user: { id: string; name: string; colour: string };
  focus: string | null;
  cursor: { x: number; y: number } | null;
}

/** A board's live document: its view, the server's meta, one's own undo history, the others. */
export function useBoardDoc(userId: string, docName: string) {
  const shared = useSharedDoc(userId, docName);
  const doc = shared?.doc;
  const columns = useDocValue(doc, readBoard, []);
  const meta = useDocValue(doc, readMeta, EMPTY_META);
  const history = useHistory(doc);
  const peers = usePeers(shared?.awareness);
  return { shared, doc, columns, meta, history, peers };
}

export type BoardDoc = ReturnType<typeof useBoardDoc>;

/**
 * Undo and redo of one's own changes only: every local change carries `origin`, the one
 * origin this UndoManager tracks, so others' edits (and the server's) are never undone.
 */
function useHistory(doc: Y.Doc | undefined) {
  const [state, setState] = useState<{
    origin: object;
    manager: Y.UndoManager | null;
    canUndo: boolean;
    canRedo: boolean;
  }>(() => ({ origin: {}, manager: null, canUndo: false, canRedo: false }));

  useEffect(() => {
    if (!doc) return;
    const origin = { local: true };
    const { cards, themes, votes, comments } = boardParts(doc);
    const manager = new Y.UndoManager([cards, themes, votes, comments], {
      trackedOrigins: new Set([origin]),
    });
    const refresh = () =>
      setState({
        origin,
        manager,
        canUndo: manager.undoStack.length > 0,
        canRedo: manager.redoStack.length > 0,
      });
    refresh();
    manager.on('stack-item-added', refresh);
    manager.on('stack-item-popped', refresh);
    manager.on('stack-cleared', refresh);
    return () => manager.destroy();
  }, [doc]);

  return {
    origin: state.origin,
    canUndo: state.canUndo,
    canRedo: state.canRedo,
    undo: () => state.manager?.undo(),
    redo: () => state.manager?.redo(),
  };
}

/** Everyone else connected to the board, as the server stamped them. */
export function usePeers(awareness: Awareness | undefined): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const refresh = () => {
      const list: Peer[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const user = state.user as Peer['user'] | undefined;
        if (!user || typeof user.id !== 'string') continue;
        list.push({
          clientId,
          user,
          focus: typeof state.focus === 'string' ? state.focus : null,
          cursor: isPoint(state.cursor) ? state.cursor : null,
        });
      }
      setPeers(list);
    };
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);
  return peers;
}

function isPoint(value: unknown): value is { x: number; y: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { x: unknown }).x === 'number' &&
    typeof (value as { y: unknown }).y === 'number'
  );
}

/** One entry per person however many tabs they have open. */
export function uniquePeople(peers: Peer[]): Peer['user'][] {
  const seen = new Map<string, Peer['user']>();
  for (const peer of peers) if (!seen.has(peer.user.id)) seen.set(peer.user.id, peer.user);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export type { SharedDoc };
