import type { Database } from '@colab/db';
import type { Logger } from 'pino';
import type { Auth } from '../auth/auth.ts';
import type { Mailer } from '../mail/mailer.ts';

/** What HTTP and socket handlers of every feature are given. */
export interface FeatureContext {
  db: Database;
  auth: Auth;
  publicUrl: string;
  realtime: RealtimeNotifier;
  documents: DocumentStore;
  /** Uploaded files (group resources, showcase media). */
  files: import('../files/file-store.ts').FileStore;
  /** Present when SMTP_URL is set. */
  mailer?: Mailer | undefined;
  logger: Logger;
}

/** Server-side changes to shared documents, so features need not know the collab protocol. */
export interface DocumentStore {
  /** Applies a change as the server (no person's Yjs client id) and resolves once stored. */
  change(docName: string, change: (doc: import('yjs').Doc) => void): Promise<void>;
  /** Reads the current state, from memory if the document is open, else from the database. */
  read<T>(docName: string, read: (doc: import('yjs').Doc) => T): Promise<T>;
  /** Closes a document's connections and deletes everything stored of it. */
  remove(docName: string): Promise<void>;
  /**
   * Checks open connections again (all, one document's, or one person's) after a change of
   * rights: those who lost access are disconnected, those who became read-only are downgraded.
   */
  reauthorize(filter: { docName?: string; userId?: string }): Promise<void>;
  /** Closes, on every node, the connections opened under sessions that have just ended. */
  sessionsEnded(ended: EndedSessions): void;
}

/** Sessions of one person that ended: the listed ones, or all but one (a password change). */
export type EndedSessions =
  | { userId: string; sessionIds: string[] }
  | { userId: string; exceptSessionId: string };

export function sessionHasEnded(ended: EndedSessions, sessionId: string): boolean {
  return 'sessionIds' in ended
    ? ended.sessionIds.includes(sessionId)
    : ended.exceptSessionId !== sessionId;
}

/** How features tell connected clients what changed, without knowing about Socket.IO. */
export interface RealtimeNotifier {
  /** Disconnects, on every node, the sockets opened under sessions that have just ended. */
  sessionsEnded(ended: EndedSessions): void;
  memberJoined(cohortId: string, userId: string): void;
  /** Tells their sockets they were removed, then closes them, on every node (they reconnect). */
  memberLeft(cohortId: string, userId: string): void;
  /**
   * After a change of rights that keeps them in the cohort (a role, a group): their sockets,
   * on every node, leave the cohort, set and group rooms they may no longer be in, and are told.
   * Resolves once done; never rejects.
   */
  reauthorize(userId: string): Promise<void>;
  cohortUpdated(cohortId: string): void;
  /** Ends every open socket of this person, on every node (their account is gone). */
  signedOut(userId: string): void;
  /** Their sockets leave these sets' rooms at once, and they are told. */
  setsLeft(setIds: string[], userId: string): void;
  /** A set's meetings, RSVPs, runner or polls changed: its room refetches. */
  setChanged(payload: {
    setId: string;
    what: 'schedule' | 'rsvp' | 'runner' | 'poll';
    meetingId?: string;
    occurrence?: string;
  }): void;
  /** Something happened in a cohort that these people may see: their feeds refetch. */
  activity(cohortId: string, userIds: string[]): void;
  pollUpdated(payload: {
    setId: string;
    pollId: string;
    tallies: Record<string, { yes: number; ifNeedBe: number; no: number }>;
    responded: number;
  }): void;
  notify(
    userId: string,
    notification: {
      id: string;
      kind: string;
      title: string;
      link: string | null;
      createdAt: string;
    },
  ): void;
}
