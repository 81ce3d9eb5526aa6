import { type ReactNode, useEffect, useRef } from 'react';
import { useNavigationType } from 'react-router';

interface Props {
  /** The h1, and the start of the document title. */
  title: string;
  /** Text under the heading. */
  lead?: ReactNode;
  children?: ReactNode;
  width?: 'narrow' | 'wide';
  /** The document title before “ – Colab”, when it should say more than the h1. */
  documentTitle?: string;
  /** A smaller h1, for a page inside a space that has its own title (a cohort). */
  section?: boolean;
}

/**
 * One page: sets the document title and renders the h1. After moving between pages, focus
 * goes to the new heading so screen reader users hear where they are.
 */
export function Page({
  title,
  lead,
  children,
  width = 'wide',
  documentTitle = title,
  section = false,
}: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const navigationType = useNavigationType();

  useEffect(() => {
    document.title = `${documentTitle} – Colab`;
  }, [documentTitle]);

  // Not on a fresh load or Back/Forward (POP): the browser handles focus and scroll then.
  useEffect(() => {
    if (navigationType !== 'POP') headingRef.current?.focus();
  }, [navigationType]);

  return (
    <div className={`page page--${width}`}>
      <h1
        ref={headingRef}
        tabIndex={-1}
        className={section ? 'page__title page__title--section' : 'page__title'}
      >
        {title}
      </h1>
      {lead ? <p className="page__lead">{lead}</p> : null}
      {children}
    </div>
  );
}
