import type { SocketData, TPresencePerson } from '@colab/shared';
import { cohortRoom } from '@colab/shared';
import type { Logger } from 'pino';
import type { SocketServer } from './socket-server.ts';

/**
 * Who is online in a cohort, from the sockets in its room: one entry per person however many
 * tabs they have; where they are is their most recently active tab's page in this cohort
 * ('other' when their tabs are elsewhere in Colab); idle only when every tab is.
 */
export function peopleOnline(sockets: { data: Partial<SocketData> }[], cohortId: string) {
  const byPerson = new Map<string, { person: TPresencePerson; at: number; busy: boolean }>();
  for (const { data } of sockets) {
    if (!data.userId) continue;
    const here = data.presence?.cohortId === cohortId ? data.presence : undefined;
    const idle = data.presence?.idle ?? false;
    const at = here?.at ?? 0;
    const seen = byPerson.get(data.userId);
    if (!seen) {
      byPerson.set(data.userId, {
        person: {
          userId: data.userId,
          displayName: data.name ?? '',
          page: here?.page ?? 'other',
          idle,
        },
        at,
        busy: !idle,
      });
      continue;
    }
    seen.person.idle &&= idle;
    // A busy tab's page beats an idle one's; between equals, the latest wins.
    const better = (!idle && !seen.busy) || (!idle === seen.busy && at > seen.at);
    if (here && better) {
      seen.person.page = here.page;
      seen.at = at;
      seen.busy = !idle;
    }
  }
  return [...byPerson.values()]
    .map((p) => p.person)
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId));
}

/** How long changes gather before a cohort's room hears the new list. */
const ANNOUNCE_AFTER_MS = 150;

export function createPresence(io: SocketServer, logger: Logger) {
  const pending = new Map<string, NodeJS.Timeout>();

  /** Across every node: the adapter asks the others for their sockets in the room. */
  async function list(cohortId: string) {
    const sockets = await io.in(cohortRoom(cohortId)).fetchSockets();
    return peopleOnline(sockets, cohortId);
  }

  function announce(cohortId: string) {
    if (pending.has(cohortId)) return;
    const timer = setTimeout(() => {
      pending.delete(cohortId);
      list(cohortId).then(
        (people) => io.to(cohortRoom(cohortId)).emit('presence:changed', { cohortId, people }),
        // A node that just died answers nobody until the others notice; the next change fixes it.
        (error) => logger.warn({ err: error, cohortId }, 'could not gather presence'),
      );
    }, ANNOUNCE_AFTER_MS);
    timer.unref();
    pending.set(cohortId, timer);
  }

  return {
    list,
    announce,
    close() {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
