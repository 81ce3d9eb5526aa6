import type { Database, schema } from '@colab/db';
import type { CohortRole } from '@colab/shared';
import type { ControlMessage } from '../../collab/fan-out.ts';
import { createNodeCache, type NodeCacheOptions } from '../../scale-out/node-cache.ts';
import type { CohortRow } from './access.ts';

/** What one lookup of a cohort and a person's place in it found. */
export interface CachedAccess {
  cohort: CohortRow;
  role: CohortRole | null;
  /** Present when the lookup counted the members too (the cohort page). */
  memberCount?: number;
  /** Present once the person has listed the cohort's boards: those they may see. */
  boards?: readonly (typeof schema.boards.$inferSelect)[];
}

/**
 * A cohort and the viewer's role in it (and, once asked for, the boards they may see there),
 * remembered per node so that reads, nearly every API request, skip the queries behind them.
 * Only reads use it: every write authorizes against the database. Every change to a cohort,
 * its members, its boards, or who is in its sets and groups drops the cohort's entries here
 * and, over the fan-out, on every other node; while the link to the others is down nothing
 * is cached, since their invalidations could be missed.
 */
export interface CohortAccessCache {
  get(cohortId: string, userId: string): CachedAccess | undefined;
  /** Remembers a lookup, unless anything was invalidated since `epochAtStart`. */
  set(cohortId: string, userId: string, found: CachedAccess, epochAtStart: number): void;
  epoch(): number;
  /** A cohort, its membership or its boards changed (null: any cohort, as when an account is erased). */
  cohortChanged(cohortId: string | null): void;
  size(): number;
}

export type CohortAccessCacheOptions = NodeCacheOptions;

const keyOf = (cohortId: string, userId: string) => `${cohortId} ${userId}`;

export function createCohortAccessCache(options: CohortAccessCacheOptions): CohortAccessCache {
  const cache = createNodeCache<CachedAccess>(options);
  const changedHere = (cohortId: string | null) => {
    if (cohortId === null) return cache.clear();
    const prefix = `${cohortId} `;
    cache.dropWhere((key) => key.startsWith(prefix));
  };
  options.fanOut?.onControl((message: ControlMessage) => {
    if (message.kind === 'cohort-access-changed') changedHere(message.cohortId);
  });

  return {
    get: (cohortId, userId) => cache.get(keyOf(cohortId, userId)),
    set: (cohortId, userId, found, epochAtStart) =>
      cache.set(keyOf(cohortId, userId), found, epochAtStart),
    epoch: () => cache.epoch(),
    cohortChanged(cohortId) {
      changedHere(cohortId);
      options.fanOut?.publishControl({ kind: 'cohort-access-changed', cohortId });
    },
    size: () => cache.size(),
  };
}

const cacheOf = new WeakMap<Database, CohortAccessCache>();

/** Gives a node's database handle its cache; without one every read is authorized afresh. */
export function attachCohortAccessCache(db: Database, cache: CohortAccessCache): void {
  cacheOf.set(db, cache);
}

export function cohortAccessCacheOf(db: Database): CohortAccessCache | undefined {
  return cacheOf.get(db);
}

/**
 * Drops what this node and every other has cached of a cohort's access, after a change to
 * the cohort, its members, its boards or the people in its sets and groups has been
 * committed (null: of every cohort). Call it once the change is visible to new reads; a read
 * that began before it is not kept.
 */
export function cohortAccessChanged(db: Database, cohortId: string | null): void {
  cacheOf.get(db)?.cohortChanged(cohortId);
}
