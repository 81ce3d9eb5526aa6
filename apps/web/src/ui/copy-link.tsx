import { useId, useRef, useState } from 'react';
import { Button } from 'react-aria-components';

type Outcome = 'copied' | 'select' | null;

/**
 * A link shown in a read-only field with a “Copy link” button. Where the clipboard cannot be
 * used (an old browser, or permission refused) the link is selected instead, ready for Ctrl+C.
 */
export function CopyLink({
  link,
  who,
  label = `Invitation link for ${who}`,
}: {
  link: string;
  /** Whose link it is. */
  who: string;
  /** What the field is called, for screen readers. */
  label?: string;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const inputId = useId();

  function selectText() {
    inputRef.current?.focus();
    inputRef.current?.select();
  }

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('No clipboard');
      await navigator.clipboard.writeText(link);
      setOutcome('copied');
    } catch {
      selectText();
      setOutcome('select');
    }
  }

  return (
    <div className="copy-link">
      <label htmlFor={inputId} className="visually-hidden">
        {label}
      </label>
      <input
        id={inputId}
        ref={inputRef}
        className="field__input copy-link__input"
        readOnly
        value={link}
        onFocus={(event) => event.currentTarget.select()}
        spellCheck={false}
      />
      <Button
        className="button button--quiet button--small"
        aria-label={`Copy link for ${who}`}
        onPress={copy}
      >
        Copy link
      </Button>
      <span role="status" className="copy-link__status">
        {outcome === 'copied'
          ? 'Copied'
          : outcome === 'select'
            ? 'Selected: press Ctrl+C (or ⌘C) to copy'
            : ''}
      </span>
    </div>
  );
}
