import {
  type BoardView,
  castVote,
  deleteCard,
  editCard,
  mayChangeCard,
  moveCard,
  myVotesOn,
  readBoard,
  withdrawVote,
} from '@colab/shared';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { type KeyboardEvent, useState } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { reducedMotion } from '../../ui/reduced-motion.ts';
import { useBoardScope } from './board-context.ts';
import { colourClass } from './card-colours.ts';
import { CommentsButton } from './comments-dialog.tsx';

export type CardView = BoardView[number]['cards'][number];

interface Props {
  card: CardView;
  /** Id of the list (column + theme) the card sits in, for drag and drop. */
  containerId: string;
  budget: number;
  dotsLeft: number;
}

/** A card on the live board: its text, who wrote it, its dots, comments, and what one may do. */
export function BoardCard({ card, containerId, budget, dotsLeft }: Props) {
  const scope = useBoardScope();
  const { doc, origin, me, canWrite, canFacilitate, nameOf, peers, announce } = scope;
  const [editing, setEditing] = useState(false);
  const mayChange =
    canWrite && mayChangeCard({ userId: me.id, facilitates: canFacilitate }, card.authorId);
  const myDots = myVotesOn(doc, card.id, me.id);
  const sortable = useSortable({ id: card.id, data: { containerId }, disabled: !canWrite });
  const watchers = peers.filter((p) => p.focus === card.id);
  const author = card.authorId ? nameOf(card.authorId) : 'Anonymous';
  const label = card.text.length > 40 ? `${card.text.slice(0, 40)}…` : card.text;

  const style = {
    transform: CSS.Translate.toString(sortable.transform),
    // Cards slide into place, unless the person asked their system for less motion.
    transition: reducedMotion() ? undefined : sortable.transition,
    ...(watchers[0] ? { outlineColor: watchers[0].user.colour } : {}),
  };

  return (
    <li
      ref={sortable.setNodeRef}
      style={style}
      className={`board-card ${colourClass(card.colour)}${sortable.isDragging ? ' board-card--dragging' : ''}${watchers.length ? ' board-card--watched' : ''}`}
      data-card-id={card.id}
      onFocus={() => scope.setFocus(card.id)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) scope.setFocus(null);
      }}
    >
      {watchers.length ? (
        <span className="board-card__watchers" style={{ background: watchers[0]?.user.colour }}>
          {watchers.map((w) => w.user.name).join(', ')}
        </span>
      ) : null}
      {editing ? (
        <CardEditor
          text={card.text}
          onDone={(text) => {
            setEditing(false);
            if (text?.trim() && text.trim() !== card.text) {
              editCard(doc, card.id, { text: text.trim() }, origin);
            }
          }}
        />
      ) : (
        <p className="board-card__text">{card.text}</p>
      )}
      <p className="board-card__author">{author}</p>
      <div className="board-card__actions">
        {canWrite ? (
          <button
            type="button"
            className="board-card__handle"
            aria-label={`Drag card: ${label}`}
            {...sortable.attributes}
            {...sortable.listeners}
          >
            <span aria-hidden="true">⠿</span>
          </button>
        ) : null}
        <span className="board-card__dots">
          <span aria-hidden="true">●</span> {card.votes}
          <span className="visually-hidden"> {card.votes === 1 ? 'dot' : 'dots'}</span>
        </span>
        {canWrite && budget > 0 ? (
          <>
            <Button
              className="button button--quiet button--tiny"
              aria-label={`Add a dot to: ${label}`}
              isDisabled={dotsLeft === 0}
              onPress={() => {
                if (castVote(doc, card.id, me.id, budget, origin)) {
                  announce(`Dot added. ${dotsLeft - 1} left.`);
                }
              }}
            >
              +●
            </Button>
            {myDots > 0 ? (
              <Button
                className="button button--quiet button--tiny"
                aria-label={`Take a dot back from: ${label}`}
                onPress={() => {
                  if (withdrawVote(doc, card.id, me.id, origin)) announce('Dot taken back.');
                }}
              >
                −●
              </Button>
            ) : null}
          </>
        ) : null}
        <CommentsButton card={card} label={label} />
        {canWrite ? (
          <MenuTrigger>
            <Button className="button button--quiet button--tiny" aria-label={`More for: ${label}`}>
              …
            </Button>
            <Popover className="popover">
              <CardMenu
                card={card}
                mayChange={mayChange}
                onEdit={() => setEditing(true)}
                label={label}
              />
            </Popover>
          </MenuTrigger>
        ) : null}
      </div>
    </li>
  );
}

function CardMenu({
  card,
  mayChange,
  onEdit,
  label,
}: {
  card: CardView;
  mayChange: boolean;
  onEdit: () => void;
  label: string;
}) {
  const { doc, origin, announce } = useBoardScope();
  const columns = readBoard(doc);
  const items = [
    ...columns
      .filter((c) => c.id !== card.columnId || card.themeId)
      .map((c) => ({ id: `move:${c.id}`, label: `Move to ${c.title}` })),
    ...columns
      .flatMap((c) => c.themes.map((t) => ({ ...t, column: c.title })))
      .filter((t) => t.id !== card.themeId)
      .map((t) => ({ id: `theme:${t.columnId}:${t.id}`, label: `Group under “${t.title}”` })),
    ...(mayChange
      ? [
          { id: 'edit', label: 'Edit text' },
          { id: 'delete', label: 'Delete card' },
        ]
      : []),
  ];
  return (
    <Menu
      className="menu"
      aria-label={`Card: ${label}`}
      items={items}
      onAction={(key) => {
        const action = String(key);
        if (action === 'edit') return onEdit();
        if (action === 'delete') {
          deleteCard(doc, card.id, origin);
          return announce('Card deleted. Undo brings it back.');
        }
        const [kind, columnId = '', themeId = null] = action.split(':');
        moveCard(doc, card.id, { columnId, themeId: kind === 'theme' ? themeId : null }, origin);
        const column = columns.find((c) => c.id === columnId);
        announce(`Card moved to ${column?.title ?? 'another column'}.`);
      }}
    >
      {(item) => (
        <MenuItem className="menu__item" id={item.id}>
          {item.label}
        </MenuItem>
      )}
    </Menu>
  );
}

function CardEditor({ text, onDone }: { text: string; onDone: (text: string | null) => void }) {
  const [value, setValue] = useState(text);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      onDone(value);
    } else if (event.key === 'Escape') {
      onDone(null);
    }
  };
  return (
    <textarea
      className="board-card__editor"
      aria-label="Card text"
      // biome-ignore lint/a11y/noAutofocus: the person just chose "Edit text"
      autoFocus
      maxLength={500}
      value={value}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => onDone(value)}
    />
  );
}
