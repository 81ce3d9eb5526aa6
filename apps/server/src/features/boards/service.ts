import { type Database, schema } from '@colab/db';
import {
  addCard,
  type BoardView,
  boardDocName,
  can,
  DEFAULT_BOARD_SETTINGS,
  initialiseBoard,
  readBoard,
  type TBoardSettings,
  type TCreateBoardRequest,
  type TCreateCardRequest,
  writeMeta,
} from '@colab/shared';
import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../auth/session.ts';
import { Conflict, Forbidden, NotFound } from '../../errors.ts';
import { preparedOnce } from '../../prepared-once.ts';
import { authorizeCohort, isUuid } from '../cohorts/access.ts';
import { cohortAccessCacheOf, cohortAccessChanged } from '../cohorts/access-cache.ts';
import type { DocumentStore } from '../context.ts';
import { groupAccess, groupWorkReaders } from '../groups/access.ts';
import { createNotifications } from '../notifications/service.ts';
import { authorizeSet, setRoleOf } from '../sets/service.ts';

export type BoardRow = typeof schema.boards.$inferSelect;

export function settingsOf(board: BoardRow): TBoardSettings {
  return { ...DEFAULT_BOARD_SETTINGS, ...(board.settings as Partial<TBoardSettings>) };
}

export function presentBoard(board: BoardRow) {
  return {
    id: board.id,
    docName: boardDocName(board.id),
    cohortId: board.cohortId,
    setId: board.setId,
    groupId: board.groupId,
    title: board.title,
    prompt: board.prompt,
    template: board.template,
    settings: settingsOf(board),
    createdAt: board.createdAt.toISOString(),
  };
}

export async function createBoard(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  input: Required<TCreateBoardRequest>,
) {
  let cohortId: string;
  let setId: string | null = null;
  let groupId: string | null = null;
  if ('setId' in input.scope) {
    // A set's board is opened by the set's own facilitator: nobody else will be able to see it.
    const { set } = await authorizeSet(db, actor, input.scope.setId);
    if ((await setRoleOf(db, set.id, actor.userId)) !== 'facilitator') {
      throw new Forbidden('Only the set’s facilitator can open a board for it.');
    }
    await authorizeCohort(db, actor, set.cohortId, 'boards.create');
    cohortId = set.cohortId;
    setId = set.id;
  } else if ('groupId' in input.scope) {
    // A group's board is opened by its members (or those who run the cohort).
    const { group, role } = await groupAccess(db, actor, input.scope.groupId, 'read');
    if (role !== 'member') await groupAccess(db, actor, group.id, 'manage');
    else await groupAccess(db, actor, group.id, 'write');
    cohortId = group.cohortId;
    groupId = group.id;
  } else {
    await authorizeCohort(db, actor, input.scope.cohortId, 'boards.create');
    cohortId = input.scope.cohortId;
  }
  const [board] = await db
    .insert(schema.boards)
    .values({
      cohortId,
      setId,
      groupId,
      title: input.title,
      prompt: input.prompt,
      template: input.template,
      settings: { ...DEFAULT_BOARD_SETTINGS, ...input.settings },
      createdBy: actor.userId,
    })
    .returning();
  cohortAccessChanged(db, cohortId);
  // The template's columns are the document's first content, written by the server.
  await documents.change(boardDocName(board!.id), (doc) => {
    initialiseBoard(doc, input.template, uuidv7);
    writeMeta(doc, { hiddenUntilRevealed: settingsOf(board!).hiddenUntilRevealed, heldCards: 0 });
  });
  return board!;
}

/** Loads a board and checks the actor may take `action` in its cohort (NotFound for outsiders). */
export async function authorizeBoard(
  db: Database,
  actor: Actor,
  boardId: string,
  action: Parameters<typeof authorizeCohort>[3],
) {
  if (!isUuid(boardId)) throw new NotFound('No such board.');
  const [board] = await db.select().from(schema.boards).where(eq(schema.boards.id, boardId));
  if (!board) throw new NotFound('No such board.');
  if (board.setId) return authorizeSetBoard(db, actor, board, action);
  if (board.groupId) return authorizeGroupBoard(db, actor, board, action);
  const access = await authorizeCohort(db, actor, board.cohortId, action);
  return { board, access };
}

