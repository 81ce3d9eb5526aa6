import { addTheme, castVote, createCard, initialiseBoard, readBoard } from '@colab/shared';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardSummary } from './board-summary.tsx';

let next = 0;
const newId = () => `id-${++next}`;

/** A start/stop/continue board built with the same operations the live board uses. */
function halfwayBoard() {
  const doc = new Y.Doc();
  initialiseBoard(doc, 'start_stop_continue', newId);
  const [start, stop, keep] = readBoard(doc).map((c) => c.id);
  addTheme(doc, { id: 'listening', columnId: start!, title: 'Listening' }, 'test');
  const card = (columnId: string, text: string, themeId: string | null = null) => {
    const id = newId();
    createCard(doc, { id, columnId, themeId, text, colour: 'yellow', authorId: 'u1' }, 'test');
    return id;
  };
  const heard = card(start!, 'Listen before proposing', 'listening');
  card(start!, 'Ask one more question', 'listening');
  card(start!, 'Meet in a GP practice');
  const late = card(stop!, 'Reading packs the night before');
  card(keep!, 'Walking check-ins');
  for (const voter of ['a', 'b', 'c']) castVote(doc, heard, voter, 5, 'test');
  castVote(doc, late, 'a', 5, 'test');
  return readBoard(doc);
}

const rows = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((row) => row.textContent);

describe('the board at a glance', () => {
  it('counts the cards in each theme, and those of a column outside its themes, as a list', () => {
    render(<BoardSummary columns={halfwayBoard()} />);
    const counts = screen.getByRole('list', { name: 'Cards in each column and theme' });
    expect(rows(counts)).toEqual([
      'Start: Listening: 2 cards',
      'Start: not in a theme: 1 card',
      'Stop: 1 card',
      'Continue: 1 card',
    ]);
  });

  it('lists the most-dotted cards first, leaving out those with no dots', () => {
    render(<BoardSummary columns={halfwayBoard()} />);
    const dots = screen.getByRole('list', { name: 'Most dots' });
    expect(rows(dots)).toEqual([
      'Listen before proposing: 3 dots',
      'Reading packs the night before: 1 dot',
    ]);
  });

  it('shows nothing on a board with no cards yet', () => {
    const doc = new Y.Doc();
    initialiseBoard(doc, 'start_stop_continue', newId);
    const { container } = render(<BoardSummary columns={readBoard(doc)} />);
    expect(container).toBeEmptyDOMElement();
  });
});
