/**
 * Shared documents are kept in the browser (IndexedDB) so edits made offline survive a closed
 * tab and merge on reconnect. Each copy is named for the person and the document, so two
 * accounts on one browser never share one, and all of a person's copies go when they sign out:
 * a journal must not stay readable on a shared work laptop.
 */
const PREFIX = 'colab:';

export function offlineCopyName(userId: string, docName: string): string {
  return `${PREFIX}${userId}:${docName}`;
}

export async function clearOfflineCopies(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const databases = await indexedDB.databases();
  await Promise.all(
    databases
      .map((d) => d.name)
      .filter((name): name is string => typeof name === 'string' && name.startsWith(PREFIX))
      .map(deleteDatabase),
  );
}

/** Forgets one document's copy, say when the document itself was deleted. */
export async function clearOfflineCopy(userId: string, docName: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  await deleteDatabase(offlineCopyName(userId, docName));
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Another tab (or a page still closing) has it open: it is deleted once that lets go.
    request.onblocked = () => resolve();
  });
}
