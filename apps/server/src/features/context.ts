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
  /** Present when SMTP_URL is set. */
  mailer?: Mailer | undefined;
  logger: Logger;
}

/** How features tell connected clients what changed, without knowing about Socket.IO. */
export interface RealtimeNotifier {
  memberJoined(cohortId: string, userId: string): void;
  memberLeft(cohortId: string, userId: string): void;
  cohortUpdated(cohortId: string): void;
}
