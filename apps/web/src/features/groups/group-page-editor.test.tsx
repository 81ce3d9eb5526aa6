import type { TMe } from '@colab/shared';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../collab/use-shared-doc.ts';
import { person } from '../../testing/fetch-stub.ts';
import { sharedDocStub } from '../../testing/shared-doc-stub.ts';
import { CurrentPersonContext } from '../accounts/current-person.ts';
import type { Group } from './api.ts';
import { GroupPageEditor } from './group-page-editor.tsx';

// No collab server or IndexedDB in a unit test: the page gets a local document instead.
vi.mock('../../collab/use-shared-doc.ts', () => import('../../testing/shared-doc-stub.ts'));
const collab = sharedDocStub;

const group: Group = {
  id: '01890000-0000-7000-8000-0000000000a1',
  cohortId: '01890000-0000-7000-8000-0000000000c1',
  name: 'Healthy Homes',
  challenge: 'Cold, damp homes',
  docName: 'group-page:01890000-0000-7000-8000-0000000000a1',
  members: [{ userId: person().id, displayName: person().displayName }],
  sponsors: [],
  myRole: 'member',
};

function show(connection: Connection, closedBecause: string | null = null) {
  collab.connection = connection;
  collab.closedBecause = closedBecause;
  return render(
    <CurrentPersonContext.Provider value={person() as unknown as TMe}>
      <GroupPageEditor group={group} canWrite />
    </CurrentPersonContext.Provider>,
  );
}

describe('a group’s page', () => {
  it('lets a member write while it is live', async () => {
    show('live');
    const text = await screen.findByRole('textbox', { name: 'Healthy Homes’s page' });
    expect(text).toHaveAttribute('contenteditable', 'true');
    expect(screen.getByRole('toolbar', { name: 'Formatting' })).toBeVisible();
  });

  it('stops taking typing once the server has closed it, says why, and keeps the text to copy', async () => {
    show('closed', 'The server did not accept a change made in this browser.');
    expect(
      await screen.findByText(/The server did not accept a change made in this browser\./),
    ).toBeVisible();
    const text = await screen.findByRole('textbox', { name: 'Healthy Homes’s page' });
    expect(text).toHaveAttribute('aria-readonly', 'true');
    expect(text).toHaveAttribute('contenteditable', 'false');
    expect(screen.queryByRole('toolbar', { name: 'Formatting' })).toBeNull();
  });
});
