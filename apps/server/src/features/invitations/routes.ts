import { ZCreateInvitationsRequest } from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { ValidationFailed } from '../../errors.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import { invitationEmail } from './email.ts';
import {
  acceptInvitation,
  cohortNameOf,
  createInvitations,
  describeInvitation,
  listInvitations,
  resendInvitation,
  revokeInvitation,
} from './service.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function invitationRoutes({
  db,
  auth,
  publicUrl,
  realtime,
  mailer,
  logger,
}: FeatureContext): Router {
  /** Emails each link when mail is configured; reports per invitation whether it went. */
  async function deliver<
    T extends {
      email: string;
      name: string | null;
      role: Parameters<typeof invitationEmail>[0]['role'];
      link: string;
      expiresAt: string;
      cohortId: string;
    },
  >(invitations: T[], invitedBy: string): Promise<Map<T, boolean>> {
    const sent = new Map<T, boolean>();
    if (!mailer || invitations.length === 0) return sent;
    const names = new Map<string, string>();
    for (const invitation of invitations) {
      const cohortName =
        names.get(invitation.cohortId) ?? (await cohortNameOf(db, invitation.cohortId));
      names.set(invitation.cohortId, cohortName);
      try {
        await mailer.send(invitationEmail({ ...invitation, cohortName, invitedBy }));
        sent.set(invitation, true);
      } catch (error) {
        logger.warn({ err: error, to: invitation.email }, 'invitation email failed');
        sent.set(invitation, false);
      }
    }
    return sent;
  }

  const router = Router();
  const signedIn = requireActor(auth);

  router.post('/cohorts/:id/invitations', signedIn, async (req, res) => {
    const request = parseInput(ZCreateInvitationsRequest, req.body);
    const results = await createInvitations(db, actorOf(res), param(req, 'id'), request, {
      publicUrl,
    });
    const accepted = results.filter((r) => r.status !== 'rejected');
    const toSend = results.flatMap((r) => (r.invitation ? [r.invitation] : []));
    const sent = await deliver(toSend, actorOf(res).name);
    if (accepted.length === 0) {
      // Nothing could be done: a plain 400 naming each failing row's fields.
      throw new ValidationFailed(
        results.flatMap((r) =>
          (r.errors ?? []).map((e) => ({ path: `rows.${r.row}.${e.path}`, message: e.message })),
        ),
        'None of the rows could be invited.',
      );
    }
    res.status(201).json({
      emailed: Boolean(mailer),
      results: results.map((r) =>
        r.invitation && mailer ? { ...r, emailSent: sent.get(r.invitation) ?? false } : r,
      ),
      summary: {
        invited: results.filter((r) => r.status === 'invited').length,
        resent: results.filter((r) => r.status === 'resent').length,
        alreadyMembers: results.filter((r) => r.status === 'already_member').length,
        rejected: results.filter((r) => r.status === 'rejected').length,
      },
    });
  });

  router.get('/cohorts/:id/invitations', signedIn, async (req, res) => {
    res.json({ invitations: await listInvitations(db, actorOf(res), param(req, 'id')) });
  });

  router.delete('/invitations/:id', signedIn, async (req, res) => {
    res.json(await revokeInvitation(db, actorOf(res), param(req, 'id')));
  });

  router.post('/invitations/:id/resend', signedIn, async (req, res) => {
    const invitation = await resendInvitation(db, actorOf(res), param(req, 'id'), { publicUrl });
    const sent = await deliver([invitation], actorOf(res).name);
    res.json(mailer ? { ...invitation, emailSent: sent.get(invitation) ?? false } : invitation);
  });

  // Anyone holding the link may see what it is for; the token is the credential.
  router.get('/invitations/:token', async (req, res) => {
    res.json(await describeInvitation(db, param(req, 'token')));
  });

  router.post('/invitations/:token/accept', signedIn, async (req, res) => {
    const actor = actorOf(res);
    const result = await acceptInvitation(db, actor, param(req, 'token'));
    realtime.memberJoined(result.cohortId, actor.userId);
    res.json(result);
  });

  return router;
}
