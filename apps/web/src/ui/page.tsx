import { type ReactNode, useEffect, useRef } from 'react';
import { useNavigationType } from 'react-router';

interface Props {
  /** The h1, and the start of the document title. */
  title: string;
  /** Text under the heading. */
  lead?: ReactNode;
  children?: ReactNode;
  width?: 'narrow' | 'wide';
}

/**
 * One page: sets the document title and renders the h1. After moving between pages, focus
 * goes to the new heading so screen reader users hear where they are.
 */
export function Page({ title, lead, children, width = 'wide' }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const navigationType = useNavigationType();

  useEffect(() => {
    document.title = `${title} – Colab`;
  }, [title]);

  // Not on a fresh load or Back/Forward (POP): the browser handles focus and scroll then.
  useEffect(() => {
    if (navigationType !== 'POP') headingRef.current?.focus();
  }, [navigationType]);

  return (
    <div className={`page page--${width}`}>
      <h1 ref={headingRef} tabIndex={-1} className="page__title">
        {title}
      </h1>
      {lead ? <p className="page__lead">{lead}</p> : null}
      {children}
    </div>
  );
}
