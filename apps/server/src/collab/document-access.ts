import type { Database } from '@colab/db';
import type * as Y from 'yjs';
import type { Actor } from '../auth/session.ts';
import { NotFound } from '../errors.ts';
import { boardUpdateRefusal } from '../features/boards/edit-rules.ts';
import { boardDocumentAccess } from '../features/boards/service.ts';
import { groupPageAccess } from '../features/groups/service.ts';
import { getOwnEntry } from '../features/journal/service.ts';

export type DocumentAccess = 'read' | 'write';

export interface DocumentGrant {
  access: DocumentAccess;
  /**
   * Why an update from this person may not be applied to the document, or null. Boards have
   * rules inside the document (see edit-rules.ts); a group page or journal entry is written
   * freely by those who may write it at all.
   */
  refusal?: (doc: Y.Doc, update: Uint8Array) => string | null;
  /**
   * For a reader of a board or a group's page: why it may not write. Its page is then told
   * when it sends a change (one made offline before a board was locked or a cohort archived),
   * instead of the change being dropped unsaid while the page still shows it. A journal entry
   * has no readers but its author.
   */
  readOnlyBecause?: string;
}

/**
 * Who may open a shared document, and change what in it, decided by the same permission table
 * as the REST routes. Throws NotFound or Forbidden when the person may not open it at all.
 */
export async function resolveDocumentAccess(
  db: Database,
  actor: Actor,
  docName: string,
): Promise<DocumentGrant> {
  const separator = docName.indexOf(':');
  const kind = docName.slice(0, separator);
  const id = docName.slice(separator + 1);
  if (separator > 0 && kind === 'board') {
    const { access, facilitates, dotBudget, readOnlyBecause } = await boardDocumentAccess(
      db,
      actor,
      id,
    );
    const writer = { userId: actor.userId, facilitates, dotBudget };
    return {
      access,
      refusal: (doc, update) => boardUpdateRefusal(doc, update, writer),
      ...(access === 'read'
        ? { readOnlyBecause: readOnlyBecause ?? 'You may read this board, not change it.' }
        : {}),
    };
  }
  if (separator > 0 && kind === 'group-page') return groupPageAccess(db, actor, id);
  if (separator > 0 && kind === 'journal') {
    await getOwnEntry(db, actor, id);
    return { access: 'write' };
  }
  throw new NotFound('No such document.');
}
