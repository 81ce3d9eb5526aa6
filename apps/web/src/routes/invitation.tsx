import type { TMe } from '@colab/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, apiGet, apiPost } from '../api/client.ts';
import { describeError } from '../api/form-errors.ts';
import { useMe, useSignOut } from '../features/accounts/hooks.ts';
import { SignInForm } from '../features/accounts/sign-in-form.tsx';
import { SignUpForm } from '../features/accounts/sign-up-form.tsx';
import { cohortKeys, roleWithArticle } from '../features/cohorts/api.ts';
import type { InvitationInfo } from '../features/cohorts/types.ts';
import { Card } from '../ui/card.tsx';
import { FormAlert } from '../ui/form-alert.tsx';
import { Page } from '../ui/page.tsx';
import { ErrorScreen, LoadingScreen } from '../ui/status.tsx';

const sameEmail = (a: string | undefined, b: string | undefined) =>
  Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());

/**
 * Where an invitation link lands, signed in or not. It says what the invitation is for, then
 * offers the one next step that fits: create an account or sign in (and join straight after),
 * accept, or switch accounts. A link that no longer works says why, and what to do.
 */
export function InvitationPage() {
  const { token = '' } = useParams();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [joining, setJoining] = useState(false);
  const [acceptError, setAcceptError] = useState<string | null>(null);
  const info = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => apiGet<InvitationInfo>(`/api/invitations/${encodeURIComponent(token)}`),
    // The same for anyone holding the link, so it survives signing in or out on this page.
    meta: { public: true },
  });

  async function accept() {
    setJoining(true);
    setAcceptError(null);
    try {
      const joined = await apiPost<{ cohortId: string }>(
        `/api/invitations/${encodeURIComponent(token)}/accept`,
        {},
      );
      await queryClient.invalidateQueries({ queryKey: cohortKeys.list });
      navigate(`/cohorts/${joined.cohortId}`, { replace: true });
    } catch (error) {
      setJoining(false);
      // Expired, revoked or used meanwhile: the page then says so.
      if (error instanceof ApiError && error.status === 409) await info.refetch();
      else setAcceptError(describeError(error).message ?? null);
    }
  }

  /** After signing in or creating an account here, join at once if the emails match. */
  async function onSignedIn(person: TMe | null) {
    if (person && sameEmail(person.email, info.data?.email)) await accept();
  }

  if (info.isPending || me.isPending) return <LoadingScreen />;
  if (info.error) {
    if (info.error instanceof ApiError && info.error.status === 404) return <UnknownLink />;
    return (
      <ErrorScreen
        message="We could not open this invitation. Check your connection, then try again."
        onRetry={() => void info.refetch()}
      />
    );
  }

  const invitation = info.data;
  const person = me.data ?? null;
  if (invitation.status !== 'pending') {
    return <ClosedInvitation invitation={invitation} signedIn={person !== null} />;
  }
  if (joining) {
    return (
      <div className="loading" role="status">
        <span className="loading__spinner" aria-hidden="true" />
        <span>Joining {invitation.cohort.name}…</span>
      </div>
    );
  }

  const inviter = invitation.invitedBy ?? 'A facilitator';
  return (
    <Page
      title={`You’re invited to ${invitation.cohort.name}`}
      width="narrow"
      lead={
        <>
          {inviter} invited you to join as {roleWithArticle(invitation.role)}.
          {about(invitation) ? (
            <span className="invitation__about"> {about(invitation)}</span>
          ) : null}
        </>
      }
    >
      {person === null ? (
        <SignedOut invitation={invitation} onSignedIn={onSignedIn} />
      ) : sameEmail(person.email, invitation.email) ? (
        <Card>
          <div className="stack">
            <p>
              You are signed in as <strong>{person.email}</strong>, the address this invitation was
              sent to.
            </p>
            <FormAlert message={acceptError} />
            <Button className="button button--primary" onPress={() => void accept()}>
              Accept and join
            </Button>
          </div>
        </Card>
      ) : (
        <WrongAccount invitation={invitation} person={person} />
      )}
    </Page>
  );
}

