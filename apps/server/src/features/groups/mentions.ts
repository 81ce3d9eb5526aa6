import type { Database } from '@colab/db';
import type { Actor } from '../../auth/session.ts';
import { createNotifications } from '../notifications/service.ts';
import { groupAccess, groupWorkReaders } from './access.ts';

/**
 * Notifies the people an @mention on the group's page names, if they may read the page. The
 * others are skipped without a word, so a mention never shows anyone the group's work; the
 * writer is never notified of themself.
 */
export async function notifyGroupMentions(
  db: Database,
  actor: Actor,
  groupId: string,
  input: { userIds: string[]; excerpt: string },
) {
  const { group } = await groupAccess(db, actor, groupId, 'write');
  const readers = await groupWorkReaders(
    db,
    group,
    input.userIds.filter((id) => id !== actor.userId),
  );
  return createNotifications(db, readers, {
    kind: 'mention',
    title: `${actor.name} mentioned you on the page of ${group.name}${input.excerpt ? `: ${input.excerpt}` : ''}`,
    link: `/cohorts/${group.cohortId}/groups/${group.id}`,
    // Who wrote it, so the writer's data export can list their mentions (erasure removes it).
    data: { groupId: group.id, by: actor.userId },
  });
}
