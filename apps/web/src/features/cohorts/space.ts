import { useOutletContext } from 'react-router';
import type { Cohort } from './types.ts';

/** The cohort whose space a page is in, loaded by the cohort layout. */
export function useCohortSpace(): Cohort {
  return useOutletContext<Cohort>();
}
