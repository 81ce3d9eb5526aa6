import type { MailMessage } from '../../mail/mailer.ts';

interface Emailable {
  title: string;
  link: string | null;
}

const absolute = (publicUrl: string, link: string | null) =>
  link ? `${publicUrl}${link.startsWith('/') ? '' : '/'}${link}` : publicUrl;

const FOOTER =
  'You can choose what Colab tells you about, in the app and by email, in your notification settings.';

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function notificationEmail(to: string, n: Emailable, publicUrl: string): MailMessage {
  return {
    to,
    subject: oneLine(n.title, 150),
    text: `${n.title}\n\nOpen it in Colab: ${absolute(publicUrl, n.link)}\n\n--\n${FOOTER}\n`,
  };
}

export function digestEmail(to: string, items: Emailable[], publicUrl: string): MailMessage {
  const list = items.map((n) => `- ${n.title}\n  ${absolute(publicUrl, n.link)}`).join('\n\n');
  return {
    to,
    subject:
      items.length === 1
        ? 'Your Colab digest: 1 new notification'
        : `Your Colab digest: ${items.length} new notifications`,
    text: `Since your last digest:\n\n${list}\n\n--\n${FOOTER}\n`,
  };
}