/**
 * A set's board is the set's alone: its members contribute, its facilitator runs it, and
 * nobody else — not the cohort's leads, not the instance admin — learns it exists.
 */
async function authorizeSetBoard(
  db: Database,
  actor: Actor,
  board: BoardRow,
  action: Parameters<typeof authorizeCohort>[3],
) {
  const cohort = await authorizeCohort(db, actor, board.cohortId, 'cohort.view').catch(() => {
    throw new NotFound('No such board.');
  });
  const role = await setRoleOf(db, board.setId!, actor.userId);
  if (!role) throw new NotFound('No such board.');
  const subject = {
    isInstanceAdmin: false,
    role: role === 'facilitator' ? ('facilitator' as const) : ('participant' as const),
  };
  if (!can(subject, action, { archived: cohort.archived })) {
    if (cohort.archived && can(subject, action, { archived: false })) {
      throw new Conflict('This cohort is archived, so it is read-only.', 'cohort_archived');
    }
    throw new Forbidden();
  }
  return { board, access: { ...cohort, subject } };
}

export async function getBoard(db: Database, actor: Actor, boardId: string) {
  return (await authorizeBoard(db, actor, boardId, 'boards.view')).board;
}

/**
 * A project group's board: its members write on it, its sponsors and those who run the
 * cohort read it (the latter also run it: settings, reveal, timer); nobody else sees it.
 * Writing is the members' alone, as on the group's page: what is on the board is the group's
 * work, not the cohort's runners'.
 */
async function authorizeGroupBoard(
  db: Database,
  actor: Actor,
  board: BoardRow,
  action: Parameters<typeof authorizeCohort>[3],
) {
  const { role, runs, access } = await groupAccess(db, actor, board.groupId!, 'read').catch(
    (error) => {
      if (error instanceof Forbidden) throw new NotFound('No such board.');
      throw error;
    },
  );
  const subject = {
    isInstanceAdmin: false,
    role: runs
      ? ('facilitator' as const)
      : role === 'member'
        ? ('participant' as const)
        : ('sponsor' as const),
  };
  if (action === 'boards.contribute' && role !== 'member')
    throw new Forbidden('Only the group’s members write on its boards.');
  if (!can(subject, action, { archived: access.archived })) {
    if (access.archived && can(subject, action, { archived: false })) {
      throw new Conflict('This cohort is archived, so it is read-only.', 'cohort_archived');
    }
    throw new Forbidden();
  }
  return { board, access: { ...access, subject } };
}

/**
 * The cohort's boards, with the boards of the sets and groups the actor may see. Kept with the
 * actor's cached access to the cohort (see access-cache.ts), which every change to the boards
 * or to who is in the cohort's sets and groups drops.
 */
export async function listCohortBoards(
  db: Database,
  actor: Actor,
  cohortId: string,
): Promise<readonly BoardRow[]> {
  const cache = cohortAccessCacheOf(db);
  const epoch = cache?.epoch() ?? 0;
  await authorizeCohort(db, actor, cohortId, 'boards.view');
  const cached = cache?.get(cohortId, actor.userId);
  if (cached?.boards) return cached.boards;
  // A set's boards only for the set's own members, in the same query.
  const boards = await boardListOf(db).execute({ cohortId, userId: actor.userId });
  const visibleGroups = new Set(
    (
      await Promise.all(
        [...new Set(boards.map((b) => b.groupId).filter((id): id is string => id !== null))].map(
          (id) =>
            groupAccess(db, actor, id, 'read').then(
              () => id,
              () => null,
            ),
        ),
      )
    ).filter((id): id is string => id !== null),
  );
  const visible = boards.filter((b) => !b.groupId || visibleGroups.has(b.groupId));
  if (cached) cache!.set(cohortId, actor.userId, { ...cached, boards: visible }, epoch);
  return visible;
}

