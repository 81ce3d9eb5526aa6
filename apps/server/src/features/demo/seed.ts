import { type Database, schema } from '@colab/db';
import {
  addTheme,
  boardParts,
  type CohortRole,
  castVote,
  createCard,
  DEFAULT_BOARD_SETTINGS,
  journalDocName,
} from '@colab/shared';
import { count, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import * as Y from 'yjs';
import type { Auth } from '../../auth/auth.ts';
import type { Actor } from '../../auth/session.ts';
import { type ActivityInput, activityOf, recordActivity } from '../activity/service.ts';
import { createBoard } from '../boards/service.ts';
import { createCohort } from '../cohorts/service.ts';
import type { DocumentStore } from '../context.ts';
import { addEvidence } from '../groups/evidence.ts';
import { createOutput, publishOutput, submitOutput } from '../groups/outputs.ts';
import { createGroup } from '../groups/service.ts';
import { acceptInvitation, createInvitations } from '../invitations/service.ts';
import { createEntry, shareEntry } from '../journal/service.ts';
import { checkIn, createAction, setRota, updateAction } from '../meetings/runner.ts';
import { createMeeting } from '../meetings/service.ts';
import { publishPrompt } from '../prompts/service.ts';
import { createSet } from '../sets/service.ts';
import {
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  type DemoPerson,
  GROUPS,
  HALFWAY,
  PROMPT,
  SETS,
  VALUES,
} from './content.ts';
import { DemoRefused, NOT_EMPTY_DATABASE } from './refuse.ts';

export interface DemoDeps {
  db: Database;
  auth: Auth;
  documents: DocumentStore;
  publicUrl: string;
  /** "Today" for the programme: past meetings fall before it, the next one after. */
  now?: Date;
}

export interface DemoAccount {
  role: string;
  name: string;
  email: string;
  password: string;
}

export interface DemoResult {
  cohortId: string;
  accounts: DemoAccount[];
}

const ZONE = 'Europe/London';

async function signUp(db: Database, auth: Auth, person: DemoPerson): Promise<Actor> {
  const signedUp = await auth.api.signUpEmail({
    body: { name: person.name, email: person.email, password: DEMO_PASSWORD },
  });
  // Admin rights are granted after the row is written, so read the row back.
  const [user] = await db.select().from(schema.users).where(eq(schema.users.id, signedUp.user.id));
  if (!user) throw new Error(`demo: ${person.email} was not created`);
  return {
    userId: user.id,
    sessionId: 'demo',
    name: user.name,
    email: user.email,
    isInstanceAdmin: user.isInstanceAdmin,
    createdAt: user.createdAt,
  };
}

/** Fills an empty instance with one programme, as its people would have built it. */
export async function seedDemo(deps: DemoDeps): Promise<DemoResult> {
  const { db, auth, documents, publicUrl } = deps;
  // Invented people must never be mixed into a real programme.
  const [users] = await db.select({ n: count() }).from(schema.users);
  if ((users?.n ?? 0) > 0) throw new DemoRefused(NOT_EMPTY_DATABASE);
  const today = DateTime.fromJSDate(deps.now ?? new Date(), { zone: ZONE }).startOf('day');
  // The first account of an empty instance becomes its admin, so the admin signs up first.
  const actors = new Map<string, Actor>();
  for (const person of DEMO_PEOPLE) actors.set(person.key, await signUp(db, auth, person));
  const who = (key: string) => actors.get(key)!;
  const admin = who('admin');
  // The cohort's feed tells its past as the routes would have told it as it happened, dated
  // then. It is read newest first in the order written, so the story is written in order.
  const happened = (item: Omit<ActivityInput, 'actorId' | 'createdAt'>, by: Actor, at: DateTime) =>
    recordActivity(db, { ...item, actorId: by.userId, createdAt: at.toJSDate() });

  const cohort = await createCohort(db, admin, {
    name: 'Cohort 4: Health Inequalities',
    programme: 'HCT Co-Lab',
    theme: 'Health inequalities',
    description:
      'Twenty-odd people from the NHS, councils and community groups, learning together how to narrow the gap in health between our neighbourhoods.',
    startsOn: today.minus({ months: 3 }).toISODate()!,
    endsOn: today.plus({ months: 6 }).toISODate()!,
    timezone: ZONE,
    titlesAtTheDoor: true,
  });
  const members = DEMO_PEOPLE.filter((p) => p.role !== 'instance_admin');
  const invited = await createInvitations(
    db,
    admin,
    cohort.id,
    { invites: members.map((p) => ({ email: p.email, role: p.role as CohortRole })) },
    { publicUrl },
  );
  for (const person of members) {
    const link = invited.find((r) => r.email === person.email)?.invitation?.link;
    if (!link) throw new Error(`demo: ${person.email} was not invited`);
    await acceptInvitation(db, who(person.key), link.split('/invitations/')[1]!);
  }

  for (const spec of SETS) {
    const facilitator = who(spec.facilitator);
    const set = await createSet(db, facilitator, cohort.id, {
      name: spec.name,
      memberIds: spec.members.map((k) => who(k).userId),
    });
    // Two meetings already held (with check-ins, presenters and actions) and the next to come.
    let toFollowUp: string[] = [];
    for (const [i, weeksAgo] of [8, 4].entries()) {
      const startsAt = today.minus({ weeks: weeksAgo }).set({ hour: 14 });
      const { meeting } = await createMeeting(db, facilitator, set.id, {
        title: `Set meeting ${i + 1}`,
        startsAt: startsAt.toFormat("yyyy-MM-dd'T'HH:mm"),
        durationMinutes: 150,
        timezone: ZONE,
        location: spec.location,
      });
      await happened(
        activityOf.meetingScheduled(set, meeting),
        facilitator,
        today.minus({ weeks: weeksAgo + 1 }).set({ hour: 10 }),
      );
      // What was promised at the last meeting is followed up at this one.
      for (const [p, actionId] of toFollowUp.entries()) {
        await updateAction(db, facilitator, actionId, {
          followUp: {
            meetingId: meeting.id,
            outcome: p === 0 ? 'done' : 'partly',
            note: p === 0 ? 'Went well; more to say next time.' : 'Started, not finished.',
          },
        });
      }
      toFollowUp = [];
      // Not everyone makes every meeting: participation varies, as it does.
      const present = spec.members.filter((_, m) => m < spec.members.length - i);
      // Each arrives in the meeting's first minutes (check-in closes when it ends).
      for (const [m, key] of present.entries())
        await checkIn(db, who(key), meeting.id, {}, startsAt.plus({ minutes: m }).toJSDate());
      const presenters = spec.presenters[i]!;
      await setRota(db, facilitator, meeting.id, {
        presenterIds: presenters.map((k) => who(k).userId),
      });
      for (const [p, key] of presenters.entries()) {
        const { action } = await createAction(db, who(key), meeting.id, {
          ownerId: who(key).userId,
          text: spec.actions[i * 2 + p]!,
          dueDate: today.minus({ weeks: weeksAgo - 3 }).toISODate()!,
        });
        toFollowUp.push(action.id);
      }
    }
    const { meeting: next } = await createMeeting(db, facilitator, set.id, {
      title: 'Set meeting 3',
      startsAt: today.plus({ weeks: 2 }).set({ hour: 14 }).toFormat("yyyy-MM-dd'T'HH:mm"),
      durationMinutes: 150,
      timezone: ZONE,
      location: spec.location,
    });
    await happened(
      activityOf.meetingScheduled(set, next),
      facilitator,
      today.minus({ weeks: 3 }).set({ hour: 10 }),
    );
  }

  const facilitator = who('fay');
  // A reflection prompt, answered privately in the journal and then shared with the cohort.
  const askedAt = today.minus({ days: 10 }).set({ hour: 9 });
  const { prompt } = await publishPrompt(db, facilitator, cohort.id, {
    text: PROMPT.text,
    // Opened no later than the real now, so it can be answered even in a demo dated ahead.
    opensAt: DateTime.min(askedAt, DateTime.now()).toUTC().toISO()!,
  });
  await happened(activityOf.promptPublished(prompt), facilitator, askedAt);
  const pat = who('pat');
  const entry = await createEntry(db, pat, { title: '', promptId: prompt.id });
  await documents.change(journalDocName(entry.id), (doc) => {
    const paragraphs = PROMPT.answer.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    });
    doc.getXmlFragment('prosemirror').insert(0, paragraphs);
  });
  await shareEntry(db, documents, pat, entry.id, cohort.id);

  for (const [g, spec] of GROUPS.entries()) {
    const group = await createGroup(db, facilitator, cohort.id, {
      name: spec.name,
      challenge: spec.challenge,
      memberIds: spec.members.map((k) => who(k).userId),
      sponsorIds: [who('sue').userId],
      chiefSponsorId: who('sue').userId,
    });
    const gathered: string[] = [];
    for (const piece of spec.evidence) {
      const row = await addEvidence(db, who(piece.by), group.id, {
        kind: piece.kind,
        title: piece.title,
        body: piece.body,
        occurredOn: today.minus({ weeks: piece.weeksAgo }).toISODate()!,
        source: piece.source,
        tags: piece.tags,
        evidenceIds: piece.kind === 'finding' ? [...gathered] : [],
      });
      gathered.push(row.id);
    }
    const author = who(spec.members[0]!);
    const output = await createOutput(db, author, group.id, { ...spec.output, filmUrl: null });
    await submitOutput(db, author, output.id);
    const { output: published } = await publishOutput(db, facilitator, output.id);
    await happened(
      activityOf.outputPublished(published),
      facilitator,
      today.minus({ days: 6 - g, hours: 10 }),
    );
  }

  // The word wall: the values participants named, with dots where they agreed.
  // A cohort board opened by the facilitator, its cards then written into its document.
  const openBoard = async (
    daysAgo: number,
    title: string,
    prompt: string,
    template: 'word_wall' | 'start_stop_continue',
    fill: (doc: Y.Doc) => void,
  ) => {
    const board = await createBoard(db, documents, facilitator, {
      scope: { cohortId: cohort.id },
      title,
      prompt,
      template,
      settings: DEFAULT_BOARD_SETTINGS,
    });
    await documents.change(`board:${board.id}`, fill);
    await happened(
      activityOf.boardOpened(board, facilitator),
      facilitator,
      today.minus({ days: daysAgo, hours: 9 }),
    );
  };
  await openBoard(
    2,
    'What we value',
    'Which words best describe what this programme has meant to you?',
    'word_wall',
    (doc) => {
      const columnId = boardParts(doc).columns.get(0).get('id') as string;
      for (const [i, value] of VALUES.entries()) {
        const author = who(members[(i * 3) % members.length]!.key);
        const cardId = uuidv7();
        createCard(
          doc,
          { id: cardId, columnId, text: value.word, colour: value.colour, authorId: author.userId },
          'demo',
        );
        // Voters rotate so nobody runs past their budget of dots.
        for (let v = 0; v < value.votes; v++) {
          const voter = who(members[(i * 3 + v) % members.length]!.key);
          castVote(doc, cardId, voter.userId, DEFAULT_BOARD_SETTINGS.voteBudget, 'demo');
        }
      }
    },
  );
  await openBoard(
    1,
    'Start, stop, continue',
    'Halfway through: what should we start, stop and continue doing?',
    'start_stop_continue',
    (doc) => {
      const columns = boardParts(doc).columns.toArray();
      for (const [c, column] of columns.entries()) {
        const columnId = column.get('id') as string;
        const themed = HALFWAY[c]!;
        const themeId = themed.theme ? uuidv7() : null;
        if (themeId) addTheme(doc, { id: themeId, columnId, title: themed.theme! }, 'demo');
        for (const [i, text] of themed.cards.entries()) {
          const author = who(members[(c * 4 + i) % members.length]!.key);
          createCard(
            doc,
            {
              id: uuidv7(),
              columnId,
              themeId: i < 2 ? themeId : null,
              text,
              colour: 'yellow',
              authorId: author.userId,
            },
            'demo',
          );
        }
      }
    },
  );

  return {
    cohortId: cohort.id,
    accounts: DEMO_PEOPLE.filter((p) => p.printed).map((p) => ({
      role: p.label,
      name: p.name,
      email: p.email,
      password: DEMO_PASSWORD,
    })),
  };
}
