import WebSocket from 'ws';
import { readAuthMessage } from 'y-protocols/auth';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { CohortFixture } from './cohort-fixture.ts';
import type { TestClient, TestServer } from './test-server.ts';

export async function waitFor(check: () => boolean, what: string, ms = 5_000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The stock y-websocket client, signed in as `client`. Call `close()` when done. */
export function openDocument(
  server: Pick<TestServer, 'url'>,
  client: TestClient,
  docName: string,
  /** An existing copy to connect (a client moving to another node); new when omitted. */
  doc: Y.Doc = new Y.Doc(),
) {
  const headers = { cookie: client.cookieHeader, origin: server.url };
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const provider = new WebsocketProvider(
    `${server.url.replace('http', 'ws')}/collab`,
    docName,
    doc,
    {
      WebSocketPolyfill: CookieWebSocket as never,
      disableBc: true,
      maxBackoffTime: 200,
    },
  );
  return {
    doc,
    provider,
    synced: () => waitFor(() => provider.synced, `${docName} to sync`),
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The HTTP status of an upgrade to /collab/<docName> (101 when it opened). */
/** What the server refused of this client's changes, as a document's page hears it. */
export function refusalsHeardBy(client: ReturnType<typeof openDocument>): string[] {
  const heard: string[] = [];
  client.provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
    readAuthMessage(decoder, client.doc, (_doc, reason) => heard.push(reason));
  };
  return heard;
}

export function collabUpgradeStatus(
  server: TestServer,
  client: TestClient,
  docName: string,
): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { origin: server.url };
    if (client.cookies.size) headers.cookie = client.cookieHeader;
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${docName}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
}

/**
 * Writes a card onto a board as `client`, through the collab endpoint, and waits until stored.
 * `authorId` must be the client's own: the server refuses a card in anyone else's name.
 */
export async function writeCard(
  server: TestServer,
  client: TestClient,
  docName: string,
  card: { id: string; authorId: string } & Record<string, unknown>,
) {
  const writer = openDocument(server, client, docName);
  await writer.synced();
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(card)) map.set(key, value);
  writer.doc.getMap('cards').set(card.id, map);
  await waitFor(
    () => server.collab.openDocuments().get(docName)?.doc.getMap('cards').has(card.id) === true,
    'the card to be stored',
  );
  writer.close();
}

/**
 * A new board, made by the cohort's facilitator, once it has left memory: what it holds (its
 * template's columns) is stored and folded, so the next client loads it from the database.
 */
export async function createStoredBoard(
  server: TestServer,
  fx: Pick<CohortFixture, 'clients' | 'cohortId'>,
  title: string,
): Promise<string> {
  const created = await fx.clients.facilitator.post('/api/boards', {
    scope: { cohortId: fx.cohortId },
    title,
    template: 'start_stop_continue',
  });
  if (created.status !== 201)
    throw new Error(
      `creating the board answered ${created.status}: ${JSON.stringify(created.body)}`,
    );
  const { docName } = created.body as { docName: string };
  await waitFor(() => !server.collab.openDocuments().has(docName), 'the board to leave memory');
  return docName;
}
