import { type Ref, useId } from 'react';
import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { CopyLink } from '../../ui/copy-link.tsx';
import { roleWithArticle } from './api.ts';
import type { InviteOutcome, InviteResponse, InviteResult } from './types.ts';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** “12 invited, 1 already a member, 2 need attention”. */
export function summariseInvites(summary: InviteResponse['summary']): string {
  const parts: string[] = [];
  if (summary.invited) parts.push(`${summary.invited} invited`);
  if (summary.resent) parts.push(`${summary.resent} sent again`);
  if (summary.alreadyMembers) {
    parts.push(
      `${summary.alreadyMembers} already ${plural(summary.alreadyMembers, 'a member', 'members')}`,
    );
  }
  if (summary.rejected) {
    parts.push(`${summary.rejected} ${plural(summary.rejected, 'needs', 'need')} attention`);
  }
  return parts.join(', ') || 'Nobody was invited';
}

const OUTCOMES: Record<InviteOutcome, { label: string; tone: BadgeTone }> = {
  invited: { label: 'Invited', tone: 'success' },
  resent: { label: 'Sent again', tone: 'success' },
  already_member: { label: 'Already a member', tone: 'neutral' },
  rejected: { label: 'Needs attention', tone: 'danger' },
};

interface Props {
  response: InviteResponse;
  /** The heading gets focus after a submit, so the summary is read out next. */
  headingRef?: Ref<HTMLHeadingElement>;
}

/**
 * What happened to each row of an invitation request. Links are shown (with “Copy link”)
 * whenever there are any: without email set up, this is the outbox the facilitator sends from.
 */
export function InviteResults({ response, headingRef }: Props) {
  const headingId = useId();
  const { results, summary, emailed } = response;
  const unsent = results.filter((r) => r.invitation && r.emailSent === false).length;
  const links = results.some((r) => r.invitation);

  return (
    <section className="card results" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="section__title">
        Results
      </h2>
      <p className="results__summary">{summariseInvites(summary)}.</p>
      {links ? (
        emailed ? (
          <p>
            We emailed each person their invitation link.
            {unsent > 0
              ? ` ${unsent} ${plural(unsent, 'email', 'emails')} could not be sent: copy ${plural(unsent, 'that link', 'those links')} below and send ${plural(unsent, 'it', 'them')} yourself.`
              : ' You can also copy a link below, if someone cannot find their email.'}
          </p>
        ) : (
          <p>
            Email is not set up on this Colab, so send each person their link yourself: copy it and
            paste it into an email or a message. Each link works once, for 14 days.
          </p>
        )
      ) : null}
      {summary.resent > 0 ? (
        <p>
          An invitation sent again has a new link: the link sent before no longer works, so the new
          one is the one to send.
        </p>
      ) : null}
      {summary.rejected > 0 ? (
        <p>Rows that need attention were not invited. Correct them and invite them again.</p>
      ) : null}
      <div className="table-wrap">
        <table className="data-table data-table--stack">
          <caption className="visually-hidden">What happened to each row</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">You entered</th>
              <th scope="col">Result</th>
              <th scope="col">Invitation link</th>
            </tr>
          </thead>
          <tbody>
            {results.map((result) => (
              <ResultRow key={result.row} result={result} emailed={emailed} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ResultRow({ result, emailed }: { result: InviteResult; emailed: boolean }) {
  const outcome = OUTCOMES[result.status];
  const invitation = result.invitation;
  const emailFailed = emailed && invitation && result.emailSent === false;
  return (
    <tr className={result.status === 'rejected' ? 'data-table__row--attention' : undefined}>
      <td data-label="Row">{result.row}</td>
      <td data-label="You entered" className="data-table__input">
        {result.input || <span className="muted">(empty)</span>}
      </td>
      <td data-label="Result">
        <div>
          <Badge tone={outcome.tone}>{outcome.label}</Badge>
          {invitation ? (
            <span className="results__role"> as {roleWithArticle(invitation.role)}</span>
          ) : null}
          {result.errors?.length ? (
            <ul className="results__errors">
              {result.errors.map((error) => (
                <li key={`${error.path}:${error.message}`}>{error.message}</li>
              ))}
            </ul>
          ) : null}
          {emailFailed ? <p className="results__warning">The email could not be sent.</p> : null}
        </div>
      </td>
      <td data-label="Invitation link" className="results__link-cell">
        {invitation ? (
          <CopyLink link={invitation.link} who={invitation.email} />
        ) : (
          <span className="muted">None</span>
        )}
      </td>
    </tr>
  );
}
