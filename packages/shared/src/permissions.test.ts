import { describe, expect, it } from 'vitest';
import { assignableRoles, can } from './permissions.ts';

const open = { archived: false };
const archived = { archived: true };

describe('the permission table', () => {
  it('lets every member view the cohort and nobody outside it', () => {
    for (const role of ['programme_lead', 'facilitator', 'participant', 'sponsor'] as const) {
      expect(can({ isInstanceAdmin: false, role }, 'cohort.view', open)).toBe(true);
    }
    expect(can({ isInstanceAdmin: false, role: null }, 'cohort.view', open)).toBe(false);
  });

  it('lets facilitators and programme leads edit, not participants or sponsors', () => {
    expect(can({ isInstanceAdmin: false, role: 'facilitator' }, 'cohort.edit', open)).toBe(true);
    expect(can({ isInstanceAdmin: false, role: 'participant' }, 'cohort.edit', open)).toBe(false);
    expect(can({ isInstanceAdmin: false, role: 'sponsor' }, 'cohort.edit', open)).toBe(false);
  });

  it('gives the instance admin a programme lead’s powers in a cohort they are not in', () => {
    expect(can({ isInstanceAdmin: true, role: null }, 'members.export', open)).toBe(true);
  });

  it('makes an archived cohort read-only for everyone, but lets a lead unarchive it', () => {
    expect(can({ isInstanceAdmin: true, role: null }, 'cohort.edit', archived)).toBe(false);
    expect(
      can({ isInstanceAdmin: false, role: 'facilitator' }, 'invitations.manage', archived),
    ).toBe(false);
    expect(can({ isInstanceAdmin: false, role: 'participant' }, 'cohort.view', archived)).toBe(
      true,
    );
    expect(
      can({ isInstanceAdmin: false, role: 'programme_lead' }, 'cohort.archive', archived),
    ).toBe(true);
  });

  it('lets only programme leads hand out the programme lead role', () => {
    expect(assignableRoles({ isInstanceAdmin: false, role: 'facilitator' }, open)).not.toContain(
      'programme_lead',
    );
    expect(assignableRoles({ isInstanceAdmin: false, role: 'programme_lead' }, open)).toContain(
      'programme_lead',
    );
    expect(assignableRoles({ isInstanceAdmin: false, role: 'participant' }, open)).toEqual([]);
  });
});
