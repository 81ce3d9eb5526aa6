import { votesUsed } from '@colab/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { describeError } from '../../api/form-errors.ts';
import { may, useMembers } from '../cohorts/api.ts';
import type { Cohort } from '../cohorts/types.ts';
import { type Board, boardActions, boardKeys, boardPaths, useHeldCards } from './api.ts';
import { BoardCanvas } from './board-canvas.tsx';
import { BoardColumn } from './board-column.tsx';
import { type BoardScope, BoardScopeContext } from './board-context.ts';
import { BoardSettingsButton } from './board-settings-dialog.tsx';
import { BoardSummary } from './board-summary.tsx';
import { BoardTimer } from './board-timer.tsx';
import { ConnectionBadge, PresenceBar } from './presence-bar.tsx';
import { useBoardDoc } from './use-board.ts';

interface Props {
  board: Board;
  /** Whether this person may add to the board; narrower than the cohort role on a group's. */
  contributes: boolean;
  cohort: Cohort;
  person: { id: string; name: string };
}

/** A board everyone in the room edits at once: the shared document, live. */
export function LiveBoard({ board, cohort, person, contributes }: Props) {
  const live = useBoardDoc(person.id, board.docName);
  const members = useMembers(cohort.id);
  const [message, setMessage] = useState('');
  const connection = live.shared?.connection ?? 'connecting';
  const canFacilitate = may(cohort, 'boards.create');
  const canWrite =
    contributes && (!board.settings.locked || canFacilitate) && connection !== 'closed';
  // Running a board (timer, reveal) is not writing on it: a group's board is run by those who
  // run the cohort, though only the group writes on it.
  const canRun = canFacilitate && connection !== 'closed';
  // The document's meta is live; the board as loaded may be older.
  const hidden =
    connection === 'live' ? live.meta.hiddenUntilRevealed : board.settings.hiddenUntilRevealed;
  const holding = hidden && contributes;
  const held = useHeldCards(board.id, holding);
  const heldCount = live.meta.heldCards;
  const refetchHeld = held.refetch;

  useEffect(() => {
    // Someone revealed or held a card: one's own waiting cards may have changed.
    if (holding && heldCount >= 0) void refetchHeld();
  }, [holding, heldCount, refetchHeld]);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const m of members.data ?? []) map.set(m.userId, m.displayName);
    map.set(person.id, person.name);
    return map;
  }, [members.data, person]);

  const announce = useCallback((text: string) => setMessage(text), []);
  useNewCardAnnouncer(live.columns, person.id, announce);
  useUndoShortcuts(live.history);

  if (!live.doc || !live.shared) return <p className="muted">Opening the board…</p>;
  const awareness = live.shared.awareness;
  const scope: BoardScope = {
    board,
    doc: live.doc,
    awareness,
    origin: live.history.origin,
    me: person,
    canWrite,
    canFacilitate,
    nameOf: (id) => (id ? (names.get(id) ?? 'Former member') : 'Anonymous'),
    people: (members.data ?? []).map((m) => ({ userId: m.userId, displayName: m.displayName })),
    peers: live.peers,
    setFocus: (cardId) => awareness.setLocalStateField('focus', cardId),
    announce,
  };
  const budget = board.settings.voteBudget;
  const dotsLeft = Math.max(0, budget - votesUsed(live.doc, person.id));
  const heldByColumn = (columnId: string) =>
    (held.data?.cards ?? []).filter((c) => c.columnId === columnId);

  return (
    <BoardScopeContext.Provider value={scope}>
      <div className="board-bar">
        <PresenceBar peers={live.peers} />
        <ConnectionBadge connection={connection} />
        <BoardTimer boardId={board.id} timer={live.meta.timer} canRun={canRun} />
      </div>
      {connection === 'offline' ? (
        <p className="banner banner--offline">
          <strong>Offline — your changes will sync.</strong> Keep going: what you add is kept in
          this browser and joins the board when you are back online.
        </p>
      ) : null}
      {live.shared.closedBecause ? (
        <p className="banner banner--archived" role="alert">
          {live.shared.closedBecause}
        </p>
      ) : null}
      {board.settings.locked ? (
        <p className="banner">
          This board is locked.{' '}
          {canFacilitate
            ? 'Only facilitators and leads can change it.'
            : 'You can look, not change.'}
        </p>
      ) : null}
      {hidden ? (
        <p className="banner banner--hidden">
          Cards are hidden until the facilitator reveals them. {heldCount}{' '}
          {heldCount === 1 ? 'card is' : 'cards are'} waiting.{' '}
          {canRun ? <RevealButton board={board} waiting={heldCount} /> : null}
        </p>
      ) : null}
      <div className="board-toolbar" role="toolbar" aria-label="Board">
        {canWrite ? (
          <>
            <Button
              className="button button--quiet button--small"
              isDisabled={!live.history.canUndo}
              onPress={live.history.undo}
              aria-keyshortcuts="Control+Z"
            >
              Undo
            </Button>
            <Button
              className="button button--quiet button--small"
              isDisabled={!live.history.canRedo}
              onPress={live.history.redo}
              aria-keyshortcuts="Control+Shift+Z"
            >
              Redo
            </Button>
          </>
        ) : null}
        {budget > 0 ? (
          <span className="board-toolbar__dots">
            {dotsLeft} of {budget} dots left
          </span>
        ) : null}
        <a
          className="button button--quiet button--small"
          href={boardPaths.export(board.id, 'md')}
          download
        >
          Export Markdown
        </a>
        <a
          className="button button--quiet button--small"
          href={boardPaths.export(board.id, 'csv')}
          download
        >
          Export CSV
        </a>
        {canFacilitate && !cohort.archived ? <BoardSettingsButton board={board} /> : null}
      </div>
      <BoardSummary columns={live.columns} />
      <BoardCanvas>
        <div className="board-columns">
          {live.columns.map((column) => (
            <BoardColumn
              key={column.id}
              column={column}
              budget={budget}
              dotsLeft={dotsLeft}
              hidden={hidden && canWrite}
              held={heldByColumn(column.id)}
            />
          ))}
        </div>
      </BoardCanvas>
      <div className="visually-hidden" aria-live="polite">
        {message}
      </div>
    </BoardScopeContext.Provider>
  );
}