// Built and prepared once per database: the board list is one of the most asked-for reads.
const boardListOf = preparedOnce(prepareBoardList);
function prepareBoardList(db: Database) {
  const mySets = db
    .select({ setId: schema.setMembers.setId })
    .from(schema.setMembers)
    .where(eq(schema.setMembers.userId, sql.placeholder('userId')));
  return db
    .select()
    .from(schema.boards)
    .where(
      and(
        eq(schema.boards.cohortId, sql.placeholder('cohortId')),
        or(isNull(schema.boards.setId), inArray(schema.boards.setId, mySets)),
      ),
    )
    .orderBy(asc(schema.boards.createdAt))
    .prepare('list_cohort_boards');
}

export async function updateBoard(
  db: Database,
  actor: Actor,
  boardId: string,
  input: {
    title?: string | undefined;
    prompt?: string | undefined;
    settings?: Partial<TBoardSettings> | undefined;
  },
) {
  const { board: current } = await authorizeBoard(db, actor, boardId, 'boards.create');
  const { settings, ...fields } = input;
  const [board] = await db
    .update(schema.boards)
    .set({
      ...fields,
      ...(settings ? { settings: { ...settingsOf(current), ...settings } } : {}),
      updatedAt: new Date(),
    })
    .where(eq(schema.boards.id, boardId))
    .returning();
  cohortAccessChanged(db, current.cohortId);
  return board!;
}

export async function deleteBoard(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  boardId: string,
) {
  const { board } = await authorizeBoard(db, actor, boardId, 'boards.create');
  await db.delete(schema.boards).where(eq(schema.boards.id, boardId));
  cohortAccessChanged(db, board.cohortId);
  await documents.remove(boardDocName(boardId));
}

/**
 * An anonymous card: inserted by the server, so neither the document, its Yjs item ids nor
 * awareness tie it to the person who wrote it. Nothing about the writer is stored anywhere.
 */
export async function addAnonymousCard(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  boardId: string,
  input: Required<TCreateCardRequest>,
) {
  const { board, access } = await authorizeBoard(db, actor, boardId, 'boards.contribute');
  const settings = settingsOf(board);
  if (!settings.anonymousCards)
    throw new Conflict('Anonymous cards are turned off on this board.', 'anonymous_cards_off');
  assertNotLockedFor(board, access);
  const id = uuidv7();
  let columnFound = false;
  await documents.change(boardDocName(boardId), (doc) => {
    const column = readBoard(doc).find((c) => c.id === input.columnId);
    if (!column) return;
    columnFound = true;
    const orders = [...column.cards, ...column.themes.flatMap((t) => t.cards)].map((c) => c.order);
    addCard(doc, {
      id,
      columnId: input.columnId,
      themeId: null,
      text: input.text,
      colour: input.colour,
      authorId: null,
      createdAt: new Date().toISOString(),
      order: Math.max(0, ...orders) + 1,
    });
  });
  if (!columnFound) throw new NotFound('No such column on this board.');
  return { id };
}

/** A locked board takes cards only from those who run the cohort. */
export function assertNotLockedFor(
  board: BoardRow,
  access: Awaited<ReturnType<typeof authorizeCohort>>,
) {
  if (
    settingsOf(board).locked &&
    !can(access.subject, 'boards.create', { archived: access.archived })
  ) {
    throw new Conflict('This board is locked.', 'board_locked');
  }
}

export async function readBoardForExport(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  boardId: string,
) {
  const board = await getBoard(db, actor, boardId);
  const columns: BoardView = await documents.read(boardDocName(boardId), readBoard);
  const authorIds = new Set(
    columns
      .flatMap((c) => [...c.cards, ...c.themes.flatMap((t) => t.cards)])
      .flatMap((c) => (c.authorId ? [c.authorId] : [])),
  );
  const names = new Map<string, string>();
  for (const id of authorIds) {
    if (!isUuid(id)) continue;
    const [user] = await db
      .select({ name: schema.users.name })
      .from(schema.users)
      .where(eq(schema.users.id, id));
    if (user) names.set(id, user.name);
  }
  const authorName = (id: string | null) => (id ? (names.get(id) ?? 'Former member') : 'Anonymous');
  return { board, columns, authorName };
}

