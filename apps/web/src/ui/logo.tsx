/** Colab's mark: two overlapping circles, people learning together. Decorative. */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg
      className="logo-mark"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" fill="var(--color-primary)" />
      <circle
        cx="12.5"
        cy="16"
        r="6.5"
        fill="none"
        stroke="var(--color-on-primary)"
        strokeWidth="2.5"
      />
      <circle
        cx="19.5"
        cy="16"
        r="6.5"
        fill="none"
        stroke="var(--color-on-primary)"
        strokeWidth="2.5"
      />
    </svg>
  );
}

export function Brand() {
  return (
    <span className="brand">
      <LogoMark />
      <span className="brand__name">Colab</span>
    </span>
  );
}
