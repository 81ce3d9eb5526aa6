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
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = () => resolve();
            request.onerror = () => resolve();
            // Another tab still has it open: it is deleted as soon as that tab lets go.
            request.onblocked = () => resolve();
          }),
      ),
  );
}