/**
 * What a person may do with a board's shared document: write, read, or nothing (NotFound or
 * Forbidden is thrown). Read-only: sponsors, and everyone once the cohort is archived.
 */
export async function boardDocumentAccess(
  db: Database,
  actor: Actor,
  boardId: string,
): Promise<{
  access: 'write' | 'read';
  facilitates: boolean;
  dotBudget: number;
  /** Why a reader may not write, said to a page that wrote while offline and lost the right. */
  readOnlyBecause?: string;
}> {
  const { board, access } = await authorizeBoard(db, actor, boardId, 'boards.view');
  const archived = access.archived;
  const settings = settingsOf(board);
  // Those who run the cohort change and remove anyone's card, as the board's page offers them.
  const facilitates = can(access.subject, 'boards.create', { archived });
  const grant = (to: 'write' | 'read', readOnlyBecause?: string) => ({
    access: to,
    facilitates,
    dotBudget: settings.voteBudget,
    ...(readOnlyBecause ? { readOnlyBecause } : {}),
  });
  // The same check as the routes that add cards, so a board's scope can narrow who writes.
  let refused: string | undefined;
  const contributes = await authorizeBoard(db, actor, boardId, 'boards.contribute').then(
    () => true,
    (error) => {
      if (error instanceof Forbidden || error instanceof Conflict) {
        refused = error.message;
        return false;
      }
      throw error;
    },
  );
  if (!contributes) return grant('read', refused);
  // A locked board stays open to those who run the cohort, read-only for everyone else.
  if (settings.locked && !facilitates)
    return grant('read', 'The board is locked: only those who run the cohort change it now.');
  return grant('write');
}

/** Those of `userIds`, all in the board's cohort, whom the board's scope lets read it. */
async function boardReaders(db: Database, board: BoardRow, userIds: string[]) {
  if (userIds.length === 0) return [];
  if (board.setId) {
    const inSet = await db
      .select({ userId: schema.setMembers.userId })
      .from(schema.setMembers)
      .where(
        and(eq(schema.setMembers.setId, board.setId), inArray(schema.setMembers.userId, userIds)),
      );
    return inSet.map((m) => m.userId);
  }
  if (board.groupId) {
    const [group] = await db
      .select()
      .from(schema.projectGroups)
      .where(eq(schema.projectGroups.id, board.groupId));
    return group ? groupWorkReaders(db, group, userIds) : [];
  }
  return userIds;
}

/**
 * Notifies the people an @mention names, if they can see the board: a mention never tells
 * anyone who may not read the board (outside the cohort, or outside the set or group whose
 * board it is) that it exists or what it says. The writer is never notified of themself.
 */
export async function notifyMentions(
  db: Database,
  actor: Actor,
  boardId: string,
  input: { cardId: string; userIds: string[]; excerpt: string },
) {
  const { board } = await authorizeBoard(db, actor, boardId, 'boards.contribute');
  const members = await db
    .select({ userId: schema.cohortMembers.userId })
    .from(schema.cohortMembers)
    .where(
      and(
        eq(schema.cohortMembers.cohortId, board.cohortId),
        inArray(schema.cohortMembers.userId, input.userIds),
        ne(schema.cohortMembers.userId, actor.userId),
      ),
    );
  const readers = await boardReaders(
    db,
    board,
    members.map((m) => m.userId),
  );
  return createNotifications(db, readers, {
    kind: 'mention',
    title: `${actor.name} mentioned you on "${board.title}"${input.excerpt ? `: ${input.excerpt}` : ''}`,
    link: `/cohorts/${board.cohortId}/boards/${board.id}?card=${encodeURIComponent(input.cardId)}`,
    // Who wrote it, so the writer's data export can list their mentions (erasure removes it).
    data: { boardId: board.id, cardId: input.cardId, by: actor.userId },
  });
}
