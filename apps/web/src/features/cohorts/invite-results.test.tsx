import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { InviteResults, summariseInvites } from './invite-results.tsx';
import type { InviteResponse, InviteResult } from './types.ts';

function invited(row: number, email: string, extra: Partial<InviteResult> = {}): InviteResult {
  return {
    row,
    input: email,
    email,
    status: 'invited',
    invitation: {
      id: `inv-${row}`,
      email,
      name: null,
      role: 'participant',
      status: 'pending',
      sentAt: '2027-03-01T10:00:00.000Z',
      expiresAt: '2027-03-15T10:00:00.000Z',
      acceptedAt: null,
      link: `http://colab.test/invitations/token-${row}`,
    },
    ...extra,
  };
}

const response: InviteResponse = {
  emailed: false,
  summary: { invited: 2, resent: 0, alreadyMembers: 1, rejected: 1 },
  results: [
    invited(1, 'amy@example.org'),
    {
      row: 2,
      input: 'not-an-email',
      status: 'rejected',
      errors: [{ path: 'email', message: 'Enter an email address like name@example.org' }],
    },
    { row: 3, input: 'cat@example.org', email: 'cat@example.org', status: 'already_member' },
    invited(4, 'dee@example.org'),
  ],
};

const rows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('invitation results', () => {
  it('sums up what happened in one plain line', () => {
    expect(summariseInvites({ invited: 12, resent: 0, alreadyMembers: 1, rejected: 2 })).toBe(
      '12 invited, 1 already a member, 2 need attention',
    );
    expect(summariseInvites({ invited: 1, resent: 2, alreadyMembers: 2, rejected: 1 })).toBe(
      '1 invited, 2 sent again, 2 already members, 1 needs attention',
    );
  });

  it('shows each rejected row with what is wrong with it, and no link', () => {
    render(<InviteResults response={response} />);
    expect(screen.getByText('2 invited, 1 already a member, 1 needs attention.')).toBeVisible();
    const rejected = rows()[1]!;
    expect(rejected).toHaveTextContent('not-an-email');
    expect(rejected).toHaveTextContent('Needs attention');
    expect(rejected).toHaveTextContent('Enter an email address like name@example.org');
    expect(within(rejected).queryByRole('button', { name: /Copy link/ })).not.toBeInTheDocument();
    expect(rows()[2]).toHaveTextContent('Already a member');
  });

  it('offers each new invitation’s link to copy, saying that email is not set up', () => {
    render(<InviteResults response={response} />);
    expect(screen.getByText(/Email is not set up on this Colab/)).toBeVisible();
    const first = rows()[0]!;
    expect(within(first).getByLabelText('Invitation link for amy@example.org')).toHaveValue(
      'http://colab.test/invitations/token-1',
    );
    expect(
      within(first).getByRole('button', { name: 'Copy link for amy@example.org' }),
    ).toBeVisible();
    expect(first).toHaveTextContent('Invited as a participant');
  });

  it('copies a link to the clipboard and says so', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<InviteResults response={response} />);

    await user.click(screen.getByRole('button', { name: 'Copy link for dee@example.org' }));

    expect(writeText).toHaveBeenCalledWith('http://colab.test/invitations/token-4');
    expect(within(rows()[3]!).getByRole('status')).toHaveTextContent('Copied');
  });

  it('selects the link for copying by hand when the clipboard is refused', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {
      throw new DOMException('Denied', 'NotAllowedError');
    });
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<InviteResults response={response} />);

    await user.click(screen.getByRole('button', { name: 'Copy link for amy@example.org' }));

    const input = screen.getByLabelText<HTMLInputElement>('Invitation link for amy@example.org');
    expect(input).toHaveFocus();
    expect(input.selectionStart).toBe(0);
    expect(input.selectionEnd).toBe(input.value.length);
    expect(within(rows()[0]!).getByRole('status')).toHaveTextContent('press Ctrl+C');
  });

  it('says the invitations were emailed, and flags the ones whose email failed', () => {
    render(
      <InviteResults
        response={{
          emailed: true,
          summary: { invited: 2, resent: 0, alreadyMembers: 0, rejected: 0 },
          results: [
            invited(1, 'amy@example.org', { emailSent: true }),
            invited(2, 'bo@example.org', { emailSent: false }),
          ],
        }}
      />,
    );
    expect(screen.getByText(/We emailed each person their invitation link/)).toHaveTextContent(
      '1 email could not be sent',
    );
    expect(rows()[0]).not.toHaveTextContent('could not be sent');
    expect(rows()[1]).toHaveTextContent('The email could not be sent.');
  });
});
