/**
 * Resolves as `promise` does, or fails if it has not settled within `ms`. For functional
 * bounds only (a revocation must have arrived within a second), never for speed.
 */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
    }),
  ]);
}

/** Revocation (removal, sign-out, password change) reaches open connections within this. */
export const REVOCATION_DEADLINE_MS = 1_000;
