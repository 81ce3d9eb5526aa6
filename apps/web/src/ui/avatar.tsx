/** A person's initials in a circle. Decorative: their name is always written beside it. */
export function Avatar({ initials, size = 'm' }: { initials: string; size?: 's' | 'm' }) {
  return (
    <span className={`avatar avatar--${size}`} aria-hidden="true">
      {initials}
    </span>
  );
}
