import type { TPresencePage, TPresencePerson } from '@colab/shared';
import { useEffect, useState } from 'react';
import { colabSocket } from './socket.ts';

/** No keyboard or pointer for this long, or the tab hidden: idle. */
const IDLE_AFTER_MS = 60_000;

/** True while the person has not touched this tab for a minute or it is hidden. */
export function useIdle(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const active = () => {
      setIdle(document.visibilityState === 'hidden');
      clearTimeout(timer);
      timer = setTimeout(() => setIdle(true), IDLE_AFTER_MS);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'visibilitychange'] as const;
    for (const e of events) document.addEventListener(e, active, { passive: true });
    active();
    return () => {
      clearTimeout(timer);
      for (const e of events) document.removeEventListener(e, active);
    };
  }, []);
  return idle;
}

/**
 * Who is online in the cohort, live, and tells the others where this tab is. Joins the
 * cohort's room again after every reconnect (the server checks membership on each join).
 */
export function useCohortPresence(cohortId: string, page: TPresencePage): TPresencePerson[] {
  const [people, setPeople] = useState<TPresencePerson[]>([]);
  const idle = useIdle();
  useEffect(() => {
    if (typeof WebSocket === 'undefined' || import.meta.env.MODE === 'test') return;
    const socket = colabSocket();
    const announce = () =>
      socket.emit('cohort:join', { cohortId }, () =>
        socket.emit('presence:set', { cohortId, page, idle }, (ack) => {
          if ('data' in ack) setPeople(ack.data.people);
        }),
      );
    const changed = (payload: { cohortId: string; people: TPresencePerson[] }) => {
      if (payload.cohortId === cohortId) setPeople(payload.people);
    };
    announce();
    socket.on('connect', announce);
    socket.on('presence:changed', changed);
    return () => {
      socket.off('connect', announce);
      socket.off('presence:changed', changed);
    };
  }, [cohortId, page, idle]);
  return people;
}

/** The kind of page a cohort path is, as presence shows it (never which board or meeting). */
export function presencePageOf(pathname: string, cohortId: string): TPresencePage {
  const rest = pathname.slice(`/cohorts/${cohortId}`.length).split('/').filter(Boolean);
  const [section, id] = rest;
  if (!section) return 'home';
  if (section === 'boards') return id ? 'board' : 'boards';
  if (section === 'groups') return id ? 'group' : 'groups';
  if (section === 'sets') return rest[2] === 'meetings' ? 'meeting' : 'sets';
  const simple: Record<string, TPresencePage> = {
    reflections: 'reflections',
    showcase: 'showcase',
    celebration: 'showcase',
    calendar: 'calendar',
    members: 'members',
    search: 'search',
  };
  return simple[section] ?? 'other';
}
