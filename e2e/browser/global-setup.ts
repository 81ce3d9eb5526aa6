import { assertPreflight } from './preflight.ts';

/** Fails the run early, saying what to install or build, rather than timing out later. */
export default function globalSetup(): void {
  assertPreflight();
}
