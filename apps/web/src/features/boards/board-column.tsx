import { addTheme, type BoardView, removeTheme, renameTheme } from '@colab/shared';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { uuidv7 } from 'uuidv7';
import type { HeldCard } from './api.ts';
import { BoardCard } from './board-card.tsx';
import { useBoardScope } from './board-context.ts';
import { CardComposer } from './card-composer.tsx';
import { HeldCards } from './held-cards.tsx';

type Column = BoardView[number];

/** The id of one droppable list: a column's ungrouped cards, or one theme's. */
export const listId = (columnId: string, themeId: string | null) =>
  `list:${columnId}:${themeId ?? ''}`;
export function parseListId(id: string): { columnId: string; themeId: string | null } | null {
  const [kind, columnId, themeId] = id.split(':');
  if (kind !== 'list' || !columnId) return null;
  return { columnId, themeId: themeId || null };
}

interface Props {
  column: Column;
  budget: number;
  dotsLeft: number;
  held: HeldCard[];
  hidden: boolean;
}

export function BoardColumn({ column, budget, dotsLeft, held, hidden }: Props) {
  const { canWrite } = useBoardScope();
  const count = column.cards.length + column.themes.reduce((n, t) => n + t.cards.length, 0);
  const headingId = `column-${column.id}`;
  return (
    <section className="board-column" aria-labelledby={headingId}>
      <header className="board-column__header">
        <h2 id={headingId} className="board-column__title">
          {column.title}
        </h2>
        <span className="board-column__count">
          {count} {count === 1 ? 'card' : 'cards'}
        </span>
      </header>
      {column.themes.map((theme) => (
        <ThemeGroup
          key={theme.id}
          theme={theme}
          columnId={column.id}
          budget={budget}
          dotsLeft={dotsLeft}
        />
      ))}
      <CardList
        id={listId(column.id, null)}
        cards={column.cards}
        budget={budget}
        dotsLeft={dotsLeft}
        label={`${column.title}: cards`}
      />
      {hidden ? <HeldCards cards={held} /> : null}
      {canWrite ? (
        <>
          <CardComposer columnId={column.id} columnTitle={column.title} hidden={hidden} />
          <NewTheme columnId={column.id} />
        </>
      ) : null}
    </section>
  );
}

function CardList({
  id,
  cards,
  budget,
  dotsLeft,
  label,
}: {
  id: string;
  cards: Column['cards'];
  budget: number;
  dotsLeft: number;
  label: string;
}) {
  const droppable = useDroppable({ id });
  return (
    <SortableContext id={id} items={cards.map((c) => c.id)} strategy={verticalListSortingStrategy}>
      <ul
        ref={droppable.setNodeRef}
        className={`card-list${droppable.isOver ? ' card-list--over' : ''}`}
        aria-label={label}
      >
        {cards.map((card) => (
          <BoardCard
            key={card.id}
            card={card}
            containerId={id}
            budget={budget}
            dotsLeft={dotsLeft}
          />
        ))}
      </ul>
    </SortableContext>
  );
}

function ThemeGroup({
  theme,
  columnId,
  budget,
  dotsLeft,
}: {
  theme: Column['themes'][number];
  columnId: string;
  budget: number;
  dotsLeft: number;
}) {
  const { doc, origin, canWrite, announce } = useBoardScope();
  const [renaming, setRenaming] = useState(false);
  const votes = theme.cards.reduce((n, c) => n + c.votes, 0);
  return (
    <section className="theme" aria-label={`Theme: ${theme.title}`}>
      <header className="theme__header">
        {renaming ? (
          <TitleForm
            initial={theme.title}
            label="Theme name"
            onDone={(title) => {
              setRenaming(false);
              if (title) renameTheme(doc, theme.id, title, origin);
            }}
          />
        ) : (
          <h3 className="theme__title">{theme.title}</h3>
        )}
        <span className="theme__count">
          {theme.cards.length} {theme.cards.length === 1 ? 'card' : 'cards'} · {votes} dots
        </span>
        {canWrite && !renaming ? (
          <span className="theme__actions">
            <Button
              className="button button--quiet button--tiny"
              aria-label={`Rename theme ${theme.title}`}
              onPress={() => setRenaming(true)}
            >
              Rename
            </Button>
            <Button
              className="button button--quiet button--tiny"
              aria-label={`Ungroup theme ${theme.title}`}
              onPress={() => {
                removeTheme(doc, theme.id, origin);
                announce(`Theme ${theme.title} ungrouped; its cards stay in the column.`);
              }}
            >
              Ungroup
            </Button>
          </span>
        ) : null}
      </header>
      <CardList
        id={listId(columnId, theme.id)}
        cards={theme.cards}
        budget={budget}
        dotsLeft={dotsLeft}
        label={`Theme ${theme.title}: cards`}
      />
      {theme.cards.length === 0 ? (
        <p className="muted theme__empty">Drag cards here, or use a card’s “…” menu to group it.</p>
      ) : null}
    </section>
  );
}

function NewTheme({ columnId }: { columnId: string }) {
  const { doc, origin, announce } = useBoardScope();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button className="button button--quiet button--small" onPress={() => setOpen(true)}>
        New theme
      </Button>
    );
  }
  return (
    <TitleForm
      initial=""
      label="New theme name"
      onDone={(title) => {
        setOpen(false);
        if (!title) return;
        addTheme(doc, { id: uuidv7(), columnId, title }, origin);
        announce(`Theme ${title} added.`);
      }}
    />
  );
}

function TitleForm({
  initial,
  label,
  onDone,
}: {
  initial: string;
  label: string;
  onDone: (title: string | null) => void;
}) {
  const [value, setValue] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onDone(value.trim().slice(0, 80) || null);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <input
        className="field__input"
        aria-label={label}
        // biome-ignore lint/a11y/noAutofocus: opened by the person's own press
        autoFocus
        maxLength={80}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && onDone(null)}
      />
      <Button type="submit" className="button button--small">
        Save
      </Button>
    </form>
  );
}
