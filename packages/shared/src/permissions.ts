/**
 * Who may do what in a cohort: one declarative table, used by every server check (REST,
 * Socket.IO, collab) and by the client to hide what a person cannot do.
 */
export const COHORT_ROLES = ['programme_lead', 'facilitator', 'participant', 'sponsor'] as const;
export type CohortRole = (typeof COHORT_ROLES)[number];

const everyone = ['programme_lead', 'facilitator', 'participant', 'sponsor'] as const;
const running = ['programme_lead', 'facilitator'] as const;

export const PERMISSIONS = {
  'cohort.view': { roles: everyone, writes: false },
  'cohort.edit': { roles: running, writes: true },
  /** Archive and unarchive; allowed on an archived cohort so it can be undone. */
  'cohort.archive': { roles: ['programme_lead'], writes: false },
  'members.view': { roles: everyone, writes: false },
  'members.manage': { roles: running, writes: true },
  /** Grant or take away the programme lead role. */
  'members.manage_leads': { roles: ['programme_lead'], writes: true },
  /** Organisations and job titles of everyone, whatever "titles at the door" says. */
  'members.export': { roles: ['programme_lead'], writes: false },
  'invitations.manage': { roles: running, writes: true },
  'audit.view': { roles: running, writes: false },
  'activity.view': { roles: everyone, writes: false },
  'boards.view': { roles: everyone, writes: false },
  'prompts.publish': { roles: running, writes: true },
  /** Read journal entries members have shared with the cohort. */
  'reflections.view': { roles: everyone, writes: false },
  /** Share one's own journal entry with the cohort. */
  'reflections.share': { roles: ['programme_lead', 'facilitator', 'participant'], writes: true },
  'boards.create': { roles: running, writes: true },
  /** See one's own action learning set (sponsors are never in one). */
  'sets.view': { roles: ['programme_lead', 'facilitator', 'participant'], writes: false },
  /**
   * Create action learning sets, put people in them and move them between sets; those who
   * may also see every set of the cohort and who is in it (not what is said there).
   */
  'sets.manage': { roles: running, writes: true },
  /** Open project groups, and put participants and sponsors in them. */
  'groups.manage': { roles: running, writes: true },
  /** Put cohort events (masterclasses, the celebration event) on the cohort calendar. */
  'events.manage': { roles: running, writes: true },
  /** Add, move and vote on cards: sponsors follow boards read-only. */
  'boards.contribute': { roles: ['programme_lead', 'facilitator', 'participant'], writes: true },
} as const satisfies Record<string, { roles: readonly CohortRole[]; writes: boolean }>;

export type CohortAction = keyof typeof PERMISSIONS;

export interface PermissionSubject {
  isInstanceAdmin: boolean;
  /** The person's role in the cohort, or null when not a member. */
  role: CohortRole | null;
}

/**
 * The one check. The instance admin can do what a programme lead can in every cohort; an
 * archived cohort is read-only for everyone.
 */
export function can(
  subject: PermissionSubject,
  action: CohortAction,
  cohort: { archived: boolean },
): boolean {
  const rule = PERMISSIONS[action];
  if (cohort.archived && rule.writes) return false;
  const role: CohortRole | null = subject.isInstanceAdmin ? 'programme_lead' : subject.role;
  return role !== null && (rule.roles as readonly CohortRole[]).includes(role);
}

/** Every action the subject may take, for the client to show or hide controls. */
export function allowedActions(
  subject: PermissionSubject,
  cohort: { archived: boolean },
): CohortAction[] {
  return (Object.keys(PERMISSIONS) as CohortAction[]).filter((a) => can(subject, a, cohort));
}

/** Which roles a person holding `role` may hand out by invitation or role change. */
export function assignableRoles(
  subject: PermissionSubject,
  cohort: { archived: boolean },
): CohortRole[] {
  if (!can(subject, 'members.manage', cohort)) return [];
  return can(subject, 'members.manage_leads', cohort)
    ? [...COHORT_ROLES]
    : COHORT_ROLES.filter((r) => r !== 'programme_lead');
}
