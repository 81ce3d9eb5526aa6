import type { TMe, TSignInRequest, TSignUpRequest } from '@colab/shared';
import { type Query, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiPost } from '../../api/client.ts';

export const ME_KEY = ['me'] as const;

/** The signed-in person, or null when nobody is signed in (the API answers 401). */
export async function fetchMe(): Promise<TMe | null> {
  try {
    return await apiGet<TMe>('/api/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/**
 * What is cached for one person and must go when the session changes. Queries marked
 * `meta: { public: true }` (what an invitation link is for, say) are the same for anyone.
 */
const personal = (query: Query) => query.queryKey[0] !== ME_KEY[0] && query.meta?.public !== true;

/** After the session changed, read who is signed in now and forget anything cached before. */
function useSessionChanged() {
  const queryClient = useQueryClient();
  return async () => {
    const me = await fetchMe();
    queryClient.removeQueries({ predicate: personal });
    queryClient.setQueryData(ME_KEY, me);
    return me;
  };
}

export interface SessionOptions {
  /**
   * Runs once the new session is known (the page has already re-rendered for it), before the
   * form's button stops spinning: e.g. accepting an invitation, then going to its cohort.
   */
  onSignedIn?: (me: TMe | null) => Promise<void> | void;
}

export function useSignIn({ onSignedIn }: SessionOptions = {}) {
  const sessionChanged = useSessionChanged();
  return useMutation({
    mutationFn: async (input: TSignInRequest) => {
      await apiPost('/api/auth/sign-in/email', input);
      const me = await sessionChanged();
      await onSignedIn?.(me);
      return me;
    },
  });
}

export function useSignUp({ onSignedIn }: SessionOptions = {}) {
  const sessionChanged = useSessionChanged();
  return useMutation({
    mutationFn: async (input: TSignUpRequest) => {
      await apiPost('/api/auth/sign-up/email', input);
      const me = await sessionChanged();
      await onSignedIn?.(me);
      return me;
    },
  });
}

/** Forgets everything of the session on this device: cached answers, offline copies, socket. */
export function useForgetSession() {
  const queryClient = useQueryClient();
  return async () => {
    // Imported here, not at the top: the sign-in page shares this module and needs neither.
    const [{ clearOfflineCopies }, { closeColabSocket }] = await Promise.all([
      import('../../collab/offline-copies.ts'),
      import('../../realtime/socket.ts'),
    ]);
    await clearOfflineCopies();
    closeColabSocket();
    queryClient.removeQueries({ predicate: personal });
    queryClient.setQueryData(ME_KEY, null);
  };
}

export function useSignOut() {
  const forget = useForgetSession();
  return useMutation({
    mutationFn: async () => {
      try {
        await apiPost('/api/auth/sign-out', {});
      } catch (error) {
        // Already signed out (say, in another tab): that is what was wanted.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
      await forget();
    },
  });
}
