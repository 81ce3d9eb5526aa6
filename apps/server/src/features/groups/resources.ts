import { type Database, schema } from '@colab/db';
import { desc, eq } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { NotFound, UnsupportedType } from '../../errors.ts';
import { type FileStore, readStored } from '../../files/file-store.ts';
import { sniffContentType } from '../../files/sniff.ts';
import { isUuid } from '../cohorts/access.ts';
import { groupAccess } from './access.ts';

type ResourceRow = typeof schema.groupResources.$inferSelect;

/**
 * What may be uploaded, by what the bytes are (sniffed), not by what the browser says: office
 * documents, PDFs, images and films. Plain text and CSV have no signature, so they are taken
 * at their word only when they read as UTF-8 text.
 */
const ALLOWED = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'video/mp4',
  'video/webm',
  'video/quicktime',
  'audio/mpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
]);
const TEXT = new Set(['text/plain', 'text/csv']);

export function presentResource(r: ResourceRow) {
  return {
    id: r.id,
    groupId: r.groupId,
    kind: r.kind,
    title: r.title,
    url: r.kind === 'link' ? r.url : `/api/resources/${r.id}/download`,
    fileName: r.fileName,
    contentType: r.contentType,
    size: r.size,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function authorizeResourceUpload(db: Database, actor: Actor, groupId: string) {
  return (await groupAccess(db, actor, groupId, 'write')).group;
}

/** Records a link, or checks an uploaded file and moves it into place; nothing is left on failure. */
export async function addResource(
  db: Database,
  files: FileStore,
  actor: Actor,
  groupId: string,
  input: {
    title: string;
    url?: string | undefined;
    file?: { path: string; originalname: string; mimetype: string; size: number } | undefined;
  },
) {
  const { group } = await groupAccess(db, actor, groupId, 'write');
  if (!input.file) {
    const [row] = await db
      .insert(schema.groupResources)
      .values({
        groupId: group.id,
        kind: 'link',
        title: input.title,
        url: input.url!,
        addedBy: actor.userId,
      })
      .returning();
    return presentResource(row!);
  }
  const file = input.file;
  try {
    const contentType = await sniffContentType(file.path, file.mimetype, ALLOWED, TEXT);
    if (!contentType)
      throw new UnsupportedType(
        [
          {
            path: 'file',
            message: 'Upload a PDF, an office document, an image, a film or a text file',
          },
        ],
        'That kind of file cannot be uploaded.',
      );
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(schema.groupResources)
        .values({
          groupId: group.id,
          kind: 'file',
          title: input.title,
          fileName: file.originalname.slice(0, 200),
          contentType,
          size: file.size,
          addedBy: actor.userId,
        })
        .returning();
      const storageKey = `${group.id}/${row!.id}`;
      await files.commit(file.path, storageKey);
      const [stored] = await tx
        .update(schema.groupResources)
        .set({ storageKey })
        .where(eq(schema.groupResources.id, row!.id))
        .returning();
      return presentResource(stored!);
    });
  } finally {
    await files.discard(file.path);
  }
}

export async function listResources(db: Database, actor: Actor, groupId: string) {
  const { group } = await groupAccess(db, actor, groupId, 'read');
  const rows = await db
    .select()
    .from(schema.groupResources)
    .where(eq(schema.groupResources.groupId, group.id))
    .orderBy(desc(schema.groupResources.createdAt));
  return rows.map(presentResource);
}

/** The stored file of a resource, for those who may read the group's work. */
export async function resourceFile(
  db: Database,
  files: FileStore,
  actor: Actor,
  resourceId: string,
) {
  if (!isUuid(resourceId)) throw new NotFound('No such file.');
  const [row] = await db
    .select()
    .from(schema.groupResources)
    .where(eq(schema.groupResources.id, resourceId));
  if (!row) throw new NotFound('No such file.');
  await groupAccess(db, actor, row.groupId, 'read').catch((error) => {
    if (error instanceof NotFound) throw new NotFound('No such file.');
    throw error;
  });
  if (row.kind !== 'file' || !row.storageKey)
    throw new NotFound('This resource is a link, not a file.');
  return { row, file: await readStored(files, row.storageKey) };
}

export async function deleteResource(
  db: Database,
  files: FileStore,
  actor: Actor,
  resourceId: string,
) {
  if (!isUuid(resourceId)) throw new NotFound('No such resource.');
  const [row] = await db
    .select()
    .from(schema.groupResources)
    .where(eq(schema.groupResources.id, resourceId));
  if (!row) throw new NotFound('No such resource.');
  await groupAccess(db, actor, row.groupId, 'write');
  await db.delete(schema.groupResources).where(eq(schema.groupResources.id, row.id));
  if (row.storageKey) await files.remove(row.storageKey);
}
