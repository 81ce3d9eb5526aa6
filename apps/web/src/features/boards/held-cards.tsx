import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { boardActions, boardKeys, type HeldCard } from './api.ts';
import { useBoardScope } from './board-context.ts';
import { colourClass } from './card-colours.ts';

/** One's own cards waiting to be revealed: nobody else, not even the facilitator, sees them. */
export function HeldCards({ cards }: { cards: HeldCard[] }) {
  const { board, announce } = useBoardScope();
  const queryClient = useQueryClient();
  if (cards.length === 0) return null;
  return (
    <section className="held-cards" aria-label="Your hidden cards">
      <p className="held-cards__note">
        Only you can see these until the facilitator reveals all cards.
      </p>
      <ul className="card-list">
        {cards.map((card) => (
          <li key={card.id} className={`board-card board-card--held ${colourClass(card.colour)}`}>
            <p className="board-card__text">{card.text}</p>
            <p className="board-card__author">{card.anonymous ? 'You, anonymously' : 'You'}</p>
            <Button
              className="button button--quiet button--tiny"
              aria-label={`Delete hidden card: ${card.text.slice(0, 40)}`}
              onPress={async () => {
                await boardActions.dropHeldCard(board.id, card.id);
                await queryClient.invalidateQueries({ queryKey: boardKeys.held(board.id) });
                announce('Hidden card deleted.');
              }}
            >
              Delete
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
