import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, SERVER_ENTRY, WEB_INDEX } from './paths.ts';

/** What is missing before the browser tests can run, each with how to fix it. */
export function preflightProblems(): string[] {
  const problems: string[] = [];
  if (!existsSync(CHROMIUM_PATH)) {
    problems.push(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  for (const [what, file] of [
    ['server', SERVER_ENTRY],
    ['web app', WEB_INDEX],
  ] as const) {
    if (!existsSync(file)) {
      problems.push(`The ${what} has not been built: ${file} is missing. Run pnpm build first.`);
    }
  }
  return problems;
}

export function assertPreflight(): void {
  const problems = preflightProblems();
  if (problems.length > 0) throw new Error(problems.join('\n'));
}
