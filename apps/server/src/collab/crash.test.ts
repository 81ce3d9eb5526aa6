import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDocument, waitFor } from '../testing/collab-client.ts';
import { type ServerProcess, spawnServer } from '../testing/server-process.ts';
import { newPerson, TestClient } from '../testing/test-server.ts';

describe('a server killed in the middle of a burst of edits', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'colab-crash-'));
  const spawned: ServerProcess[] = [];
  afterAll(() => {
    for (const s of spawned) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has stored every update any client received from it', async () => {
    const first = await spawnServer({ COLAB_DATA_DIR: dataDir, DATABASE_URL: '' });
    spawned.push(first);
    const lead = new TestClient(first.url);
    await lead.signUp(newPerson('Lena Lead'));
    const cohort = await lead.post('/api/cohorts', {
      name: 'Crash cohort',
      startsOn: '2027-01-01',
      endsOn: '2027-06-01',
    });
    const participant = newPerson('Pat Participant');
    const invite = await lead.post(`/api/cohorts/${cohort.body.id}/invitations`, {
      invites: [{ email: participant.email, role: 'participant' }],
    });
    const other = new TestClient(first.url);
    await other.signUp(participant);
    await other.post(
      `/api/invitations/${invite.body.results[0].invitation.link.split('/invitations/')[1]}/accept`,
    );
    const board = await lead.post('/api/boards', {
      scope: { cohortId: cohort.body.id },
      title: 'Burst',
      template: 'free_columns',
    });
    const docName = board.body.docName as string;

    const cardsOf = (c: ReturnType<typeof openDocument>) => c.doc.getArray<string>('notes');
    const writers = [openDocument(first, lead, docName), openDocument(first, other, docName)];
    const observer = openDocument(first, lead, docName);
    await waitFor(() => [...writers, observer].every((c) => c.provider.synced), 'sync');

    // Both writers edit in bursts; the server is killed once the observer has seen some.
    let sent = 0;
    const burst = setInterval(() => {
      for (const [w, writer] of writers.entries()) {
        for (let i = 0; i < 5; i++) cardsOf(writer).push([`w${w}-${sent}-${i}`]);
      }
      sent += 1;
    }, 2);
    await waitFor(() => cardsOf(observer).length >= 150, 'the observer to receive edits');
    first.child.kill('SIGKILL');
    await first.exited;
    clearInterval(burst);
    const received = new Set(cardsOf(observer).toArray());
    for (const c of [...writers, observer]) c.close();

    const second = await spawnServer({ COLAB_DATA_DIR: dataDir, DATABASE_URL: '' });
    spawned.push(second);
    const reader = openDocument(second, lead, docName);
    await waitFor(() => reader.provider.synced, 'sync after the restart');
    const stored = new Set(cardsOf(reader).toArray());
    const lost = [...received].filter((card) => !stored.has(card));
    reader.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    expect(received.size).toBeGreaterThanOrEqual(150);
    expect(lost).toEqual([]);
  });
});
