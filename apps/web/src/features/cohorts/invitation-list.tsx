import type { InvitationStatus } from '@colab/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from 'react-aria-components';
import { apiDelete, apiPost } from '../../api/client.ts';
import { describeError } from '../../api/form-errors.ts';
import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { CopyLink } from '../../ui/copy-link.tsx';
import { ConfirmButton } from '../../ui/dialog.tsx';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { cohortKeys, ROLE_LABELS, useInvitations } from './api.ts';
import { formatMoment, formatMomentDay } from './dates.ts';
import type { Cohort, Invitation, InvitationWithLink } from './types.ts';

const STATUS: Record<InvitationStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: 'Pending', tone: 'info' },
  accepted: { label: 'Accepted', tone: 'success' },
  revoked: { label: 'Revoked', tone: 'neutral' },
  expired: { label: 'Expired', tone: 'warning' },
};

/** Every invitation of the cohort, newest first, with Resend and Revoke while still open. */
export function InvitationList({ cohort }: { cohort: Cohort }) {
  const invitations = useInvitations(cohort.id);
  const [fresh, setFresh] = useState<InvitationWithLink | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  if (invitations.isPending) return <p className="muted">Loading invitations…</p>;
  if (invitations.error) {
    return (
      <p className="form-alert" role="alert">
        The invitations could not be loaded. Reload the page to try again.
      </p>
    );
  }
  if (invitations.data.length === 0) {
    return (
      <div className="quiet-box">
        <p>
          No invitations yet. Everyone you invite will be listed here, with whether they have
          joined.
        </p>
      </div>
    );
  }

  return (
    <>
      <div role="status" className="status-region">
        {fresh ? (
          <div className="fresh-link">
            <p>
              <strong>New link for {fresh.email}.</strong> The old link no longer works.
              {fresh.emailSent === true ? ' We emailed it to them.' : null}
              {fresh.emailSent === false
                ? ' The email could not be sent, so send it yourself.'
                : null}
            </p>
            <CopyLink link={fresh.link} who={fresh.email} />
          </div>
        ) : message ? (
          <p className="status-line">{message}</p>
        ) : null}
      </div>
      <div className="table-wrap">
        <table className="data-table data-table--stack">
          <caption className="visually-hidden">Invitations, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Sent</th>
              <th scope="col">Link works until</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.data.map((invitation) => (
              <InvitationRow
                key={invitation.id}
                cohort={cohort}
                invitation={invitation}
                onResent={(withLink) => {
                  setMessage(null);
                  setFresh(withLink);
                }}
                onRevoked={(email) => {
                  setFresh(null);
                  setMessage(`The invitation to ${email} was revoked. Its link no longer works.`);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function InvitationRow({
  cohort,
  invitation,
  onResent,
  onRevoked,
}: {
  cohort: Cohort;
  invitation: Invitation;
  onResent: (invitation: InvitationWithLink) => void;
  onRevoked: (email: string) => void;
}) {
  const queryClient = useQueryClient();
  const { timezone } = useCurrentPerson();
  const errorId = useId();
  const refresh = () => queryClient.invalidateQueries({ queryKey: cohortKeys.one(cohort.id) });
  const resend = useMutation({
    mutationFn: () =>
      apiPost<InvitationWithLink>(
        `/api/invitations/${encodeURIComponent(invitation.id)}/resend`,
        {},
      ),
    onSuccess: (withLink) => {
      onResent(withLink);
      return refresh();
    },
  });
  const status = STATUS[invitation.status];
  const open = invitation.status === 'pending' || invitation.status === 'expired';

  return (
    <tr>
      <td data-label="Person">
        <div>
          {invitation.name ? <span className="invitation__name">{invitation.name}</span> : null}
          <span className="invitation__email">{invitation.email}</span>
        </div>
      </td>
      <td data-label="Role">{ROLE_LABELS[invitation.role]}</td>
      <td data-label="Status">
        <Badge tone={status.tone}>{status.label}</Badge>
      </td>
      <td data-label="Sent">{formatMoment(invitation.sentAt, timezone)}</td>
      <td data-label="Link works until">
        {invitation.status === 'accepted' && invitation.acceptedAt
          ? `Used on ${formatMomentDay(invitation.acceptedAt, timezone)}`
          : invitation.status === 'revoked'
            ? 'Withdrawn'
            : formatMomentDay(invitation.expiresAt, timezone)}
      </td>
      <td data-label="Actions" className={open ? undefined : 'data-table__cell--empty'}>
        {open ? (
          <div className="row-actions">
            <Button
              className="button button--quiet button--small"
              aria-label={`Resend invitation to ${invitation.email}`}
              aria-describedby={resend.isError ? errorId : undefined}
              isPending={resend.isPending}
              onPress={() => resend.mutate()}
            >
              Resend
            </Button>
            <ConfirmButton
              trigger="Revoke"
              triggerAriaLabel={`Revoke invitation to ${invitation.email}`}
              title={`Revoke the invitation to ${invitation.email}?`}
              confirmLabel="Revoke invitation"
              onConfirm={async () => {
                await apiDelete(`/api/invitations/${encodeURIComponent(invitation.id)}`);
                onRevoked(invitation.email);
                await refresh();
              }}
            >
              <p>Their link will stop working straight away. You can invite them again later.</p>
            </ConfirmButton>
          </div>
        ) : null}
        {resend.isError ? (
          <p id={errorId} className="field__error">
            {describeError(resend.error).message}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