function about(invitation: InvitationInfo): string {
  return [invitation.cohort.programme, invitation.cohort.theme].filter(Boolean).join(' · ');
}

function SignedOut({
  invitation,
  onSignedIn,
}: {
  invitation: InvitationInfo;
  onSignedIn: (person: TMe | null) => Promise<void>;
}) {
  return (
    <Card>
      <p className="invitation__intro">
        To join, create your Colab account, or sign in if you already have one.
      </p>
      <Tabs className="tabs" defaultSelectedKey="new">
        <TabList className="tabs__list" aria-label="How to continue">
          <Tab id="new" className="tabs__tab">
            Create an account
          </Tab>
          <Tab id="existing" className="tabs__tab">
            I already have an account
          </Tab>
        </TabList>
        <TabPanel id="new" className="tabs__panel">
          <SignUpForm
            defaultName={invitation.name ?? undefined}
            fixedEmail={invitation.email}
            onSignedIn={onSignedIn}
          />
        </TabPanel>
        <TabPanel id="existing" className="tabs__panel">
          <p className="field__hint tabs__hint">
            Sign in with the account for {invitation.email}. You will join the cohort straight away.
          </p>
          <SignInForm defaultEmail={invitation.email} onSignedIn={onSignedIn} />
        </TabPanel>
      </Tabs>
    </Card>
  );
}

function WrongAccount({ invitation, person }: { invitation: InvitationInfo; person: TMe }) {
  const signOut = useSignOut();
  return (
    <Card>
      <div className="stack">
        <p>
          This invitation was sent to <strong>{invitation.email}</strong>, but you are signed in as{' '}
          <strong>{person.email}</strong>.
        </p>
        <p>
          To accept it, sign out, then sign in or create an account with {invitation.email}. If you
          would rather use this account, ask your facilitator to invite {person.email} instead.
        </p>
        <FormAlert
          message={
            signOut.isError
              ? 'We could not sign you out. Check your connection and try again.'
              : null
          }
        />
        <Button
          className="button button--primary"
          isPending={signOut.isPending}
          onPress={() => signOut.mutate()}
        >
          Sign out and continue
        </Button>
      </div>
    </Card>
  );
}

function ClosedInvitation({
  invitation,
  signedIn,
}: {
  invitation: InvitationInfo;
  signedIn: boolean;
}) {
  const inviter = invitation.invitedBy ?? 'your facilitator';
  const home = signedIn ? (
    <Link to="/">Go to your cohorts</Link>
  ) : (
    <Link to="/sign-in">Sign in to Colab</Link>
  );
  const pages: Record<Exclude<InvitationInfo['status'], 'pending'>, [string, ReactNode]> = {
    accepted: [
      'This invitation has already been used',
      <>
        <p>
          Someone has already accepted this invitation to {invitation.cohort.name}. If that was you,
          the cohort is waiting for you in Colab.
        </p>
        <p>{home}</p>
      </>,
    ],
    expired: [
      'This invitation has expired',
      <>
        <p>
          Invitations to {invitation.cohort.name} last 14 days, and this one has run out. Ask{' '}
          {inviter} to send it again: you will get a new link.
        </p>
        <p>{home}</p>
      </>,
    ],
    revoked: [
      'This invitation has been withdrawn',
      <>
        <p>
          This invitation to {invitation.cohort.name} no longer works. If you think you should still
          join, ask {inviter} to send you a new one.
        </p>
        <p>{home}</p>
      </>,
    ],
  };
  const [title, body] = pages[invitation.status as keyof typeof pages];
  return (
    <Page title={title} width="narrow">
      {body}
    </Page>
  );
}

function UnknownLink() {
  return (
    <Page title="This invitation link does not work" width="narrow">
      <p>
        Check that you copied the whole link from your invitation. If it still does not work, ask
        your facilitator to send you the invitation again.
      </p>
      <p>
        <Link to="/">Go to Colab</Link>
      </p>
    </Page>
  );
}
