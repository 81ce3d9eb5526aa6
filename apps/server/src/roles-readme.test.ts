import { readFileSync } from 'node:fs';
import { COHORT_ROLES, PERMISSIONS } from '@colab/shared';
import { describe, expect, it } from 'vitest';

/** The README's table of roles, as the permission table says it must read. */
function rolesTable(): string {
  const header = `| action | ${COHORT_ROLES.join(' | ')} |`;
  const rule = `|---|${COHORT_ROLES.map(() => '---').join('|')}|`;
  const rows = Object.entries(PERMISSIONS).map(
    ([action, rule]) =>
      `| \`${action}\` | ${COHORT_ROLES.map((r) => ((rule.roles as readonly string[]).includes(r) ? 'yes' : '—')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

describe('the README’s Roles section', () => {
  it('matches the permission table every server check uses', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const table = rolesTable();
    if (!readme.includes(table)) console.log(`The README's roles table should read:\n\n${table}\n`);
    expect(readme.includes(table)).toBe(true);
  });
});
