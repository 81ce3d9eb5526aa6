/**
 * The Socket.IO contract, typed once for server and client. Every client → server event
 * answers through its acknowledgement with `{ data }` or `{ error: { code, message } }`.
 */
export type AckError = { error: { code: string; message: string } };
export type Ack<T> = { data: T } | AckError;

export interface ServerToClientEvents {
  'session:ready': (payload: { userId: string }) => void;
}

export interface ClientToServerEvents {
  ping: (ack: (result: Ack<{ at: string }>) => void) => void;
}

export interface SocketData {
  userId: string;
  sessionId: string;
}
