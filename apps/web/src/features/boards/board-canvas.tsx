import { cardPlace, moveCard, readBoard } from '@colab/shared';
import {
  type Announcements,
  closestCorners,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { type PointerEvent, type ReactNode, useRef, useState } from 'react';
import { reducedMotion } from '../../ui/reduced-motion.ts';
import { parseListId } from './board-column.tsx';
import { useBoardScope } from './board-context.ts';
import { colourClass } from './card-colours.ts';

/**
 * The board's drag and drop (dnd-kit): by pointer, and by keyboard — focus a card's handle,
 * Space to pick it up, arrows to move, Space to drop, Escape to cancel. Dropping moves only
 * that card in the document. Pointer positions go into awareness for others' cursors.
 */
export function BoardCanvas({ children }: { children: ReactNode }) {
  const { doc, origin, canWrite, peers, awareness } = useBoardScope();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const [dragging, setDragging] = useState<string | null>(null);
  const surface = useRef<HTMLDivElement>(null);
  const lastSent = useRef(0);

  const textOf = (id: string | number) =>
    readBoard(doc)
      .flatMap((c) => [...c.cards, ...c.themes.flatMap((t) => t.cards)])
      .find((c) => c.id === id);
  const placeOf = (id: string | number | undefined) => {
    if (id === undefined) return 'nowhere';
    const list = parseListId(String(id));
    const columnId = list?.columnId ?? cardPlace(doc, String(id))?.columnId;
    return readBoard(doc).find((c) => c.id === columnId)?.title ?? 'the board';
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up card: ${textOf(active.id)?.text ?? ''}.`,
    onDragOver: ({ over }) => (over ? `Over ${placeOf(over.id)}.` : 'Not over a column.'),
    onDragEnd: ({ over }) => (over ? `Dropped in ${placeOf(over.id)}.` : 'Dropped back.'),
    onDragCancel: () => 'Move cancelled; the card is back where it was.',
  };

  function onDragStart(event: DragStartEvent) {
    setDragging(String(event.active.id));
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    setDragging(null);
    if (!over || active.id === over.id) return;
    const cardId = String(active.id);
    const list = parseListId(String(over.id));
    if (list) return moveCard(doc, cardId, { ...list, beforeId: null }, origin);
    const target = cardPlace(doc, String(over.id));
    const from = cardPlace(doc, cardId);
    if (!target) return;
    const sameList = from && from.columnId === target.columnId && from.themeId === target.themeId;
    // Dropped on a card below it in the same list: it goes after that card.
    const beforeId =
      sameList && from.index < target.index
        ? (target.list[target.index + 1]?.id ?? null)
        : String(over.id);
    moveCard(doc, cardId, { columnId: target.columnId, themeId: target.themeId, beforeId }, origin);
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const now = performance.now();
    if (!surface.current || now - lastSent.current < 50) return;
    lastSent.current = now;
    const box = surface.current.getBoundingClientRect();
    awareness.setLocalStateField('cursor', {
      x: Math.round(event.clientX - box.left + surface.current.scrollLeft),
      y: Math.round(event.clientY - box.top + surface.current.scrollTop),
    });
  }

  const active = dragging ? textOf(dragging) : undefined;
  return (
    <DndContext
      sensors={canWrite ? sensors : []}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To move a card, press Space, then the arrow keys to choose where, then Space again to drop it, or Escape to cancel.',
        },
      }}
    >
      <div
        ref={surface}
        className="board-surface"
        onPointerMove={onPointerMove}
        onPointerLeave={() => awareness.setLocalStateField('cursor', null)}
      >
        {children}
        {peers
          .filter((p) => p.cursor)
          .map((p) => (
            <span
              key={p.clientId}
              className="peer-cursor"
              aria-hidden="true"
              style={{ left: p.cursor?.x, top: p.cursor?.y, color: p.user.colour }}
            >
              <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                <path d="M1 1l5 14 2-6 6-2z" fill="currentColor" />
              </svg>
              <span className="peer-cursor__name" style={{ background: p.user.colour }}>
                {p.user.name}
              </span>
            </span>
          ))}
      </div>
      <DragOverlay dropAnimation={reducedMotion() ? null : undefined}>
        {active ? (
          <div className={`board-card board-card--overlay ${colourClass(active.colour)}`}>
            <p className="board-card__text">{active.text}</p>
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
