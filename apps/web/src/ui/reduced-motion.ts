/** Whether the person asked their system for less motion (animations done in script check this; CSS uses the media query). */
export const reducedMotion = (): boolean =>
  typeof window !== 'undefined' &&
  window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
