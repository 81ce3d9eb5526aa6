import { ROLE_LABELS, roleWithArticle } from './api.ts';
import type { AuditEvent, Member } from './types.ts';

const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  programme: 'programme',
  theme: 'theme',
  description: 'description',
  startsOn: 'start date',
  endsOn: 'end date',
  timezone: 'timezone',
  titlesAtTheDoor: '“titles at the door” setting',
};

export const FORMER_MEMBER = 'a former member';

/**
 * Names people by their id: from the member list first, then from the names the log itself
 * carries (an admin outside the cohort, someone who left); a deleted account is “a former member”.
 */
export function nameFinder(
  members: readonly Member[] | undefined,
  me?: { id: string; name: string },
  events: readonly AuditEvent[] = [],
) {
  const names = new Map<string, string>();
  for (const e of events) {
    if (e.actorId && e.actorName) names.set(e.actorId, e.actorName);
    if (e.subjectUserId && e.subjectName) names.set(e.subjectUserId, e.subjectName);
  }
  for (const m of members ?? []) names.set(m.userId, m.displayName);
  if (me) names.set(me.id, names.get(me.id) ?? me.name);
  return (id: string | null): string => (id ? (names.get(id) ?? FORMER_MEMBER) : 'Someone');
}

/** “name, theme and start date” */
function listWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? 'details';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const roleName = (value: unknown) =>
  (ROLE_LABELS as Record<string, string>)[text(value)]?.toLowerCase() ?? text(value);

/** What happened, after the name of who did it: “invited bo@example.org as a participant”. */
export function describeAction(event: AuditEvent, nameOf: (id: string | null) => string): string {
  const d = event.details ?? {};
  const subject = nameOf(event.subjectUserId);
  switch (event.action) {
    case 'cohort.created':
      return 'created the cohort';
    case 'cohort.updated': {
      const changed = Array.isArray(d.changed) ? d.changed.map(String) : [];
      return `changed the cohort’s ${listWords(changed.map((f) => FIELD_WORDS[f] ?? f))}`;
    }
    case 'cohort.archived':
      return 'archived the cohort';
    case 'cohort.unarchived':
      return 'unarchived the cohort';
    case 'member.joined':
      return d.role ? `joined as ${roleWithArticle(text(d.role))}` : 'joined the cohort';
    case 'member.role_changed':
      return `changed ${subject}’s role from ${roleName(d.from)} to ${roleName(d.to)}`;
    case 'member.removed':
      return `removed ${subject} from the cohort`;
    case 'member.left':
      return 'left the cohort';
    case 'invitation.created':
      return `invited ${text(d.email) || 'someone'}${d.role ? ` as ${roleWithArticle(text(d.role))}` : ''}`;
    case 'invitation.resent':
      return `sent a new invitation link to ${text(d.email) || 'someone'}`;
    case 'invitation.revoked':
      return `withdrew the invitation to ${text(d.email) || 'someone'}`;
    case 'cohort.retention_changed':
      return 'changed how long the cohort is kept';
    case 'account.erased':
      return d.by === 'instance_admin'
        ? 'deleted a member’s account on their request'
        : 'deleted their account';
    case 'data.exported':
      return 'downloaded their data';
    default:
      return event.action.replaceAll(/[._]/g, ' ');
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The whole sentence: “Amy Aitkens invited bo@example.org as a participant.” */
export function describeEvent(event: AuditEvent, nameOf: (id: string | null) => string): string {
  // Done by the retention sweep, not by a person.
  if (event.action === 'cohort.retention_archived')
    return 'The cohort was archived, as its retention setting says.';
  return `${capitalise(nameOf(event.actorId))} ${describeAction(event, nameOf)}.`;
}
