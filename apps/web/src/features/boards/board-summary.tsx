import type { BoardView } from '@colab/shared';
import { BarChart } from '../../ui/bar-chart.tsx';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The board at a glance: how many cards each theme (or column) holds and, once people have
 * voted, which cards have the most dots. Folded away so it never crowds the board itself.
 */
export function BoardSummary({ columns }: { columns: BoardView }) {
  const groups = columns.flatMap((column) => [
    ...column.themes.map((theme) => ({
      key: theme.id,
      label: `${column.title}: ${theme.title}`,
      cards: theme.cards,
    })),
    ...(column.cards.length > 0 || column.themes.length === 0
      ? [
          {
            key: column.id,
            label: column.themes.length ? `${column.title}: not in a theme` : column.title,
            cards: column.cards,
          },
        ]
      : []),
  ]);
  const cards = groups.flatMap((g) => g.cards);
  if (cards.length === 0) return null;
  const voted = cards
    .filter((c) => c.votes > 0)
    .sort((a, b) => b.votes - a.votes)
    .slice(0, 10);
  return (
    <details className="board-summary">
      <summary>The board at a glance</summary>
      {groups.length > 1 ? (
        <BarChart
          caption="Cards in each column and theme"
          bars={groups.map((g) => ({
            key: g.key,
            label: g.label,
            value: g.cards.length,
            valueText: plural(g.cards.length, 'card'),
          }))}
        />
      ) : null}
      {voted.length > 0 ? (
        <BarChart
          caption="Most dots"
          bars={voted.map((c) => ({
            key: c.id,
            label: c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text,
            value: c.votes,
            valueText: plural(c.votes, 'dot'),
          }))}
        />
      ) : null}
    </details>
  );
}
