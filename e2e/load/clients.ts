/** The clients the scenarios use: the stock providers, and bare connections that only read. */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { frame, type Target } from './servers.ts';

/** A client with a real Y.Doc, through the server's own stock provider. */
export function providerClient(target: Target, docName: string, doc = new Y.Doc()) {
  const headers = target.headers;
  class HeaderWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  if (target.protocol === 'hocuspocus') {
    const websocketProvider = new HocuspocusProviderWebsocket({
      url: target.wsBase,
      WebSocketPolyfill: HeaderWebSocket,
    });
    const provider = new HocuspocusProvider({
      websocketProvider,
      name: docName,
      document: doc,
      token: 'bench',
    });
    // Given its socket, the provider waits to be attached to it.
    provider.attach();
    return {
      doc,
      synced: () => provider.synced,
      destroy: () => {
        provider.destroy();
        websocketProvider.destroy();
      },
    };
  }
  const provider = new WebsocketProvider(target.wsBase, docName, doc, {
    WebSocketPolyfill: HeaderWebSocket as never,
    disableBc: true,
  });
  return { doc, synced: () => provider.synced, destroy: () => provider.destroy() };
}

/**
 * A bare connection to one document (most of a room). `hello` also sends what a provider sends
 * on connect (a sync step 1 with nothing yet), so the server treats it as a client of the
 * document; Hocuspocus always gets its token first.
 */
export function bareClient(target: Target, docName: string, hello = false) {
  const url = target.protocol === 'hocuspocus' ? target.wsBase : `${target.wsBase}/${docName}`;
  const ws = new WebSocket(url, { headers: target.headers });
  ws.on('message', () => {});
  ws.on('error', () => {});
  const send = (write: (e: encoding.Encoder) => void) => ws.send(frame(target, docName, write));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      if (target.protocol === 'hocuspocus')
        send((e) => {
          encoding.writeVarUint(e, 2); // auth
          encoding.writeVarUint(e, 0); // token
          encoding.writeVarString(e, 'bench');
        });
      if (hello)
        send((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint8Array(e, Uint8Array.of(0));
        });
      resolve();
    });
    ws.once('error', reject);
  });
  return {
    ws,
    opened,
    /** Sends a Yjs update as a sync update frame. */
    update(update: Uint8Array) {
      if (ws.readyState !== WebSocket.OPEN) return;
      send((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, update);
      });
    },
  };
}

/**
 * Cards as a Colab board holds them: a map of maps, added in transactions of `chunk`, all by
 * `authorId` (the server takes a card only in its writer's name, so the one who sends them).
 * `state` is the whole board as one update, as `Y.encodeStateAsUpdate` gives it (merging
 * the updates instead took about 13 s at 100,000 cards).
 */
export function boardUpdates(
  cards: number,
  authorId: string,
  chunk = 2_000,
): { updates: Uint8Array[]; state: Uint8Array } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const columns = ['went-well', 'to-change', 'ideas', 'thanks'];
  for (let start = 0; start < cards; start += chunk) {
    doc.transact(() => {
      const map = doc.getMap<Y.Map<unknown>>('cards');
      for (let i = start; i < Math.min(cards, start + chunk); i++) {
        const card = new Y.Map<unknown>();
        card.set('id', `card-${i}`);
        card.set('text', `Card ${i}: what we noticed about trust and time this week`);
        card.set('columnId', columns[i % columns.length]);
        card.set('authorId', authorId);
        card.set('createdAt', 1_790_000_000_000 + i);
        map.set(`card-${i}`, card);
      }
    });
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { updates, state };
}
