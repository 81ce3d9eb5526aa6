import { journalDocName } from '@colab/shared';
import { useSharedDoc } from '../../collab/use-shared-doc.ts';
import { useCurrentPerson } from '../accounts/current-person.ts';
import { ConnectionStatus } from './connection-status.tsx';
import { JournalEditor } from './journal-editor.tsx';
import type { JournalEntry } from './types.ts';

/** The entry's text, kept in step with the server and this browser, and where that stands. */
export function EntryWorkspace({ entry }: { entry: JournalEntry }) {
  const person = useCurrentPerson();
  const shared = useSharedDoc(person.id, journalDocName(entry.id));
  return (
    <section className="entry-workspace" aria-label="Your writing">
      <ConnectionStatus
        connection={shared?.connection ?? null}
        closedBecause={shared?.closedBecause}
      />
      {shared ? (
        // Once the server has closed the entry for good, typing would be kept nowhere: the
        // text stays on screen to copy, not to change.
        <JournalEditor
          key={entry.id}
          doc={shared.doc}
          label="Entry text"
          editable={shared.connection !== 'closed'}
        />
      ) : (
        <p className="muted">Opening your entry…</p>
      )}
    </section>
  );
}
