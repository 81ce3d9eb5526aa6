import { Button } from 'react-aria-components';
import { formatMoment } from '../cohorts/dates.ts';
import { boardPaths, useSnapshot } from './api.ts';
import { colourClass } from './card-colours.ts';

/**
 * The board as it stands, read-only: for sponsors, and for everyone once a cohort is archived.
 * No live connection, no presence: a snapshot the server took just now, refreshable.
 */
export function SnapshotView({ boardId, timezone }: { boardId: string; timezone: string }) {
  const snapshot = useSnapshot(boardId, true);
  if (snapshot.isPending) return <p className="muted">Loading the board…</p>;
  if (snapshot.error) {
    return (
      <p role="alert">
        The board could not be loaded.{' '}
        <Button
          className="button button--quiet button--small"
          onPress={() => void snapshot.refetch()}
        >
          Try again
        </Button>
      </p>
    );
  }
  const { columns, takenAt } = snapshot.data;
  return (
    <>
      <div className="board-toolbar">
        <span className="muted">
          A read-only snapshot, as of {formatMoment(takenAt, timezone)}.
        </span>
        <Button
          className="button button--quiet button--small"
          isPending={snapshot.isFetching}
          onPress={() => void snapshot.refetch()}
        >
          Refresh
        </Button>
        <a
          className="button button--quiet button--small"
          href={boardPaths.export(boardId, 'md')}
          download
        >
          Export Markdown
        </a>
      </div>
      <div className="board-surface">
        <div className="board-columns">
          {columns.map((column) => (
            <section key={column.id} className="board-column" aria-labelledby={`snap-${column.id}`}>
              <header className="board-column__header">
                <h2 id={`snap-${column.id}`} className="board-column__title">
                  {column.title}
                </h2>
              </header>
              {column.themes.map((theme) => (
                <section key={theme.id} className="theme" aria-label={`Theme: ${theme.title}`}>
                  <h3 className="theme__title">{theme.title}</h3>
                  <SnapshotCards cards={theme.cards} />
                </section>
              ))}
              <SnapshotCards cards={column.cards} />
              {column.cards.length + column.themes.length === 0 ? (
                <p className="muted">
                  No cards yet. Cards appear here as participants add them; choose Refresh to see
                  the latest.
                </p>
              ) : null}
            </section>
          ))}
        </div>
      </div>
    </>
  );
}

function SnapshotCards({
  cards,
}: {
  cards: {
    id: string;
    text: string;
    colour: string;
    authorName: string | null;
    votes: number;
    comments: number;
  }[];
}) {
  if (cards.length === 0) return null;
  return (
    <ul className="card-list">
      {cards.map((card) => (
        <li key={card.id} className={`board-card ${colourClass(card.colour)}`}>
          <p className="board-card__text">{card.text}</p>
          <p className="board-card__author">{card.authorName ?? 'Anonymous'}</p>
          <p className="board-card__actions muted">
            ● {card.votes} · {card.comments} comments
          </p>
        </li>
      ))}
    </ul>
  );
}
