import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { readAuthMessage } from 'y-protocols/auth';
import type { Awareness } from 'y-protocols/awareness';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { offlineCopyName } from './offline-copies.ts';

/**
 * - `connecting`: not yet in step with the server (first load, or reconnecting)
 * - `live`: connected and synced; edits reach everyone
 * - `offline`: no connection; edits are kept in this browser and sync on reconnect
 * - `closed`: the server ended the connection for good (access removed, or refused), or
 *   refused a change made here
 */
export type Connection = 'connecting' | 'live' | 'offline' | 'closed';

export interface SharedDoc {
  doc: Y.Doc;
  awareness: Awareness;
  connection: Connection;
  /** The browser's copy has loaded: what was written offline is in `doc`. */
  loadedLocally: boolean;
  /** Why the server closed the connection, when it did. */
  closedBecause: string | null;
}

/** Close codes the collab endpoint uses for "do not come back" (see apps/server/src/collab). */
const FINAL_CLOSE: Record<number, string> = {
  4403: 'You no longer have access to this document.',
  4400: 'Your browser sent something the server could not read. Reload the page.',
  1009: 'A change was too large to send. Reload the page.',
};

/**
 * The server refuses a change that breaks the document's rules (another's card, a dot past
 * a budget lowered while this browser was offline). This copy then holds a change the server
 * will never take, and every later change of this copy builds on it, so it would be refused
 * too: writing stops here, and the browser's copy is dropped so a reload starts from the
 * document as the server holds it. What was written stays on screen until then, to copy.
 */
function refusedBecause(reason: string): string {
  return `The server did not accept a change made in this browser: ${reason} Changes made here since are still on this screen but not saved: copy anything you want to keep, then reload the page.`;
}

function collabUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/collab`;
}

/**
 * One shared document: a Y.Doc kept in step with the server over the y-websocket protocol
 * (the stock `WebsocketProvider`) and with the browser's own copy (IndexedDB). Going offline
 * is taken from the browser: a WebSocket can outlive the network, so the provider is
 * disconnected when the browser says it is offline and reconnected when it is back.
 */
export function useSharedDoc(userId: string, docName: string): SharedDoc | null {
  const [state, setState] = useState<SharedDoc | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(offlineCopyName(userId, docName), doc);
    const online = () => typeof navigator === 'undefined' || navigator.onLine !== false;
    const provider = new WebsocketProvider(collabUrl(), docName, doc, {
      connect: online(),
      // Tabs of one browser talk through the server like everyone else.
      disableBc: true,
    });
    // Awareness ignores a client's first state at clock 0, and the server (not this client)
    // writes who we are, so nothing else would move the clock: start it at 1.
    provider.awareness.setLocalState({});
    let current: SharedDoc = {
      doc,
      awareness: provider.awareness,
      connection: online() ? 'connecting' : 'offline',
      loadedLocally: false,
      closedBecause: null,
    };
    const update = (patch: Partial<SharedDoc>) => {
      current = { ...current, ...patch };
      setState(current);
    };
    setState(current);

    const onStatus = ({ status }: { status: string }) => {
      if (current.connection === 'closed') return;
      if (status === 'connected') update({ connection: provider.synced ? 'live' : 'connecting' });
      else if (status === 'disconnected')
        update({ connection: online() ? 'connecting' : 'offline' });
    };
    const onSync = (synced: boolean) => {
      if (synced && provider.wsconnected && current.connection !== 'closed')
        update({ connection: 'live' });
    };
    const onClose = (event: CloseEvent | null) => {
      const reason = event ? FINAL_CLOSE[event.code] : undefined;
      if (reason) {
        provider.disconnect();
        update({ connection: 'closed', closedBecause: reason });
      }
    };
    const onRefused = (reason: string) => {
      if (current.connection === 'closed') return;
      provider.disconnect();
      void local.clearData();
      update({ connection: 'closed', closedBecause: refusedBecause(reason) });
    };
    provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
      readAuthMessage(decoder, doc, (_doc, reason) => onRefused(reason));
    };
    const goOffline = () => {
      provider.disconnect();
      if (current.connection !== 'closed') update({ connection: 'offline' });
    };
    const goOnline = () => {
      if (current.connection === 'closed') return;
      update({ connection: 'connecting' });
      provider.connect();
    };

    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    void local.whenSynced.then(() => update({ loadedLocally: true }));
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);

    return () => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [userId, docName]);

  return state;
}

/** Re-renders when the document changes; `read` turns it into what the page shows. */
export function useDocValue<T>(doc: Y.Doc | undefined, read: (doc: Y.Doc) => T, empty: T): T {
  const [value, setValue] = useState<T>(() => (doc ? read(doc) : empty));
  useEffect(() => {
    if (!doc) return;
    const refresh = () => setValue(read(doc));
    refresh();
    doc.on('update', refresh);
    return () => doc.off('update', refresh);
    // `read` should be a module-level function, so it never changes.
  }, [doc, read]);
  return value;
}
