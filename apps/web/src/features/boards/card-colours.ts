export const CARD_COLOURS = ['yellow', 'pink', 'blue', 'green', 'purple', 'orange'] as const;
export type CardColour = (typeof CARD_COLOURS)[number];

export const COLOUR_LABELS: Record<CardColour, string> = {
  yellow: 'Yellow',
  pink: 'Pink',
  blue: 'Blue',
  green: 'Green',
  purple: 'Purple',
  orange: 'Orange',
};

export const colourClass = (colour: string) =>
  `board-card--${(CARD_COLOURS as readonly string[]).includes(colour) ? colour : 'yellow'}`;
