import type { BoardView } from '@colab/shared';

type Card = BoardView[number]['cards'][number];

function cardLine(card: Card, authorName: (id: string | null) => string) {
  const extras = [
    card.votes ? `${card.votes} vote${card.votes === 1 ? '' : 's'}` : '',
    card.comments ? `${card.comments} comment${card.comments === 1 ? '' : 's'}` : '',
    authorName(card.authorId),
  ].filter(Boolean);
  return `- ${card.text.replaceAll('\n', ' ')} (${extras.join(', ')})`;
}

/** Markdown that keeps the board's structure: a section per column, a sub-section per theme. */
export function boardToMarkdown(
  board: { title: string; prompt: string },
  columns: BoardView,
  authorName: (id: string | null) => string,
): string {
  const out = [`# ${board.title}`, ''];
  if (board.prompt) out.push(`> ${board.prompt}`, '');
  for (const column of columns) {
    out.push(`## ${column.title}`, '');
    for (const theme of column.themes) {
      out.push(`### ${theme.title}`, '', ...theme.cards.map((c) => cardLine(c, authorName)), '');
    }
    if (column.cards.length) out.push(...column.cards.map((c) => cardLine(c, authorName)), '');
    if (!column.cards.length && !column.themes.length) out.push('_No cards._', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function cell(value: unknown): string {
  const text = String(value ?? '');
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** One row per card, with its column and theme, so a spreadsheet can regroup it. */
export function boardToCsv(columns: BoardView, authorName: (id: string | null) => string): string {
  const rows = [['column', 'theme', 'card', 'votes', 'comments', 'author', 'created_at'].join(',')];
  for (const column of columns) {
    const cards = [
      ...column.themes.flatMap((t) => t.cards.map((c) => ({ c, theme: t.title }))),
      ...column.cards.map((c) => ({ c, theme: '' })),
    ];
    for (const { c, theme } of cards) {
      rows.push(
        [column.title, theme, c.text, c.votes, c.comments, authorName(c.authorId), c.createdAt]
          .map(cell)
          .join(','),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
