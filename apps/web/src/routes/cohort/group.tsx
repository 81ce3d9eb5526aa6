import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { may } from '../../features/cohorts/api.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import { useGroup, useGroupOutputs } from '../../features/groups/api.ts';
import { EvidenceLog } from '../../features/groups/evidence-log.tsx';
import { GroupPageEditor } from '../../features/groups/group-page-editor.tsx';
import { NewOutputForm, OutputCard } from '../../features/groups/output-card.tsx';
import { MilestonesPanel, ResourcesPanel } from '../../features/groups/resources-panel.tsx';
import { Page } from '../../ui/page.tsx';

/** A project group: its live page, its evidence and its showcase output. */
export function GroupPage() {
  const cohort = useCohortSpace();
  const { groupId = '' } = useParams();
  const group = useGroup(groupId);
  const runs = may(cohort, 'groups.manage');
  const isMember = group.data?.myRole === 'member';
  const canRead = isMember || group.data?.myRole === 'sponsor' || runs;
  const outputs = useGroupOutputs(groupId, Boolean(group.data) && canRead);

  if (group.isPending) return <p className="muted">Loading the group…</p>;
  if (group.error) {
    return (
      <Page title="Group not found" section>
        <p>
          {group.error instanceof ApiError && group.error.status === 404
            ? 'We could not find this group.'
            : 'The group could not be loaded. Reload to try again.'}
        </p>
        <p>
          <Link to={`/cohorts/${cohort.id}/groups`}>All groups</Link>
        </p>
      </Page>
    );
  }
  const g = group.data;
  const canWrite = isMember && !cohort.archived;
  return (
    <Page
      title={g.name}
      documentTitle={`${g.name} – ${cohort.name}`}
      section
      lead={g.challenge || undefined}
    >
      <p>
        <Link to={`/cohorts/${cohort.id}/groups`}>All groups</Link>
      </p>
      <p className="muted">
        Members: {g.members.map((m) => m.displayName).join(', ') || 'none yet'}
        {g.sponsors.length
          ? ` · Sponsors: ${g.sponsors.map((s) => `${s.displayName}${s.chief ? ' (chief)' : ''}`).join(', ')}`
          : ''}
      </p>
      {!canRead ? (
        <p className="quiet-box">
          The group’s page, evidence and drafts are for its members, its sponsors and those who run
          the cohort. Its published work appears in the showcase.
        </p>
      ) : (
        <>
          <GroupPageEditor group={g} canWrite={canWrite} />
          <EvidenceLog cohortId={cohort.id} groupId={g.id} canWrite={canWrite} />
          <ResourcesPanel groupId={g.id} canWrite={canWrite} />
          <MilestonesPanel groupId={g.id} canWrite={canWrite} />
          <section className="section" aria-labelledby="outputs">
            <h2 id="outputs" className="section__title">
              Showcase output
            </h2>
            {(outputs.data ?? []).map((o) => (
              <OutputCard
                key={o.id}
                output={o}
                cohortId={cohort.id}
                isMember={isMember}
                runs={runs && !cohort.archived}
              />
            ))}
            {outputs.isSuccess && outputs.data.length === 0 && !canWrite ? (
              <p className="muted">
                No output yet. The group shares its film or report here when it is ready.
              </p>
            ) : null}
            {canWrite ? <NewOutputForm cohortId={cohort.id} groupId={g.id} /> : null}
          </section>
        </>
      )}
    </Page>
  );
}
