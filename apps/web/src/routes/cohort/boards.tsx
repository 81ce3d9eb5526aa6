import { Link } from 'react-router';
import { useCurrentPerson } from '../../features/accounts/current-person.ts';
import { TEMPLATE_LABELS, useBoards } from '../../features/boards/api.ts';
import { NewBoardButton } from '../../features/boards/new-board-dialog.tsx';
import { may } from '../../features/cohorts/api.ts';
import { formatMoment } from '../../features/cohorts/dates.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { Page } from '../../ui/page.tsx';

export function BoardsPage() {
  const cohort = useCohortSpace();
  const person = useCurrentPerson();
  const boards = useBoards(cohort.id);
  const mayCreate = may(cohort, 'boards.create') && !cohort.archived;

  return (
    <Page
      title="Reflection boards"
      documentTitle={`Boards – ${cohort.name}`}
      section
      lead="Shared boards for the cohort: a prompt, cards, themes and dot-voting, live for everyone in the room."
    >
      {mayCreate ? (
        <p>
          <NewBoardButton cohortId={cohort.id} />
        </p>
      ) : null}
      {boards.isPending ? (
        <p className="muted">Loading boards…</p>
      ) : boards.error ? (
        <p role="alert">The boards could not be loaded. Check your connection and reload.</p>
      ) : boards.data.length === 0 ? (
        <div className="quiet-box">
          <p>
            No boards yet.{' '}
            {mayCreate
              ? 'Start one with “New board”: pick a template, write the prompt, and share the page with the room.'
              : 'When a facilitator opens a board for a session, it will appear here.'}
          </p>
        </div>
      ) : (
        <ul className="board-list">
          {boards.data.map((board) => (
            <li key={board.id} className="board-list__item card">
              <h2 className="board-list__title">
                <Link to={`/cohorts/${cohort.id}/boards/${board.id}`}>{board.title}</Link>
              </h2>
              {board.prompt ? <p>{board.prompt}</p> : null}
              <p className="muted">
                {TEMPLATE_LABELS[board.template]} · opened{' '}
                {formatMoment(board.createdAt, person.timezone)}
                {board.settings.locked ? ' · locked' : ''}
                {board.setId ? ' · your set’s board' : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
