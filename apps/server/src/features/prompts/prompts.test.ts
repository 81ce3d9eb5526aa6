import { testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  buildCohortFixture,
  type CohortFixture,
  openSocket,
} from '../../testing/cohort-fixture.ts';
import { openDocument, waitFor } from '../../testing/collab-client.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

describe.each(testDatabaseKinds())(
  'reflection prompts and shared reflections on %s',
  (database) => {
    let server: TestServer;
    let fx: CohortFixture;
    beforeAll(async () => {
      server = await startTestServer({ database });
      fx = await buildCohortFixture(server);
    });
    afterAll(() => server?.stop());

    it('publishes a prompt that notifies members live and waits for those offline', async () => {
      const { socket } = await openSocket(server, fx.clients.participant);
      const live = new Promise<any>((resolve) => socket.once('notification:new', resolve));
      const published = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/prompts`, {
        text: 'Which words best describe what this programme has meant to you?',
      });
      expect(published.status).toBe(201);
      expect(await live).toMatchObject({
        kind: 'prompt_published',
        title: expect.stringContaining('Which words'),
      });
      socket.disconnect();

      const sponsorInbox = await fx.clients.sponsor.get('/api/notifications');
      expect(sponsorInbox.body.unread).toBe(1);
      const facilitatorInbox = await fx.clients.facilitator.get('/api/notifications');
      expect(facilitatorInbox.body.unread).toBe(0);
      const read = await fx.clients.sponsor.post('/api/notifications/read', {});
      expect(read.body.unread).toBe(0);
      expect(
        (await fx.clients.participant.post(`/api/cohorts/${fx.cohortId}/prompts`, { text: 'Mine' }))
          .status,
      ).toBe(403);
    });

    it('hides a prompt from participants until it opens, but shows it to facilitators', async () => {
      const later = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
      await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/prompts`, {
        text: 'Next week: what surprised you?',
        opensAt: later,
      });
      const asParticipant = await fx.clients.participant.get(`/api/cohorts/${fx.cohortId}/prompts`);
      expect(asParticipant.body.prompts.map((p: any) => p.text)).not.toContain(
        'Next week: what surprised you?',
      );
      const asFacilitator = await fx.clients.facilitator.get(`/api/cohorts/${fx.cohortId}/prompts`);
      expect(
        asFacilitator.body.prompts.find((p: any) => p.text.startsWith('Next week')),
      ).toMatchObject({ open: false });
      const bad = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/prompts`, {
        text: '',
        opensAt: 'tomorrow',
      });
      expect(bad.body.fields.map((f: any) => f.path).sort()).toEqual(['opensAt', 'text']);
    });

    it('lets an author share one entry answering a prompt as a read-only copy, and take it back', async () => {
      const prompts = await fx.clients.participant.get(`/api/cohorts/${fx.cohortId}/prompts`);
      const promptId = prompts.body.prompts[0].id;
      const entry = await fx.clients.participant.post('/api/journal', { promptId });
      expect(entry.body).toMatchObject({
        cohortId: fx.cohortId,
        promptId,
        title: expect.stringContaining('Which words'),
      });

      const writer = openDocument(server, fx.clients.participant, entry.body.docName);
      await writer.synced();
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Trust, and hope.')]);
      writer.doc.getXmlFragment('prosemirror').insert(0, [paragraph]);
      const shared = () => server.collab.openDocuments().get(entry.body.docName);
      await waitFor(
        () => shared()?.doc.getXmlFragment('prosemirror').length === 1,
        'the text on the server',
      );
      writer.close();

      expect(
        (
          await fx.clients.sponsor.post(`/api/journal/${entry.body.id}/shares`, {
            cohortId: fx.cohortId,
          })
        ).status,
      ).toBe(404);
      const share = await fx.clients.participant.post(`/api/journal/${entry.body.id}/shares`, {
        cohortId: fx.cohortId,
      });
      expect(share.status).toBe(201);
      const seen = await fx.clients.sponsor.get(`/api/cohorts/${fx.cohortId}/shared-reflections`);
      expect(seen.body.reflections).toEqual([
        expect.objectContaining({
          entryId: entry.body.id,
          body: 'Trust, and hope.',
          author: { id: fx.userIds.participant, displayName: 'Participant Person' },
        }),
      ]);
      expect(
        (await fx.clients.nonMember.get(`/api/cohorts/${fx.cohortId}/shared-reflections`)).status,
      ).toBe(404);
      // The copy is read-only: the entry itself stays private.
      expect((await fx.clients.sponsor.get(`/api/journal/${entry.body.id}`)).status).toBe(404);
      // Its author's page says what it answers and where it is shared.
      const details = await fx.clients.participant.get(`/api/journal/${entry.body.id}`);
      expect(details.body.prompt).toEqual({ id: promptId, text: prompts.body.prompts[0].text });
      expect(details.body.shares).toEqual([
        expect.objectContaining({ cohortId: fx.cohortId, sharedAt: share.body.sharedAt }),
      ]);

      expect(
        (
          await fx.clients.participant.request(
            'DELETE',
            `/api/journal/${entry.body.id}/shares/${fx.cohortId}`,
          )
        ).status,
      ).toBe(204);
      const after = await fx.clients.sponsor.get(`/api/cohorts/${fx.cohortId}/shared-reflections`);
      expect(after.body.reflections).toEqual([]);
    });
  },
);
