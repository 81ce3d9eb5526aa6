import { z } from 'zod';

/**
 * The Socket.IO contract, typed once for server and client. Every client → server event
 * answers through its acknowledgement with `{ data }` or `{ error: { code, message } }`.
 * Payloads broadcast to a room never carry fields some of its members may not see
 * (organisations and job titles, for one): clients fetch details through the API.
 */
export type AckError = { error: { code: string; message: string } };
export type Ack<T> = { data: T } | AckError;
export type AckFn<T> = (result: Ack<T>) => void;

export const ZCohortRoomRequest = z.object({ cohortId: z.uuid() }).strict();
export type TCohortRoomRequest = z.infer<typeof ZCohortRoomRequest>;

/** Where in a cohort someone is: the kind of page only, never which board or meeting. */
export const PRESENCE_PAGES = [
  'home',
  'boards',
  'board',
  'reflections',
  'sets',
  'meeting',
  'groups',
  'group',
  'showcase',
  'calendar',
  'members',
  'search',
  'other',
] as const;
export type TPresencePage = (typeof PRESENCE_PAGES)[number];
export const ZPresenceUpdate = z
  .object({ cohortId: z.uuid(), page: z.enum(PRESENCE_PAGES), idle: z.boolean() })
  .strict();
export type TPresenceUpdate = z.infer<typeof ZPresenceUpdate>;
/** One person online in a cohort, however many tabs they have open. */
export interface TPresencePerson {
  userId: string;
  displayName: string;
  page: TPresencePage;
  idle: boolean;
}

export interface ServerToClientEvents {
  /** To a cohort's room: who is online in it now (sent whenever that changes). */
  'presence:changed': (payload: { cohortId: string; people: TPresencePerson[] }) => void;
  'session:ready': (payload: { userId: string; cohortIds: string[] }) => void;
  'cohort:member-joined': (payload: { cohortId: string; userId: string }) => void;
  'cohort:member-left': (payload: { cohortId: string; userId: string }) => void;
  'cohort:updated': (payload: { cohortId: string }) => void;
  /** To its person: something new to know about (a prompt, a mention, …). */
  'notification:new': (payload: {
    id: string;
    kind: string;
    title: string;
    link: string | null;
    createdAt: string;
  }) => void;
  /**
   * To the person themself: they are no longer in this cohort. Their sockets are closed right
   * after (the client reconnects; the new connection joins only what they may still be in).
   */
  'cohort:removed': (payload: { cohortId: string }) => void;
  /** To those who may see it: something new in a cohort's activity feed; refetch it. */
  'activity:new': (payload: { cohortId: string }) => void;
  /** To a set's room: a poll's tallies changed (answers are visible within the set). */
  'poll:updated': (payload: {
    setId: string;
    pollId: string;
    tallies: Record<string, { yes: number; ifNeedBe: number; no: number }>;
    responded: number;
  }) => void;
  /** To a set's room: its meetings, a meeting's RSVPs or its runner changed; refetch. */
  'set:changed': (payload: {
    setId: string;
    what: 'schedule' | 'rsvp' | 'runner' | 'poll';
    meetingId?: string;
    occurrence?: string;
  }) => void;
  /** To the person themself: they are no longer in this set. */
  'set:removed': (payload: { setId: string }) => void;
  /** To the person themself: they may no longer read this group's work. */
  'group:removed': (payload: { groupId: string }) => void;
}

export interface ClientToServerEvents {
  ping: (ack: AckFn<{ at: string }>) => void;
  /** Join a cohort's room (re-checked on every join). */
  'cohort:join': (payload: TCohortRoomRequest, ack: AckFn<{ room: string }>) => void;
  'cohort:leave': (payload: TCohortRoomRequest, ack: AckFn<{ room: string }>) => void;
  /** Join a set's room: members and the set's facilitator only (re-checked on every join). */
  'set:join': (payload: { setId: string }, ack: AckFn<{ room: string }>) => void;
  'set:leave': (payload: { setId: string }, ack: AckFn<{ room: string }>) => void;
  /** Says where this tab is in a cohort (a room it has joined); answers who is online there. */
  'presence:set': (payload: TPresenceUpdate, ack: AckFn<{ people: TPresencePerson[] }>) => void;
  'presence:list': (payload: TCohortRoomRequest, ack: AckFn<{ people: TPresencePerson[] }>) => void;
  /** Join a group's room: those who may read the group's work (re-checked on every join). */
  'group:join': (payload: { groupId: string }, ack: AckFn<{ room: string }>) => void;
  'group:leave': (payload: { groupId: string }, ack: AckFn<{ room: string }>) => void;
}

/**
 * Every client → server event name, at run time (tests fuzz each). `satisfies` makes the
 * compiler refuse a name missing from the map above, or one the map lacks.
 */
const clientEvents = {
  ping: true,
  'cohort:join': true,
  'cohort:leave': true,
  'set:join': true,
  'set:leave': true,
  'presence:set': true,
  'presence:list': true,
  'group:join': true,
  'group:leave': true,
} as const satisfies Record<keyof ClientToServerEvents, true>;
export const CLIENT_TO_SERVER_EVENTS = Object.keys(clientEvents) as (keyof ClientToServerEvents)[];

export interface SocketData {
  userId: string;
  sessionId: string;
  email: string;
  name: string;
  isInstanceAdmin: boolean;
  /** Where this tab last said it was. */
  presence?: { cohortId: string; page: TPresencePage; idle: boolean; at: number };
}

export const cohortRoom = (cohortId: string) => `cohort:${cohortId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const setRoom = (setId: string) => `set:${setId}`;
export const groupRoom = (groupId: string) => `group:${groupId}`;
export const ZGroupRoomRequest = z.object({ groupId: z.uuid() }).strict();
