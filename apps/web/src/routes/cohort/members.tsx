import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { apiDelete } from '../../api/client.ts';
import { useCurrentPerson } from '../../features/accounts/current-person.ts';
import { cohortKeys, cohortPaths, may, useMembers } from '../../features/cohorts/api.ts';
import { ChangeRoleButton, MemberCard } from '../../features/cohorts/member-card.tsx';
import { leavingByChoice } from '../../features/cohorts/removal.ts';
import { useCohortSpace } from '../../features/cohorts/space.ts';
import type { Cohort, Member } from '../../features/cohorts/types.ts';
import { ConfirmButton } from '../../ui/dialog.tsx';
import { Page } from '../../ui/page.tsx';
import { ErrorScreen, LoadingScreen } from '../../ui/status.tsx';

export function MembersPage() {
  const cohort = useCohortSpace();
  const person = useCurrentPerson();
  const members = useMembers(cohort.id);
  const [announcement, setAnnouncement] = useState('');

  const title = 'Members';
  const documentTitle = `Members – ${cohort.name}`;
  if (members.isPending) return <LoadingScreen />;
  if (members.error) {
    return (
      <Page title={title} documentTitle={documentTitle} section>
        <ErrorScreen
          title="The members could not be loaded"
          message="Check your connection, then try again."
          onRetry={() => void members.refetch()}
          headingLevel={2}
        />
      </Page>
    );
  }

  // You first, then everyone else in the server's order (by name).
  const list = [...members.data].sort(
    (a, b) => Number(b.userId === person.id) - Number(a.userId === person.id),
  );
  const leads = list.filter((m) => m.role === 'programme_lead').length;

  return (
    <Page
      title={title}
      documentTitle={documentTitle}
      section
      lead={`${list.length} ${list.length === 1 ? 'person' : 'people'} in this cohort.`}
    >
      {cohort.titlesAtTheDoor ? (
        <p className="note note--page">
          Titles and organisations are left at the door in this cohort. Others see your name,
          pronouns and bio, not your job title or organisation.
        </p>
      ) : null}
      {may(cohort, 'members.export') ? (
        <p className="page-actions">
          <a
            className="button button--quiet button--small"
            href={`${cohortPaths.members(cohort.id)}/export`}
            download
          >
            Download member list (CSV)
          </a>{' '}
          <span className="muted">
            For programme records: it includes everyone’s organisation and job title.
          </span>
        </p>
      ) : null}
      <p role="status" className="status-line">
        {announcement}
      </p>
      <ul className="member-grid" aria-label="Members">
        {list.map((member) => (
          <li key={member.userId}>
            <MemberCard
              member={member}
              cohort={cohort}
              isSelf={member.userId === person.id}
              actions={
                <MemberActions
                  cohort={cohort}
                  member={member}
                  isSelf={member.userId === person.id}
                  leads={leads}
                  onChanged={setAnnouncement}
                />
              }
            />
          </li>
        ))}
      </ul>
    </Page>
  );
}

function MemberActions({
  cohort,
  member,
  isSelf,
  leads,
  onChanged,
}: {
  cohort: Cohort;
  member: Member;
  isSelf: boolean;
  leads: number;
  onChanged: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const lastLead = member.role === 'programme_lead' && leads <= 1;

  if (isSelf) {
    if (!cohort.myRole) return null;
    if (lastLead) {
      return (
        <p className="member-card__hint">
          You are the only programme lead. To leave, first make someone else a programme lead.
        </p>
      );
    }
    return (
      <ConfirmButton
        trigger="Leave cohort"
        title={`Leave ${cohort.name}?`}
        confirmLabel="Leave cohort"
        onConfirm={async () => {
          leavingByChoice.add(cohort.id);
          try {
            await apiDelete(cohortPaths.member(cohort.id, member.userId));
          } catch (error) {
            leavingByChoice.delete(cohort.id);
            throw error;
          }
          navigate('/', { replace: true, state: { left: cohort.name } });
          queryClient.removeQueries({ queryKey: cohortKeys.one(cohort.id) });
          await queryClient.invalidateQueries({ queryKey: cohortKeys.list });
        }}
      >
        <p>
          You will no longer see anything in this cohort. To come back, you will need a new
          invitation from a facilitator.
        </p>
      </ConfirmButton>
    );
  }

  // Only what would succeed: a facilitator cannot touch a programme lead, and nobody can
  // take away the last one.
  const canManage =
    may(cohort, 'members.manage') &&
    (member.role !== 'programme_lead' || cohort.assignableRoles.includes('programme_lead')) &&
    !lastLead;
  if (!canManage) return null;

  return (
    <>
      <ChangeRoleButton cohort={cohort} member={member} onChanged={onChanged} />
      <ConfirmButton
        trigger="Remove"
        triggerAriaLabel={`Remove ${member.displayName}`}
        title={`Remove ${member.displayName} from the cohort?`}
        confirmLabel="Remove"
        onConfirm={async () => {
          leavingByChoice.add(cohort.id);
          try {
            await apiDelete(cohortPaths.member(cohort.id, member.userId));
          } catch (error) {
            leavingByChoice.delete(cohort.id);
            throw error;
          }
          onChanged(`${member.displayName} has been removed from the cohort.`);
          await queryClient.invalidateQueries({ queryKey: cohortKeys.one(cohort.id) });
          await queryClient.invalidateQueries({ queryKey: cohortKeys.list });
        }}
      >
        <p>
          They will lose access to everything in {cohort.name} straight away. You can invite them
          again later.
        </p>
      </ConfirmButton>
    </>
  );
}
