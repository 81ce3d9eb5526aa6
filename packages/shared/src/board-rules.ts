/**
 * Who may change what on a board, beyond writing to it at all. One rule for both sides: the
 * page offers an action only when it holds, and the server refuses any Yjs update that breaks
 * it (apps/server/src/features/boards/edit-rules.ts).
 */
export interface BoardActor {
  userId: string;
  /** Runs the cohort: holds the `boards.create` permission. */
  facilitates: boolean;
}

/** A card's text and colour, and the card itself, are its author's and the cohort's runners'. */
export function mayChangeCard(actor: BoardActor, cardAuthorId: unknown): boolean {
  return actor.facilitates || cardAuthorId === actor.userId;
}

/** A comment is resolved or reopened by its author, the card's author or those who run the cohort. */
export function mayResolveComment(
  actor: BoardActor,
  commentAuthorId: unknown,
  cardAuthorId: unknown,
): boolean {
  return mayChangeCard(actor, cardAuthorId) || commentAuthorId === actor.userId;
}
