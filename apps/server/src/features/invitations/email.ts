import type { MailMessage } from '../../mail/mailer.ts';

const ROLE_NAMES = {
  programme_lead: 'a programme lead',
  facilitator: 'a facilitator',
  participant: 'a participant',
  sponsor: 'a sponsor',
} as const;

export function invitationEmail(invite: {
  email: string;
  name: string | null;
  role: keyof typeof ROLE_NAMES;
  link: string;
  expiresAt: string;
  cohortName: string;
  invitedBy: string;
}): MailMessage {
  const expires = new Date(invite.expiresAt).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
  return {
    to: invite.email,
    subject: `You're invited to ${invite.cohortName} on Colab`,
    text: [
      `Hello${invite.name ? ` ${invite.name}` : ''},`,
      '',
      `${invite.invitedBy} has invited you to join ${invite.cohortName} on Colab as ${ROLE_NAMES[invite.role]}.`,
      '',
      `Open this link to accept (it works once, until ${expires}):`,
      invite.link,
      '',
      'If you were not expecting this, you can ignore this email.',
    ].join('\n'),
  };
}
