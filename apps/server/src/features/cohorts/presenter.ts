import { allowedActions, assignableRoles } from '@colab/shared';
import type { CohortAccess, CohortRow } from './access.ts';

export function presentCohort(cohort: CohortRow) {
  return {
    id: cohort.id,
    name: cohort.name,
    programme: cohort.programme,
    theme: cohort.theme,
    description: cohort.description,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    timezone: cohort.timezone,
    titlesAtTheDoor: cohort.titlesAtTheDoor,
    archived: cohort.archivedAt !== null,
    createdAt: cohort.createdAt.toISOString(),
  };
}

/** A cohort as its viewer sees it, with what they may do there (the client hides the rest). */
export function presentCohortForViewer(access: CohortAccess, memberCount: number) {
  return {
    ...presentCohort(access.cohort),
    myRole: access.role,
    memberCount,
    allowedActions: allowedActions(access.subject, { archived: access.archived }),
    assignableRoles: assignableRoles(access.subject, { archived: access.archived }),
  };
}
