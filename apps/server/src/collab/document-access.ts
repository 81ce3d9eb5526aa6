import type { Database } from '@colab/db';
import type { Actor } from '../auth/session.ts';
import { NotFound } from '../errors.ts';
import { boardDocumentAccess } from '../features/boards/service.ts';
import { groupPageAccess } from '../features/groups/service.ts';
import { getOwnEntry } from '../features/journal/service.ts';

export type DocumentAccess = 'read' | 'write';

/**
 * Who may open a shared document, decided by the same permission table as the REST routes.
 * Throws NotFound or Forbidden when the person may not open it at all.
 */
export async function resolveDocumentAccess(
  db: Database,
  actor: Actor,
  docName: string,
): Promise<DocumentAccess> {
  const separator = docName.indexOf(':');
  const kind = docName.slice(0, separator);
  const id = docName.slice(separator + 1);
  if (separator > 0 && kind === 'board') return boardDocumentAccess(db, actor, id);
  if (separator > 0 && kind === 'group-page') return groupPageAccess(db, actor, id);
  if (separator > 0 && kind === 'journal') {
    await getOwnEntry(db, actor, id);
    return 'write';
  }
  throw new NotFound('No such document.');
}
