import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Connection, SharedDoc } from '../collab/use-shared-doc.ts';

/**
 * Stands in for `collab/use-shared-doc.ts` in unit tests, where there is no collab server or
 * IndexedDB: `vi.mock('…/collab/use-shared-doc.ts', () => import('…/testing/shared-doc-stub.ts'))`.
 * A page gets a local document, in the connection state the test sets here.
 */
export const sharedDocStub = {
  connection: 'live' as Connection,
  closedBecause: null as string | null,
};

export function useSharedDoc(): SharedDoc {
  return {
    doc: new Y.Doc(),
    awareness: undefined as unknown as Awareness,
    connection: sharedDocStub.connection,
    loadedLocally: true,
    closedBecause: sharedDocStub.closedBecause,
  };
}
