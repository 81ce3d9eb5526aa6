import { type Database, schema } from '@colab/db';
import {
  assignableRoles,
  type FieldProblem,
  type InvitationStatus,
  type TCreateInvitationsRequest,
} from '@colab/shared';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, Forbidden, NotFound } from '../../errors.ts';
import { hashSecretToken, newSecretToken } from '../../secret-token.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeCohort, isUuid, roleIn } from '../cohorts/access.ts';
import { cohortAccessChanged } from '../cohorts/access-cache.ts';
import { parseInvitationRows } from './parse-rows.ts';

export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

type InvitationRow = typeof schema.invitations.$inferSelect;

export function invitationStatus(row: InvitationRow, now: Date): InvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt <= now) return 'expired';
  return 'pending';
}

export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl}/invitations/${token}`;
}

function presentInvitation(row: InvitationRow, now: Date) {
  return {
    id: row.id,
    cohortId: row.cohortId,
    email: row.email,
    name: row.name,
    role: row.role,
    status: invitationStatus(row, now),
    sentAt: row.sentAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
  };
}

export type InviteResult = {
  row: number;
  input: string;
  email?: string;
  status: 'invited' | 'resent' | 'already_member' | 'rejected';
  invitation?: ReturnType<typeof presentInvitation> & { link: string };
  errors?: FieldProblem[];
};

interface Clock {
  now?: Date;
}

/**
 * Invites one person or many. Each row is judged on its own: bad rows are reported with
 * their errors and good rows are still invited. An open invitation to the same email is
 * re-sent (a fresh link and expiry) rather than duplicated.
 */
export async function createInvitations(
  db: Database,
  actor: Actor,
  cohortId: string,
  request: TCreateInvitationsRequest,
  options: { publicUrl: string } & Clock,
): Promise<InviteResult[]> {
  const access = await authorizeCohort(db, actor, cohortId, 'invitations.manage');
  const allowedRoles = assignableRoles(access.subject, { archived: access.archived });
  const now = options.now ?? new Date();
  const seen = new Set<string>();
  const results: InviteResult[] = [];
  await db.transaction(async (tx) => {
    for (const parsed of parseInvitationRows(request)) {
      const { row, input, invite } = parsed;
      if (!invite) {
        results.push({ row, input, status: 'rejected', errors: parsed.errors });
        continue;
      }
      const { email } = invite;
      if (!allowedRoles.includes(invite.role)) {
        results.push({
          row,
          input,
          email,
          status: 'rejected',
          errors: [
            {
              path: 'role',
              message: `You cannot invite people as ${invite.role.replace('_', ' ')}`,
            },
          ],
        });
        continue;
      }
      if (seen.has(email)) {
        results.push({
          row,
          input,
          email,
          status: 'rejected',
          errors: [{ path: 'email', message: 'This email is already earlier in the list' }],
        });
        continue;
      }
      seen.add(email);
      const [member] = await tx
        .select({ id: schema.users.id })
        .from(schema.users)
        .innerJoin(
          schema.cohortMembers,
          and(
            eq(schema.cohortMembers.userId, schema.users.id),
            eq(schema.cohortMembers.cohortId, cohortId),
          ),
        )
        .where(eq(schema.users.email, email));
      if (member) {
        results.push({ row, input, email, status: 'already_member' });
        continue;
      }
      const { token, tokenHash } = newSecretToken();
      const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
      const [open] = await tx
        .select()
        .from(schema.invitations)
        .where(
          and(
            eq(schema.invitations.cohortId, cohortId),
            eq(schema.invitations.email, email),
            isNull(schema.invitations.acceptedAt),
            isNull(schema.invitations.revokedAt),
          ),
        );
      let saved: InvitationRow;
      if (open) {
        [saved] = (await tx
          .update(schema.invitations)
          .set({
            tokenHash,
            expiresAt,
            sentAt: now,
            role: invite.role,
            name: invite.name ?? open.name,
            invitedBy: actor.userId,
          })
          .where(eq(schema.invitations.id, open.id))
          .returning()) as [InvitationRow];
      } else {
        [saved] = (await tx
          .insert(schema.invitations)
          .values({
            cohortId,
            email,
            name: invite.name ?? null,
            role: invite.role,
            tokenHash,
            invitedBy: actor.userId,
            expiresAt,
            sentAt: now,
            createdAt: now,
          })
          .returning()) as [InvitationRow];
      }
      await recordAudit(tx, {
        cohortId,
        actorId: actor.userId,
        action: open ? 'invitation.resent' : 'invitation.created',
        details: { invitationId: saved.id, email, role: invite.role },
      });
      results.push({
        row,
        input,
        email,
        status: open ? 'resent' : 'invited',
        invitation: {
          ...presentInvitation(saved, now),
          link: invitationLink(options.publicUrl, token),
        },
      });
    }
  });
  return results;
}

export async function listInvitations(
  db: Database,
  actor: Actor,
  cohortId: string,
  clock: Clock = {},
) {
  await authorizeCohort(db, actor, cohortId, 'invitations.manage');
  const now = clock.now ?? new Date();
  const rows = await db
    .select()
    .from(schema.invitations)
    .where(eq(schema.invitations.cohortId, cohortId))
    .orderBy(desc(schema.invitations.sentAt));
  return rows.map((r) => presentInvitation(r, now));
}

async function invitationForManager(db: Database, actor: Actor, invitationId: string) {
  if (!isUuid(invitationId)) throw new NotFound('No such invitation.');
  const [row] = await db
    .select()
    .from(schema.invitations)
    .where(eq(schema.invitations.id, invitationId));
  if (!row) throw new NotFound('No such invitation.');
  await authorizeCohort(db, actor, row.cohortId, 'invitations.manage');
  return row;
}

export async function revokeInvitation(
  db: Database,
  actor: Actor,
  invitationId: string,
  clock: Clock = {},
) {
  const row = await invitationForManager(db, actor, invitationId);
  if (row.acceptedAt)
    throw new Conflict('This invitation has already been accepted.', 'invitation_used');
  if (row.revokedAt) return presentInvitation(row, clock.now ?? new Date());
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .update(schema.invitations)
      .set({ revokedAt: clock.now ?? new Date() })
      .where(eq(schema.invitations.id, row.id))
      .returning();
    await recordAudit(tx, {
      cohortId: row.cohortId,
      actorId: actor.userId,
      action: 'invitation.revoked',
      details: { invitationId: row.id, email: row.email },
    });
    return presentInvitation(saved!, clock.now ?? new Date());
  });
}

/** A fresh link and a fresh 14 days; the old link stops working. */
export async function resendInvitation(
  db: Database,
  actor: Actor,
  invitationId: string,
  options: { publicUrl: string } & Clock,
) {
  const row = await invitationForManager(db, actor, invitationId);
  if (row.acceptedAt)
    throw new Conflict('This invitation has already been accepted.', 'invitation_used');
  if (row.revokedAt)
    throw new Conflict(
      'This invitation was revoked; invite the person again.',
      'invitation_revoked',
    );
  const now = options.now ?? new Date();
  const { token, tokenHash } = newSecretToken();
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .update(schema.invitations)
      .set({ tokenHash, sentAt: now, expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS) })
      .where(eq(schema.invitations.id, row.id))
      .returning();
    await recordAudit(tx, {
      cohortId: row.cohortId,
      actorId: actor.userId,
      action: 'invitation.resent',
      details: { invitationId: row.id, email: row.email },
    });
    return { ...presentInvitation(saved!, now), link: invitationLink(options.publicUrl, token) };
  });
}

async function invitationByToken(db: Database, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const [row] = await db
    .select({ invitation: schema.invitations, cohort: schema.cohorts, inviter: schema.users.name })
    .from(schema.invitations)
    .innerJoin(schema.cohorts, eq(schema.cohorts.id, schema.invitations.cohortId))
    .leftJoin(schema.users, eq(schema.users.id, schema.invitations.invitedBy))
    .where(eq(schema.invitations.tokenHash, hashSecretToken(token)));
  return row;
}

/** What a link is for, shown to whoever holds it (signed in or not). */
export async function describeInvitation(db: Database, token: string, clock: Clock = {}) {
  const found = await invitationByToken(db, token);
  if (!found)
    throw new NotFound('This invitation link is not valid. Check that you copied all of it.');
  const { invitation, cohort, inviter } = found;
  return {
    status: invitationStatus(invitation, clock.now ?? new Date()),
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    invitedBy: inviter,
    expiresAt: invitation.expiresAt.toISOString(),
    cohort: { id: cohort.id, name: cohort.name, programme: cohort.programme, theme: cohort.theme },
  };
}

export async function acceptInvitation(
  db: Database,
  actor: Actor,
  token: string,
  clock: Clock = {},
) {
  const now = clock.now ?? new Date();
  const found = await invitationByToken(db, token);
  if (!found)
    throw new NotFound('This invitation link is not valid. Check that you copied all of it.');
  const { invitation } = found;
  const status = invitationStatus(invitation, now);
  if (status === 'accepted') {
    if (invitation.acceptedBy === actor.userId)
      return {
        cohortId: invitation.cohortId,
        role: (await roleIn(db, invitation.cohortId, actor.userId)) ?? invitation.role,
      };
    throw new Conflict('This invitation has already been used.', 'invitation_used');
  }
  if (status === 'revoked')
    throw new Conflict(
      'This invitation was withdrawn. Ask your facilitator for a new one.',
      'invitation_revoked',
    );
  if (status === 'expired')
    throw new Conflict(
      'This invitation has expired. Ask your facilitator to send it again.',
      'invitation_expired',
    );
  if (invitation.email !== actor.email.toLowerCase()) {
    throw new Forbidden(
      `This invitation was sent to a different email address. Sign in with that account to accept it.`,
    );
  }
  try {
    return await db.transaction(async (tx) => {
      // Claimed atomically: of two simultaneous accepts, one wins.
      const claimed = await tx
        .update(schema.invitations)
        .set({ acceptedAt: now, acceptedBy: actor.userId })
        .where(
          and(
            eq(schema.invitations.id, invitation.id),
            isNull(schema.invitations.acceptedAt),
            isNull(schema.invitations.revokedAt),
          ),
        )
        .returning({ id: schema.invitations.id });
      if (claimed.length === 0)
        throw new Conflict('This invitation has already been used.', 'invitation_used');
      const inserted = await tx
        .insert(schema.cohortMembers)
        .values({ cohortId: invitation.cohortId, userId: actor.userId, role: invitation.role })
        .onConflictDoNothing()
        .returning({ role: schema.cohortMembers.role });
      if (inserted.length > 0) {
        await recordAudit(tx, {
          cohortId: invitation.cohortId,
          actorId: actor.userId,
          action: 'member.joined',
          subjectUserId: actor.userId,
          details: { role: invitation.role, invitationId: invitation.id },
        });
      }
      const role =
        inserted[0]?.role ??
        (await roleIn(tx as unknown as Database, invitation.cohortId, actor.userId))!;
      return { cohortId: invitation.cohortId, role };
    });
  } finally {
    cohortAccessChanged(db, invitation.cohortId);
  }
}

export async function cohortNameOf(db: Database, cohortId: string): Promise<string> {
  const [row] = await db
    .select({ name: schema.cohorts.name })
    .from(schema.cohorts)
    .where(eq(schema.cohorts.id, cohortId));
  return row?.name ?? 'a cohort';
}
