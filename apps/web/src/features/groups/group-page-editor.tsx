import { useMemo, useRef, useState } from 'react';
import { apiPost } from '../../api/client.ts';
import { useSharedDoc } from '../../collab/use-shared-doc.ts';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { PresenceBar } from '../boards/presence-bar.tsx';
import { usePeers } from '../boards/use-board.ts';
import { ConnectionStatus } from '../journal/connection-status.tsx';
import { JournalEditor } from '../journal/journal-editor.tsx';
import type { Group } from './api.ts';
import { type Mentionable, pageMentions } from './page-mentions.ts';

/** The group's shared page, written live by its members; sponsors follow it read-only. */
export function GroupPageEditor({ group, canWrite }: { group: Group; canWrite: boolean }) {
  const person = useCurrentPerson();
  const shared = useSharedDoc(person.id, group.docName);
  const peers = usePeers(shared?.awareness);
  // The people who may read the page, for "@"; kept in a ref so the editor is made once.
  const readers = useRef<Mentionable[]>([]);
  readers.current = [...group.members, ...group.sponsors].filter((p) => p.userId !== person.id);
  const [told, setTold] = useState('');
  // Once the server has closed the page for good (access gone, a change refused), typing
  // would be kept nowhere: the text stays on screen to copy, not to change.
  const writes = canWrite && shared?.connection !== 'closed';
  const mentions = useMemo(
    () =>
      pageMentions(
        () => readers.current,
        (userId, excerpt) => {
          const name = readers.current.find((p) => p.userId === userId)?.displayName ?? '';
          apiPost(`/api/groups/${encodeURIComponent(group.id)}/mentions`, {
            userIds: [userId],
            excerpt,
          }).then(
            () => setTold(`${name} has been told.`),
            () => setTold(`${name} could not be told just now.`),
          );
        },
      ),
    [group.id],
  );
  return (
    <section className="section" aria-labelledby="group-page">
      <h2 id="group-page" className="section__title">
        Our page
      </h2>
      <PresenceBar peers={peers} />
      <ConnectionStatus
        connection={shared?.connection ?? null}
        closedBecause={shared?.closedBecause}
      />
      {shared ? (
        <JournalEditor
          doc={shared.doc}
          label={`${group.name}’s page`}
          editable={writes}
          extraExtensions={[mentions]}
        />
      ) : (
        <p className="muted">Opening the page…</p>
      )}
      {writes ? (
        <p className="muted field__hint">
          Type @ and a name to mention someone: they get a notification linking here.{' '}
          <span role="status">{told}</span>
        </p>
      ) : null}
    </section>
  );
}