function RevealButton({ board, waiting }: { board: Board; waiting: number }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        className="button button--primary button--small"
        isDisabled={waiting === 0}
        onPress={async () => {
          setError(null);
          try {
            await boardActions.reveal(board.id);
            await queryClient.invalidateQueries({ queryKey: boardKeys.one(board.id) });
          } catch (caught) {
            setError(describeError(caught).message ?? 'The cards could not be revealed.');
          }
        }}
      >
        Reveal all cards
      </Button>
      {error ? <span role="alert"> {error}</span> : null}
    </>
  );
}

/** Tells screen-reader users when someone else adds a card. */
function useNewCardAnnouncer(
  columns: ReturnType<typeof useBoardDoc>['columns'],
  myId: string,
  announce: (text: string) => void,
) {
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    const all = columns.flatMap((c) =>
      [...c.cards, ...c.themes.flatMap((t) => t.cards)].map((card) => ({ card, column: c.title })),
    );
    if (seen.current === null) {
      // The first view of the board is not news.
      if (columns.length) seen.current = new Set(all.map((a) => a.card.id));
      return;
    }
    const fresh = all.filter((a) => !seen.current?.has(a.card.id));
    for (const a of fresh) seen.current.add(a.card.id);
    const theirs = fresh.filter((a) => a.card.authorId !== myId);
    if (theirs.length === 1 && theirs[0]) {
      announce(`New card in ${theirs[0].column}: ${theirs[0].card.text}`);
    } else if (theirs.length > 1) {
      announce(`${theirs.length} new cards on the board.`);
    }
  }, [columns, myId, announce]);
}

/** Ctrl/Cmd+Z undoes one's own last change, Shift adds redo; not while typing in a field. */
function useUndoShortcuts(history: { undo: () => void; redo: () => void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z') return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, [contenteditable="true"]')) return;
      event.preventDefault();
      if (event.shiftKey) history.redo();
      else history.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history]);
}
