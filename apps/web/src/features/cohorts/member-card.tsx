import type { CohortRole } from '@colab/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { Button, DialogTrigger } from 'react-aria-components';
import { apiPatch } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { Avatar } from '../../ui/avatar.tsx';
import { Badge } from '../../ui/badge.tsx';
import { ModalDialog } from '../../ui/dialog.tsx';
import { FormAlert } from '../../ui/form-alert.tsx';
import { cohortKeys, cohortPaths, ROLE_LABELS, roleWithArticle } from './api.ts';
import { RoleChoice } from './role-choice.tsx';
import type { Cohort, Member } from './types.ts';

interface Props {
  member: Member;
  cohort: Cohort;
  isSelf: boolean;
  /** Controls for this member (role, remove, leave), when the viewer may use them. */
  actions?: ReactNode;
}

/** One person in the directory: what they share, and what the viewer may do about them. */
export function MemberCard({ member, cohort, isSelf, actions }: Props) {
  const nameId = useId();
  const work = [member.jobTitle, member.organisation].filter(Boolean).join(', ');
  return (
    <article className="member-card" aria-labelledby={nameId}>
      <div className="member-card__head">
        <Avatar initials={member.initials} />
        <div className="member-card__who">
          <h2 id={nameId} className="member-card__name">
            {member.displayName}
            {isSelf ? <span className="member-card__you"> (you)</span> : null}
          </h2>
          {member.pronouns ? <p className="member-card__pronouns">{member.pronouns}</p> : null}
        </div>
      </div>
      <p className="member-card__role">
        <Badge tone={member.role === 'participant' ? 'neutral' : 'info'}>
          {ROLE_LABELS[member.role]}
        </Badge>
      </p>
      {work ? (
        <p className="member-card__work">
          {work}
          {isSelf && cohort.titlesAtTheDoor ? (
            <span className="member-card__private"> (only you see this here)</span>
          ) : null}
        </p>
      ) : null}
      {member.email ? (
        <p className="member-card__email">
          {isSelf ? member.email : <a href={`mailto:${member.email}`}>{member.email}</a>}
        </p>
      ) : null}
      {member.bio ? <p className="member-card__bio">{member.bio}</p> : null}
      {actions ? <div className="member-card__actions">{actions}</div> : null}
    </article>
  );
}

/** “Change role” and its dialog, offering only the roles the viewer may hand out. */
export function ChangeRoleButton({
  cohort,
  member,
  onChanged,
}: {
  cohort: Cohort;
  member: Member;
  onChanged: (message: string) => void;
}) {
  return (
    <DialogTrigger>
      <Button
        className="button button--quiet button--small"
        aria-label={`Change role for ${member.displayName}`}
      >
        Change role
      </Button>
      <ModalDialog title={`Change ${member.displayName}’s role`}>
        {(close) => (
          <ChangeRoleForm
            cohort={cohort}
            member={member}
            onCancel={close}
            onDone={(message) => {
              close();
              onChanged(message);
            }}
          />
        )}
      </ModalDialog>
    </DialogTrigger>
  );
}

function ChangeRoleForm({
  cohort,
  member,
  onCancel,
  onDone,
}: {
  cohort: Cohort;
  member: Member;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [role, setRole] = useState<CohortRole>(member.role);
  const [error, setError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () =>
      apiPatch<{ userId: string; role: CohortRole }>(cohortPaths.member(cohort.id, member.userId), {
        role,
      }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: cohortKeys.one(cohort.id) });
      onDone(`${member.displayName} is now ${roleWithArticle(result.role)}.`);
    },
    onError: (caught) => setError(describeError(caught).message ?? null),
  });

  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (role === member.role) return onCancel();
        change.mutate();
      }}
    >
      <RoleChoice
        name="role"
        label="Role in this cohort"
        roles={cohort.assignableRoles}
        value={role}
        onChange={setRole}
      />
      <FormAlert message={error} />
      <div className="dialog__actions">
        <Button className="button button--quiet" onPress={onCancel}>
          Cancel
        </Button>
        <Button type="submit" className="button button--primary" isPending={change.isPending}>
          Save role
        </Button>
      </div>
    </form>
  );
}
