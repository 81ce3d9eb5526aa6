import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useCurrentPerson } from '../../features/accounts/current-person.ts';
import { useBoard } from '../../features/boards/api.ts';
import { LiveBoard } from '../../features/boards/live-board.tsx';
import { SnapshotView } from '../../features/boards/snapshot-view.tsx';
import { may } from '../../features/cohorts/api.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { useGroup } from '../../features/groups/api.ts';
import { Page } from '../../ui/page.tsx';
import { ErrorScreen, LoadingScreen } from '../../ui/status.tsx';

export function BoardPage() {
  const cohort = useCohortSpace();
  const person = useCurrentPerson();
  const { boardId = '' } = useParams();
  const board = useBoard(boardId);
  const groupId = board.data?.groupId ?? '';
  const group = useGroup(groupId, groupId !== '');

  if (board.isPending) return <LoadingScreen />;
  if (board.error) {
    if (board.error instanceof ApiError && board.error.status === 404) {
      return (
        <Page title="Board not found" section>
          <p>This board does not exist, or it has been deleted.</p>
          <p>
            <Link to={`/cohorts/${cohort.id}/boards`}>See the cohort’s boards</Link>
          </p>
        </Page>
      );
    }
    return (
      <ErrorScreen
        headingLevel={2}
        message="The board could not be loaded. Check your connection, then try again."
        onRetry={() => void board.refetch()}
      />
    );
  }

  // Sponsors, and everyone in an archived cohort, look at a snapshot; the rest work live.
  const live = may(cohort, 'boards.contribute');
  // A group's board is written by its members; those who run the cohort run it and read it.
  const contributes = live && (!groupId || group.data?.myRole === 'member');
  return (
    <Page
      title={board.data.title}
      documentTitle={`${board.data.title} – ${cohort.name}`}
      section
      width="wide"
    >
      {board.data.prompt ? <p className="board-prompt">{board.data.prompt}</p> : null}
      {live ? (
        <LiveBoard
          key={board.data.id}
          board={board.data}
          contributes={contributes}
          cohort={cohort}
          person={{ id: person.id, name: person.name }}
        />
      ) : (
        <SnapshotView boardId={board.data.id} timezone={person.timezone} />
      )}
    </Page>
  );
}
