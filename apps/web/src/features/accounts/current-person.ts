import type { TMe } from '@colab/shared';
import { createContext, useContext } from 'react';

/**
 * The signed-in person, provided by `<SignedInOnly>`. Pages read it from here rather than from
 * the `me` query, so that after signing out they are never rendered without a person: the
 * guard, which re-renders first, has already sent the visitor away.
 */
export const CurrentPersonContext = createContext<TMe | null>(null);

export function useCurrentPerson(): TMe {
  const person = useContext(CurrentPersonContext);
  if (!person) throw new Error('useCurrentPerson is only for pages behind <SignedInOnly>.');
  return person;
}

/** The zone the browser reports, when it names one. */
export function detectedTimezone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/**
 * The person as pages use them: times in the zone they chose, or else in the zone their
 * browser reports.
 */
export function withViewerZone(person: TMe): TMe {
  if (person.timezoneChosen) return person;
  return { ...person, timezone: detectedTimezone() ?? person.timezone };
}
