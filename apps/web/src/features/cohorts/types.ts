import type { CohortAction, CohortRole, InvitationStatus } from '@colab/shared';

/** A cohort as `GET /api/cohorts` lists it for the signed-in person. */
export interface CohortSummary {
  id: string;
  name: string;
  programme: string;
  theme: string;
  description: string;
  startsOn: string;
  endsOn: string;
  timezone: string;
  titlesAtTheDoor: boolean;
  archived: boolean;
  createdAt: string;
  /** Null for an instance admin looking at a cohort they are not a member of. */
  myRole: CohortRole | null;
  memberCount: number;
}

export interface CohortList {
  cohorts: CohortSummary[];
  canCreate: boolean;
}

/** `GET /api/cohorts/:id`: what the viewer may do there comes with it. */
export interface Cohort extends CohortSummary {
  allowedActions: CohortAction[];
  assignableRoles: CohortRole[];
}

export interface Member {
  userId: string;
  displayName: string;
  role: CohortRole;
  joinedAt: string;
  pronouns: string;
  bio: string;
  timezone: string;
  initials: string;
  /** Absent when the cohort leaves titles at the door (except on one's own entry). */
  organisation?: string;
  jobTitle?: string;
  /** Only for facilitators and leads, and on one's own entry. */
  email?: string;
}

export interface Invitation {
  id: string;
  email: string;
  name: string | null;
  role: CohortRole;
  status: InvitationStatus;
  sentAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

/** An invitation just made or re-sent: the one time its link can be seen. */
export interface InvitationWithLink extends Invitation {
  link: string;
  /** Present when the server sends email: whether this one went. */
  emailSent?: boolean;
}

export type InviteOutcome = 'invited' | 'resent' | 'already_member' | 'rejected';

export interface InviteResult {
  row: number;
  input: string;
  email?: string;
  status: InviteOutcome;
  invitation?: InvitationWithLink;
  errors?: { path: string; message: string }[];
  emailSent?: boolean;
}

export interface InviteResponse {
  results: InviteResult[];
  summary: { invited: number; resent: number; alreadyMembers: number; rejected: number };
  /** True when the server emails invitations; otherwise the links are to be copied. */
  emailed: boolean;
}

export interface AuditEvent {
  id: string;
  action: string;
  actorId: string | null;
  /** Names as the server knows them: present for people no longer in the member list. */
  actorName?: string | null;
  subjectUserId: string | null;
  subjectName?: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

/** What an invitation link is for, as anyone holding it may see. */
export interface InvitationInfo {
  status: InvitationStatus;
  email: string;
  name: string | null;
  role: CohortRole;
  invitedBy: string | null;
  expiresAt: string;
  cohort: { id: string; name: string; programme: string; theme: string };
}
