/**
 * Where to go after signing in, from `?next=`: only a path on this site (never `//elsewhere`
 * or a full URL), so a crafted link cannot send someone to another site.
 */
export function safeNextPath(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return null;
  }
  return next;
}

/** `/sign-in`, remembering the page the visitor wanted (unless it was the home page). */
export function signInPathFor(path: string, page: '/sign-in' | '/sign-up' = '/sign-in'): string {
  return path === '/' || path === '' ? page : `${page}?next=${encodeURIComponent(path)}`;
}
