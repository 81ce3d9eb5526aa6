import type { Connection } from '../../collab/use-shared-doc.ts';

const TEXT: Record<Connection, string> = {
  live: 'Saved',
  connecting: 'Connecting…',
  offline: 'Offline — your changes will sync',
  closed: 'Not saving',
};

/**
 * Where the writing stands, said calmly: a polite live region, so a screen reader hears
 * "Offline" once rather than after every keystroke.
 */
export function ConnectionStatus({
  connection,
  closedBecause,
}: {
  connection: Connection | null;
  closedBecause?: string | null;
}) {
  const state = connection ?? 'connecting';
  return (
    <p className={`save-state save-state--${state}`} role="status">
      {state === 'closed' && closedBecause ? `${TEXT.closed}: ${closedBecause}` : TEXT[state]}
    </p>
  );
}
