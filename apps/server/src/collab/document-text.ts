import { type Database, schema } from '@colab/db';
import { readBoard } from '@colab/shared';
import type * as Y from 'yjs';
import { plainTextOf } from './plain-text.ts';

/** The words of a shared document, by its kind: a board's columns, themes and cards, or a page. */
export function documentTextOf(docName: string, doc: Y.Doc): string {
  if (docName.startsWith('board:')) {
    return readBoard(doc)
      .flatMap((column) => [
        column.title,
        ...column.themes.flatMap((t) => [t.title, ...t.cards.map((c) => c.text)]),
        ...column.cards.map((c) => c.text),
      ])
      .filter(Boolean)
      .join('\n');
  }
  return plainTextOf(doc.getXmlFragment('prosemirror'));
}

export async function storeDocumentText(db: Database, docName: string, text: string) {
  await db
    .insert(schema.documentTexts)
    .values({ docName, text })
    .onConflictDoUpdate({
      target: schema.documentTexts.docName,
      set: { text, updatedAt: new Date() },
    });
}
