import { randomBytes } from 'node:crypto';
import { type Database, schema } from '@colab/db';
import { OUTPUT_MEDIA_ACCEPT, type TOutputMediaKind } from '@colab/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, NotFound, UnsupportedType } from '../../errors.ts';
import { type FileStore, readStored } from '../../files/file-store.ts';
import { sniffContentType } from '../../files/sniff.ts';
import { loadPublicOutput, outputAccess } from './outputs.ts';

type MediaRow = typeof schema.outputMedia.$inferSelect;
export type MediaSummary = {
  url: string;
  fileName: string;
  contentType: string;
  size: number;
} | null;

/** An output's cover, film and report as its readers see them (links through our API). */
export function presentMedia(rows: MediaRow[], base: (kind: TOutputMediaKind) => string) {
  const of = (kind: TOutputMediaKind): MediaSummary => {
    const row = rows.find((r) => r.kind === kind);
    return row
      ? { url: base(kind), fileName: row.fileName, contentType: row.contentType, size: row.size }
      : null;
  };
  return { cover: of('cover'), film: of('film'), report: of('report') };
}

export async function mediaOf(db: Database, outputIds: string[]) {
  if (!outputIds.length) return [];
  return db
    .select()
    .from(schema.outputMedia)
    .where(inArray(schema.outputMedia.outputId, outputIds));
}

/** Checked before a byte of an upload is received. */
export async function authorizeOutputMediaUpload(db: Database, actor: Actor, outputId: string) {
  const { output } = await outputAccess(db, actor, outputId, 'write');
  if (output.status !== 'draft')
    throw new Conflict(
      'Only a draft can be changed; ask a facilitator to send it back first.',
      'output_not_draft',
    );
}

/**
 * Puts (or replaces) one part of a draft output. The new file goes in under a fresh key and
 * the row is switched to it before the old file is removed, so a reader always gets a whole
 * file, the old or the new.
 */
export async function putOutputMedia(
  db: Database,
  files: FileStore,
  actor: Actor,
  outputId: string,
  kind: TOutputMediaKind,
  file: { path: string; originalname: string; mimetype: string; size: number },
) {
  const { output, group } = await outputAccess(db, actor, outputId, 'write');
  if (output.status !== 'draft')
    throw new Conflict(
      'Only a draft can be changed; ask a facilitator to send it back first.',
      'output_not_draft',
    );
  const accept = OUTPUT_MEDIA_ACCEPT[kind];
  const contentType = await sniffContentType(file.path, file.mimetype, new Set(accept.types));
  if (!contentType)
    throw new UnsupportedType([{ path: 'file', message: accept.says }], `${accept.says}.`);
  const storageKey = `${group.id}/outputs/${output.id}/${kind}-${randomBytes(6).toString('hex')}`;
  await files.commit(file.path, storageKey);
  const values = {
    fileName: file.originalname.slice(0, 200),
    contentType,
    size: file.size,
    storageKey,
    addedBy: actor.userId,
    createdAt: new Date(),
  };
  let previous: string | undefined;
  try {
    previous = await db.transaction(async (tx) => {
      const [old] = await tx
        .select({ storageKey: schema.outputMedia.storageKey })
        .from(schema.outputMedia)
        .where(and(eq(schema.outputMedia.outputId, output.id), eq(schema.outputMedia.kind, kind)))
        .for('update');
      await tx
        .insert(schema.outputMedia)
        .values({ outputId: output.id, kind, ...values })
        .onConflictDoUpdate({
          target: [schema.outputMedia.outputId, schema.outputMedia.kind],
          set: values,
        });
      return old?.storageKey;
    });
  } catch (error) {
    await files.remove(storageKey);
    throw error;
  }
  if (previous) await files.remove(previous);
  return { kind, fileName: values.fileName, contentType, size: file.size };
}

export async function deleteOutputMedia(
  db: Database,
  files: FileStore,
  actor: Actor,
  outputId: string,
  kind: TOutputMediaKind,
) {
  const { output } = await outputAccess(db, actor, outputId, 'write');
  if (output.status !== 'draft')
    throw new Conflict('Only a draft can be changed.', 'output_not_draft');
  const [row] = await db
    .delete(schema.outputMedia)
    .where(and(eq(schema.outputMedia.outputId, output.id), eq(schema.outputMedia.kind, kind)))
    .returning();
  if (!row) throw new NotFound('That output has no such file.');
  await files.remove(row.storageKey);
}

async function stored(db: Database, files: FileStore, outputId: string, kind: TOutputMediaKind) {
  const [row] = await db
    .select()
    .from(schema.outputMedia)
    .where(and(eq(schema.outputMedia.outputId, outputId), eq(schema.outputMedia.kind, kind)));
  if (!row) throw new NotFound('That output has no such file.');
  return { row, file: await readStored(files, row.storageKey) };
}

/** A part of an output, for those who may read the output. */
export async function outputMediaFile(
  db: Database,
  files: FileStore,
  actor: Actor,
  outputId: string,
  kind: TOutputMediaKind,
) {
  const { output } = await outputAccess(db, actor, outputId, 'read');
  return stored(db, files, output.id, kind);
}

/** A part of a published output, by its public link while the link is on. */
export async function publicOutputMediaFile(
  db: Database,
  files: FileStore,
  token: string,
  kind: TOutputMediaKind,
) {
  const { output } = await loadPublicOutput(db, token);
  return stored(db, files, output.id, kind);
}
