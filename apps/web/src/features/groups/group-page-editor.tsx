import { useSharedDoc } from '../../collab/use-shared-doc.ts';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { PresenceBar } from '../boards/presence-bar.tsx';
import { usePeers } from '../boards/use-board.ts';
import { ConnectionStatus } from '../journal/connection-status.tsx';
import { JournalEditor } from '../journal/journal-editor.tsx';
import type { Group } from './api.ts';

/** The group's shared page, written live by its members; sponsors follow it read-only. */
export function GroupPageEditor({ group, canWrite }: { group: Group; canWrite: boolean }) {
  const person = useCurrentPerson();
  const shared = useSharedDoc(person.id, group.docName);
  const peers = usePeers(shared?.awareness);
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
        <JournalEditor doc={shared.doc} label={`${group.name}’s page`} editable={canWrite} />
      ) : (
        <p className="muted">Opening the page…</p>
      )}
    </section>
  );
}
