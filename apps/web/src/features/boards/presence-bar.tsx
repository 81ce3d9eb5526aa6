import type { Connection } from '../../collab/use-shared-doc.ts';
import { type Peer, uniquePeople } from './use-board.ts';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

/** Who else is on the board, once each however many tabs they have open. */
export function PresenceBar({ peers }: { peers: Peer[] }) {
  const people = uniquePeople(peers);
  return (
    <section className="presence" aria-label="Who is here">
      {people.length === 0 ? (
        <span className="muted">Only you are here</span>
      ) : (
        <>
          <ul className="presence__list">
            {people.slice(0, 12).map((person) => (
              <li
                key={person.id}
                className="presence__avatar"
                style={{ background: person.colour }}
                title={person.name}
              >
                <span aria-hidden="true">{initials(person.name)}</span>
                <span className="visually-hidden">{person.name}</span>
              </li>
            ))}
          </ul>
          {people.length > 12 ? (
            <span className="presence__more">+{people.length - 12}</span>
          ) : null}
          <span className="muted presence__count">
            {people.length} {people.length === 1 ? 'other person' : 'others'} here
          </span>
        </>
      )}
    </section>
  );
}

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline — your changes will sync',
  closed: 'Disconnected',
};

export function ConnectionBadge({ connection }: { connection: Connection }) {
  return (
    <span className={`connection connection--${connection}`} role="status">
      {CONNECTION_TEXT[connection]}
    </span>
  );
}
