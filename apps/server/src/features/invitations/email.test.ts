import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mailbox, startMailbox } from '../../testing/mailbox.ts';
import {
  newPerson,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../../testing/test-server.ts';

describe('invitation email', () => {
  let mailbox: Mailbox;
  let server: TestServer;
  let lead: TestClient;
  beforeAll(async () => {
    mailbox = await startMailbox();
    server = await startTestServer({
      database: 'pglite',
      env: { SMTP_URL: mailbox.url, MAIL_FROM: 'Colab <colab@example.org>' },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await mailbox?.close();
  });

  it('emails each invited person their link when SMTP_URL is set', async () => {
    lead = server.client();
    await lead.signUp(newPerson('Lena Lead'));
    const cohort = await lead.post('/api/cohorts', {
      name: 'Cohort 4',
      startsOn: '2027-01-01',
      endsOn: '2027-06-01',
    });
    const response = await lead.post(`/api/cohorts/${cohort.body.id}/invitations`, {
      emails: 'Amy Aitkens <amy@example.org>, bo@example.org',
      role: 'participant',
    });
    expect(response.status).toBe(201);
    expect(response.body.emailed).toBe(true);
    expect(response.body.results.map((r: any) => r.emailSent)).toEqual([true, true]);
    const toAmy = mailbox.received.find((m) => m.to.includes('amy@example.org'))!;
    expect(toAmy.raw).toContain("Subject: You're invited to Cohort 4 on Colab");
    const link = response.body.results[0].invitation.link as string;
    expect(toAmy.raw.replace(/=\r?\n/g, '')).toContain(link);
  });

  it('still invites, and says the email did not go, when the mail server is down', async () => {
    await mailbox.close();
    const cohort = await lead.post('/api/cohorts', {
      name: 'Cohort 5',
      startsOn: '2027-01-01',
      endsOn: '2027-06-01',
    });
    const response = await lead.post(`/api/cohorts/${cohort.body.id}/invitations`, {
      invites: [{ email: 'carol@example.org', role: 'sponsor' }],
    });
    expect(response.status).toBe(201);
    expect(response.body.results[0]).toMatchObject({ status: 'invited', emailSent: false });
    expect(response.body.results[0].invitation.link).toMatch(/\/invitations\/[\w-]{40,}$/);
  });
});
