import { ZCreateInvitationsRequest } from '@colab/shared';
import { type Request, Router } from 'express';
import { actorOf, requireActor } from '../../auth/session.ts';
import { ValidationFailed } from '../../errors.ts';
import { parseInput } from '../../http/validate.ts';
import type { FeatureContext } from '../context.ts';
import {
  acceptInvitation,
  createInvitations,
  describeInvitation,
  listInvitations,
  resendInvitation,
  revokeInvitation,
} from './service.ts';

const param = (req: Request, name: string) => String(req.params[name]);

export function invitationRoutes({ db, auth, publicUrl, realtime }: FeatureContext): Router {
  const router = Router();
  const signedIn = requireActor(auth);

  router.post('/cohorts/:id/invitations', signedIn, async (req, res) => {
    const request = parseInput(ZCreateInvitationsRequest, req.body);
    const results = await createInvitations(db, actorOf(res), param(req, 'id'), request, {
      publicUrl,
    });
    const accepted = results.filter((r) => r.status !== 'rejected');
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
      results,
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
    res.json(await resendInvitation(db, actorOf(res), param(req, 'id'), { publicUrl }));
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
