/**
 * The people an `@Name` in a comment points at. Names are matched whole and case-blind, the
 * longest first, so "@Amy Aitkens" finds Amy Aitkens rather than another Amy.
 */
export function mentionedIn(
  text: string,
  people: { userId: string; displayName: string }[],
): string[] {
  const lower = text.toLowerCase();
  const found = new Set<string>();
  let rest = lower;
  for (const person of [...people].sort((a, b) => b.displayName.length - a.displayName.length)) {
    const handle = `@${person.displayName.toLowerCase()}`;
    const at = rest.indexOf(handle);
    if (at === -1) continue;
    const after = rest.charAt(at + handle.length);
    if (after && /[\p{L}\p{N}]/u.test(after)) continue;
    found.add(person.userId);
    rest = rest.slice(0, at) + rest.slice(at + handle.length);
  }
  return [...found];
}
