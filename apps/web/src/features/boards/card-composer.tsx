import { createCard } from '@colab/shared';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Button } from 'react-aria-components';
import { uuidv7 } from 'uuidv7';
import { describeError } from '../../api/form-errors.ts';
import { boardActions, boardKeys } from './api.ts';
import { useBoardScope } from './board-context.ts';
import { CARD_COLOURS, type CardColour, COLOUR_LABELS } from './card-colours.ts';

/**
 * Writes a card into a column. A named card goes straight into the shared document (and so
 * works offline); an anonymous or hidden one goes through the server, which alone may write it.
 */
export function CardComposer({
  columnId,
  columnTitle,
  hidden,
}: {
  columnId: string;
  columnTitle: string;
  hidden: boolean;
}) {
  const { doc, origin, me, board, announce } = useBoardScope();
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState('');
  const [colour, setColour] = useState<CardColour>('yellow');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const mayBeAnonymous = board.settings.anonymousCards;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = text.trim();
    if (!body) return setError('Write something on the card');
    if (body.length > 500) return setError('Use at most 500 characters');
    setError(null);
    const asAnonymous = mayBeAnonymous && anonymous;
    if (!hidden && !asAnonymous) {
      createCard(doc, { id: uuidv7(), columnId, text: body, colour, authorId: me.id }, origin);
      setText('');
      return announce(`Card added to ${columnTitle}.`);
    }
    setPending(true);
    try {
      if (hidden) {
        await boardActions.holdCard(board.id, {
          columnId,
          text: body,
          colour,
          anonymous: asAnonymous,
        });
        await queryClient.invalidateQueries({ queryKey: boardKeys.held(board.id) });
        announce('Card kept hidden until the facilitator reveals all cards.');
      } else {
        await boardActions.anonymousCard(board.id, { columnId, text: body, colour });
        announce(`Anonymous card added to ${columnTitle}.`);
      }
      setText('');
    } catch (caught) {
      setError(describeError(caught).message ?? 'The card could not be added. Try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="card-composer" onSubmit={onSubmit} aria-label={`Add a card to ${columnTitle}`}>
      <label className="card-composer__label" htmlFor={`${id}-text`}>
        New card in {columnTitle}
      </label>
      <textarea
        id={`${id}-text`}
        className="field__input card-composer__text"
        rows={2}
        maxLength={500}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="card-composer__options">
        <label className="card-composer__colour">
          <span>Colour</span>
          <select
            className="field__input card-composer__select"
            value={colour}
            onChange={(event) => setColour(event.target.value as CardColour)}
          >
            {CARD_COLOURS.map((c) => (
              <option key={c} value={c}>
                {COLOUR_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        {mayBeAnonymous ? (
          <label className="card-composer__anonymous">
            <input
              type="checkbox"
              checked={anonymous}
              onChange={(event) => setAnonymous(event.target.checked)}
            />
            <span>Anonymous</span>
          </label>
        ) : null}
        <Button type="submit" className="button button--primary button--small" isPending={pending}>
          {hidden ? 'Add hidden card' : 'Add card'}
        </Button>
      </div>
    </form>
  );
}
